"""The home page's testimonials, the demo's three, and what cached pages do when one changes
(the plugin's own testimonial tests: tests/treatments/test_testimonials.py)."""

import datetime
import json

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.models import HomePage, HomeTestimonial
from tests.site.test_demo import load
from tests.site.test_production import page_cache_on
from tests.treatments.factories import build_indexes, default_site, make_treatment, soup
from tests.treatments.test_importing import run_import, write
from tests.treatments.test_testimonials import SAM, choose
from treatments.models import Testimonial as PatientWords
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

SECTION = "section[aria-labelledby=testimonials-heading]"


def words(treatment, name, **fields):
    return PatientWords.objects.create(
        text=f"{name}'s words.",
        attribution=name,
        treatment=treatment,
        given_on=datetime.date(2026, 3, 14),
        consent_given_on=datetime.date(2026, 3, 20),
        consent_method="form",
        **fields,
    )


def show_on_home(home, testimonials):
    home = HomePage.objects.get(pk=home.pk)
    home.featured_testimonials = [
        HomeTestimonial(testimonial=t, sort_order=i) for i, t in enumerate(testimonials)
    ]
    home.save_revision().publish()
    return home


def home_quotes(client, path="/"):
    html = soup(client.get(path))
    return [
        (
            quote.find("blockquote").get_text().strip(),
            quote.select_one(".testimonial__by").get_text(),
        )
        for quote in html.select(f"{SECTION} figure.quote")
    ]


@pytest.fixture
def massage(home_page):
    treatments, _ = build_indexes(home_page)
    return make_treatment(treatments, "Facial massage")


# --- Editors ---------------------------------------------------------------------------


class HomeTestimonialAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.home = default_site().root_page.specific
        treatments, _ = build_indexes(self.home)
        self.massage = make_treatment(treatments, "Facial massage")
        self.sam = words(self.massage, "Sam")
        self.aisha = words(self.massage, "Aisha")
        self.login()

    def test_editor_chooses_and_orders_the_home_pages_testimonials(self):
        data = nested_form_data(
            {
                "title": self.home.title,
                "slug": self.home.slug,
                "hero_heading": "",
                "intro": rich_text("<p>Welcome.</p>"),
                "hero_image": "",
                "hero_image_alt": "",
                "hero_cta_label": "Book a consultation",
                "hero_cta_url": "",
                "featured_treatments": inline_formset([]),
                "featured_testimonials": inline_formset(
                    [{"testimonial": str(self.aisha.pk)}, {"testimonial": str(self.sam.pk)}]
                ),
            }
        )
        preview_url = f"/admin/pages/{self.home.pk}/edit/preview/"
        self.assertTrue(self.client.post(preview_url, data).json()["is_valid"])
        chosen = [
            ("Aisha's words.", "— Aisha, facial massage, March 2026"),
            ("Sam's words.", "— Sam, facial massage, March 2026"),
        ]
        self.assertEqual(home_quotes(self.client, preview_url), chosen)
        self.assertEqual(home_quotes(self.client), [])

        data["action-publish"] = "Publish"
        response = self.client.post(f"/admin/pages/{self.home.pk}/edit/", data)
        self.assertEqual(response.status_code, 302)
        self.client.logout()
        self.assertEqual(home_quotes(self.client), chosen)


# --- Visitors ----------------------------------------------------------------------------


def test_the_home_page_shows_its_chosen_testimonials_in_order(client, home_page, massage):
    assert soup(client.get("/")).select_one(SECTION) is None
    sam, ro = words(massage, "Sam"), words(None, "Ro")
    show_on_home(home_page, [ro, sam])
    html = soup(client.get("/"))
    assert html.select_one(f"{SECTION} h2").get_text() == "What patients say"
    assert home_quotes(client) == [
        ("Ro's words.", "— Ro, March 2026"),
        ("Sam's words.", "— Sam, facial massage, March 2026"),
    ]


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_home_page_reads_its_testimonials_in_a_fixed_number_of_queries(
    client, home_page, massage
):
    show_on_home(home_page, [words(massage, f"P{i}") for i in range(3)])
    queries(client, "/")  # what a first request reads once
    three = queries(client, "/")
    show_on_home(home_page, [words(massage, f"Q{i}") for i in range(20)])
    twenty = queries(client, "/")
    assert len(home_quotes(client)) == 20
    assert twenty == three


