"""schema.org JSON-LD on every page type of the demo clinic, read as a search engine reads it.

What the plugin's pages carry in any site (possible treatments, escaping, the procedure
details from the admin, the importer and the APIs) is tested in
tests/treatments/test_structured_data.py."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from blog.models import BlogPage
from tests.conftest import ensure_home_page
from tests.treatments.factories import all_of, graph, one, soup, types
from tests.treatments.test_importing import run_import, write
from treatments.models import ConditionPage, TreatmentPage
from treatments.results.models import ResultCase

from .test_demo import load

IMAGE = Path(__file__).resolve().parents[2] / "demo" / "images" / "microneedling.jpg"

# Each test runs in a savepoint of its own, rolled back after it, over the demo below.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

# Page addresses come from the Site record, as the canonical link does; files from the request.
BASE = "http://localhost"
FILES = "http://testserver"
SCHEMA = "https://schema.org/"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo clinic, imported once for this module and rolled back after it.

    Importing takes seconds; every test here reads it, and what a test changes (an
    unpublished treatment, a new page) is rolled back with the test's own savepoint.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        ensure_home_page()
        load()
        yield
        transaction.set_rollback(True)
    cache.clear()  # e.g. renditions cached for images that are now rolled back


def body_block(page, block_type, field="body"):
    return next(block.value for block in getattr(page, field) if block.block_type == block_type)


# --- Treatments -------------------------------------------------------------------


TREATMENT_DETAILS = {
    "facial-acupuncture": ("PercutaneousProcedure", "Face, with points on the hands"),
    "facial-massage": ("NoninvasiveProcedure", "Face, neck, shoulders and scalp"),
    "microneedling": ("PercutaneousProcedure", "Face, neck, hands and body"),
}


def test_treatment_pages_describe_their_procedure_from_the_blocks(client):
    for slug, (procedure_type, body_location) in TREATMENT_DETAILS.items():
        page = TreatmentPage.objects.get(slug=slug)
        url = f"{BASE}/treatments/{slug}/"
        items = graph(client, f"/treatments/{slug}/")
        assert sorted(t for item in items for t in types(item)) == sorted(
            [
                "MedicalClinic",
                "MedicalWebPage",
                "MedicalProcedure",
                "MedicalTherapy",
                "Service",  # every demo treatment publishes prices (its `offers`)
                "FAQPage",
                "BreadcrumbList",
            ]
            # Each before-and-after result it shows: its two photos.
            + ["ImageObject"] * 2 * ResultCase.objects.public().filter(treatment=page).count()
        )
        procedure = one(items, "MedicalProcedure")
        assert procedure["@id"] == f"{url}#treatment"
        assert procedure["name"] == page.title
        assert procedure["url"] == url
        assert procedure["description"] == page.summary
        assert procedure["alternateName"] == page.other_names
        assert procedure["image"]["url"].startswith(f"{FILES}/media/")
        assert procedure["procedureType"] == f"{SCHEMA}{procedure_type}"
        assert procedure["bodyLocation"].startswith(body_location)
        assert procedure["preparation"] == page.preparation != ""
        for step in body_block(page, "what_to_expect")["steps"]:
            assert step["title"] in procedure["howPerformed"]
        for stage in body_block(page, "aftercare")["stages"]:
            assert stage["when"] in procedure["followup"]
        assert procedure["contraindication"] == list(
            body_block(page, "suitability")["not_suitable"]
        )
        web_page = one(items, "MedicalWebPage")
        assert web_page["url"] == url
        assert web_page["about"] == web_page["mainEntity"] == {"@id": procedure["@id"]}


def test_microneedling_text_properties_are_plain_text(client):
    procedure = one(graph(client, "/treatments/microneedling/"), "MedicalProcedure")
    assert (
        "Preparation (20–30 minutes): We cleanse your skin and apply a numbing cream"
        in procedure["howPerformed"]
    )
    assert "First 24 hours. Do: Wash with lukewarm water" in procedure["followup"]
    assert "Don’t: No make-up until your skin has settled" in procedure["followup"]
    assert "Scleroderma" in procedure["contraindication"]
    assert procedure["preparation"].startswith("Stop retinoids and strong acids")
    for text in (procedure["howPerformed"], procedure["followup"]):
        assert "<" not in text and "&amp;" not in text
    faq = one(graph(client, "/treatments/microneedling/"), "FAQPage")
    question = faq["mainEntity"][0]
    assert question["@type"] == "Question"
    assert question["name"] == "Does microneedling hurt?"
    assert question["acceptedAnswer"]["text"].startswith("We use numbing cream first")


def test_breadcrumbs_run_from_the_site_root_to_the_page(client):
    crumbs = one(graph(client, "/treatments/microneedling/"), "BreadcrumbList")
    assert crumbs["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{BASE}/"},
        {"@type": "ListItem", "position": 2, "name": "Treatments", "item": f"{BASE}/treatments/"},
        {
            "@type": "ListItem",
            "position": 3,
            "name": "Microneedling",
            "item": f"{BASE}/treatments/microneedling/",
        },
    ]
    # The home page shows no trail, so it has no BreadcrumbList either.
    assert all_of(graph(client, "/"), "BreadcrumbList") == []


# --- Conditions -------------------------------------------------------------------


def test_condition_pages_list_the_live_treatments_that_list_them(client):
    items = graph(client, "/conditions/fine-lines-and-wrinkles/")
    condition = one(items, "MedicalCondition")
    page = ConditionPage.objects.get(slug="fine-lines-and-wrinkles")
    assert condition["name"] == page.title
    assert condition["description"] == page.summary
    assert one(items, "MedicalWebPage")["mainEntity"] == {"@id": condition["@id"]}
    treatments = condition["possibleTreatment"]
    assert [t["name"] for t in treatments] == [
        "Facial acupuncture",
        "Facial massage",
        "Microneedling",
    ]
    assert treatments[2]["url"] == f"{BASE}/treatments/microneedling/"
    # The same node as the treatment page's own MedicalProcedure.
    assert treatments[2]["@id"] == f"{BASE}/treatments/microneedling/#treatment"

    TreatmentPage.objects.get(slug="facial-massage").unpublish()
    condition = one(graph(client, "/conditions/fine-lines-and-wrinkles/"), "MedicalCondition")
    assert [t["name"] for t in condition["possibleTreatment"]] == [
        "Facial acupuncture",
        "Microneedling",
    ]


def test_faq_page_only_where_an_faq_block_exists(client):
    seen = set()
    for page in ConditionPage.objects.live():
        has_faq = any(block.block_type == "faq" for block in page.description)
        items = graph(client, page.url)
        assert bool(all_of(items, "FAQPage")) == has_faq, page.slug
        seen.add(has_faq)
    for page in BlogPage.objects.live():
        has_faq = any(block.block_type == "faq" for block in page.body)
        assert bool(all_of(graph(client, page.url), "FAQPage")) == has_faq, page.slug
        seen.add(has_faq)
    assert seen == {True, False}  # both kinds of page were checked


# --- Posts, the clinic and other pages ----------------------------------------------


def test_blog_posts_are_blog_postings_by_practitioners(client):
    items = graph(client, "/blog/sun-care-after-skin-treatments/")
    post = one(items, "BlogPosting")
    page = BlogPage.objects.get(slug="sun-care-after-skin-treatments")
    url = f"{BASE}/blog/sun-care-after-skin-treatments/"
    assert post["headline"] == page.title == "Sun care after skin treatments"
    assert post["description"] == page.summary
    assert post["url"] == post["mainEntityOfPage"] == url
    assert post["datePublished"] == "2026-11-19"
    assert post["dateModified"] >= post["datePublished"]
    assert post["image"]["url"].startswith(f"{FILES}/media/")
    assert post["author"] == [
        {
            "@type": "Person",
            # The full node is on her profile, which these point to.
            "@id": f"{BASE}/team/ellen-okafor/#person",
            "url": f"{BASE}/team/ellen-okafor/",
            "name": "Ellen Okafor",
            "jobTitle": "Skin therapist",
            "hasCredential": [
                {
                    "@type": "EducationalOccupationalCredential",
                    "name": "Level 4 qualification in advanced skin treatments",
                },
                {
                    "@type": "EducationalOccupationalCredential",
                    "name": "member of the British Association of Beauty Therapy and Cosmetology",
                },
            ],
        }
    ]
    clinic = {"@id": one(items, "MedicalClinic")["@id"]}
    assert post["publisher"] == clinic

    two = one(graph(client, "/blog/why-a-chemist-dermaroller-may-only-exfoliate/"), "BlogPosting")
    assert [author["name"] for author in two["author"]] == ["Priya Nair", "Ellen Okafor"]
    unsigned = one(graph(client, "/blog/gua-sha-at-home-jade-or-rose-quartz/"), "BlogPosting")
    assert unsigned["author"] == clinic


def test_every_page_carries_the_clinic(client):
    clinic = one(graph(client, "/"), "MedicalClinic")
    assert clinic == {
        "@type": "MedicalClinic",
        "@id": f"{BASE}/#clinic",
        "name": "Juniper Skin & Face Clinic",
        "url": f"{BASE}/",
        "telephone": "020 7946 0321",
        "email": "hello@juniper-clinic.example",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "First floor, 14 Juniper Yard, Marlow Street, London, N1 9ZZ",
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [
                    f"{SCHEMA}{day}"
                    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
                ],
                "opens": "09:00",
                "closes": "18:00",
            },
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [f"{SCHEMA}Saturday"],
                "opens": "10:00",
                "closes": "15:00",
            },
        ],
        "image": clinic["image"],
        "sameAs": [
            "https://instagram.example/juniperskinclinic",
            "https://facebook.example/juniperskinclinic",
        ],
    }
    assert clinic["image"]["url"].startswith(f"{FILES}/media/")
    for path in ("/treatments/microneedling/", "/conditions/acne/", "/blog/", "/team/"):
        assert one(graph(client, path), "MedicalClinic") == clinic


def test_other_pages_are_web_pages_and_indexes_collection_pages(client):
    home = one(graph(client, "/"), "WebPage")
    assert home["url"] == f"{BASE}/"
    for path in ("/treatments/", "/conditions/", "/team/", "/blog/"):
        items = graph(client, path)
        assert one(items, "CollectionPage")["url"] == f"{BASE}{path}"
        assert one(items, "BreadcrumbList")["itemListElement"][-1]["item"] == f"{BASE}{path}"
    # A tag's list of posts is the journal's own page.
    tagged = graph(client, "/blog/tag/aftercare/")
    assert one(tagged, "CollectionPage")["url"] == f"{BASE}/blog/"


def test_views_without_a_page_get_the_clinic_alone(client):
    search = graph(client, reverse("search") + "?q=acne")
    assert [types(item) for item in search] == [["MedicalClinic"]]
    missing = graph(client, "/no-such-page/", status=404)
    assert [types(item) for item in missing] == [["MedicalClinic"]]


# --- The fields behind it: the importer's documented example ---------------------------


def test_the_documented_example_sets_the_procedure_details(tmp_path):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "importing.md").read_text()
    example = docs.split("```markdown\n", 1)[1].split("```\n", 1)[0]
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "microneedling.jpg").write_bytes(IMAGE.read_bytes())
    write(tmp_path, "treatments/microneedling.md", example)
    run_import(tmp_path)  # the import folder holds its ../images/; a draft: names no review
    page = TreatmentPage.objects.get(slug="microneedling").get_latest_revision_as_object()
    assert (page.procedure_type, page.body_location) == ("PercutaneousProcedure", "Face, neck")


def test_every_page_describes_itself_at_its_canonical_address(client):
    """Search engines join the JSON-LD to the page by address: both must agree."""
    for path in ("/", "/treatments/", "/treatments/microneedling/", "/conditions/acne/"):
        response = client.get(path)
        canonical = soup(response).find("link", rel="canonical")["href"]
        page_items = [item for item in graph(client, path) if "url" in item and "@id" in item]
        assert canonical in {item["url"] for item in page_items}, path