def test_apps_get_the_home_pages_testimonials_typed_without_the_consent_record(
    client, home_page, massage
):
    sam = words(massage, "Sam")
    show_on_home(home_page, [sam])
    for url in (f"/api/clinic/v1/pages/{home_page.pk}/", f"/api/v2/pages/{home_page.pk}/"):
        response = client.get(url)
        assert response.json()["testimonials"] == [
            {
                "id": sam.pk,
                "text": "Sam's words.",
                "attribution": "Sam",
                "treatment": {
                    "id": massage.pk,
                    "title": "Facial massage",
                    "url": "/treatments/facial-massage/",
                    "type": "treatments.TreatmentPage",
                },
                "date": "2026-03-14",
                "source": {"kind": "clinic", "name": "", "url": None},
            }
        ]
        assert "consent" not in response.content.decode()


# --- Cached pages ----------------------------------------------------------------------------


@pytest.fixture
def cached(home_page, massage):
    for cache in caches.all():
        cache.clear()
    sam = words(massage, "Sam")
    choose(massage, sam)
    show_on_home(home_page, [sam])
    return sam


@page_cache_on
def test_editing_or_deleting_a_testimonial_refreshes_the_pages_that_show_it(
    client, cached, django_capture_on_commit_callbacks
):
    for path in ("/", "/treatments/facial-massage/"):
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit"

    cached.text = "Better still a week later."
    with django_capture_on_commit_callbacks(execute=True):
        cached.save()
    for path in ("/", "/treatments/facial-massage/"):
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
        assert "Better still a week later." in response.text

    with django_capture_on_commit_callbacks(execute=True):
        cached.delete()
    for path in ("/", "/treatments/facial-massage/"):
        assert "Better still" not in client.get(path).text, path


# --- Importing -------------------------------------------------------------------------------


def test_the_home_file_lists_testimonials_by_id_in_its_order(home_page, tmp_path):
    build_indexes(home_page)
    write(tmp_path, "sam.md", SAM)
    write(
        tmp_path,
        "ro.md",
        SAM.replace("name: Sam", "name: Ro").replace("    treatment: facial-massage\n", ""),
    )
    write(
        tmp_path,
        "massage.md",
        """
        ---
        type: treatment
        title: Facial massage
        summary: A relaxing massage.
        ---
        Gentle work on the face.
        """,
    )
    write(
        tmp_path,
        "home.md",
        """
        ---
        type: home
        title: Juniper
        testimonials: [ro, sam]
        ---
        Welcome.
        """,
    )
    run_import(tmp_path, publish=True)
    home = HomePage.objects.get(pk=home_page.pk)
    assert [t.attribution for t in home.testimonials()] == ["Ro", "Sam"]
    sam = PatientWords.objects.get(attribution="Sam")
    assert sam.treatment.specific == TreatmentPage.objects.get(slug="facial-massage")


# --- The demo clinic ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo clinic, imported once for this module and rolled back after it."""
    from tests.conftest import ensure_home_page

    with django_db_blocker.unblock(), transaction.atomic():
        ensure_home_page()
        load()
        yield
        transaction.set_rollback(True)
    for cache in caches.all():
        cache.clear()


DEMO_TESTIMONIALS = {
    "/treatments/facial-massage/": "— Sam, facial massage, March 2026",
    "/treatments/facial-acupuncture/": "— Aisha, facial acupuncture, May 2026",
    "/treatments/microneedling/": "— J. K., microneedling, September 2026",
}


@pytest.mark.usefixtures("demo")
def test_the_demo_shows_three_testimonials_one_from_a_review_site(client):
    assert [by for _, by in home_quotes(client)] == list(DEMO_TESTIMONIALS.values())
    for path, byline in DEMO_TESTIMONIALS.items():
        html = soup(client.get(path))
        assert [by.get_text() for by in html.select(".testimonial__by")] == [byline], path
    review = soup(client.get("/treatments/facial-acupuncture/")).select_one(
        ".testimonial__source a"
    )
    assert review["href"].startswith("https://") and ".example/" in review["href"]


def schema_types_and_keys(value, found=None):
    """Every @type and every property name in some JSON-LD, however deeply nested."""
    found = found or (set(), set())
    if isinstance(value, dict):
        kinds = value.get("@type", [])
        found[0].update(kinds if isinstance(kinds, list) else [kinds])
        found[1].update(value)
        for item in value.values():
            schema_types_and_keys(item, found)
    elif isinstance(value, list):
        for item in value:
            schema_types_and_keys(item, found)
    return found


@pytest.mark.usefixtures("demo")
def test_no_demo_page_marks_up_reviews_or_ratings(client):
    site = default_site()
    pages = Page.objects.live().descendant_of(site.root_page, inclusive=True).specific()
    checked = 0
    for page in pages:
        html = soup(client.get(page.url))
        for script in html.find_all("script", type="application/ld+json"):
            types, keys = schema_types_and_keys(json.loads(script.string))
            assert not types & {"Review", "AggregateRating", "Rating"}, (page.url, types)
            assert not keys & {"review", "aggregateRating", "reviewRating"}, (page.url, keys)
            checked += 1
    assert checked >= 20
