"""The home page and plain pages: what editors create in the admin, and what visitors see
on the home page (hero, featured treatments, the newest posts, visit details) and in the
site's main menu."""

import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogIndexPage
from home.models import EnquiryPage, HomeFeaturedTreatment, HomePage, StandardPage
from tests.blog.test_blog import (
    card_post_maker,
    count_queries,
    make_image,
    make_index,
    make_posts,
    titles,
)
from tests.site.test_page_queries import BUDGETS
from tests.treatments.factories import build_indexes, default_site, make_treatment, soup
from treatments.models import (
    ClinicSettings,
    ConditionIndexPage,
    LocationIndexPage,
    Practitioner,
    PractitionerIndexPage,
    TreatmentIndexPage,
)
from treatments.results.models import ResultsIndexPage


@pytest.fixture
def card_posts(journal, db):
    """Posts with 2 authors, 2 tags and their own hero image each."""
    team = [
        Practitioner.objects.create(name="Zoe Adams", credentials="Lic.Ac."),
        Practitioner.objects.create(name="Amy Brown", credentials="MBAcC"),
    ]
    return card_post_maker(journal, team)


# --- Admin ----------------------------------------------------------------------


class HomeAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.home = default_site().root_page.specific
        self.treatments, _ = build_indexes(self.home)
        self.microneedling = make_treatment(self.treatments, "Microneedling")
        self.massage = make_treatment(self.treatments, "Facial massage")
        self.user = self.login()

    def test_editor_creates_a_plain_page_visitors_can_read(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "About the clinic",
                    "slug": "about",
                    "summary": "Who we are.",
                    "body": streamfield(
                        [("rich_text", rich_text("<h2>Our story</h2><p>We opened in 2019.</p>"))]
                    ),
                }
            ),
        )
        html = soup(self.client.get("/about/"))
        self.assertEqual(html.h1.get_text(), "About the clinic")
        self.assertEqual(html.select_one("p.lede").get_text(), "Who we are.")
        self.assertEqual(html.select_one(".block-rich_text h2").get_text(), "Our story")

    def test_editor_orders_featured_treatments_on_the_home_page(self):
        data = nested_form_data(
            {
                "title": self.home.title,
                "slug": self.home.slug,
                "hero_heading": "Calm, healthy skin",
                "intro": rich_text("<p>Welcome.</p>"),
                "hero_image": "",
                "hero_image_alt": "",
                "hero_cta_label": "Book a consultation",
                "hero_cta_url": "",
                "featured_treatments": inline_formset(
                    [
                        {"treatment": str(self.massage.pk)},
                        {"treatment": str(self.microneedling.pk)},
                    ]
                ),
                "featured_testimonials": inline_formset([]),
            }
        )
        selector = "section[aria-labelledby=featured-heading] h3 a"
        # The preview shows the chosen order before anything is saved.
        preview_url = f"/admin/pages/{self.home.pk}/edit/preview/"
        self.assertTrue(self.client.post(preview_url, data).json()["is_valid"])
        self.assertEqual(
            titles(self.client.get(preview_url), selector), ["Facial massage", "Microneedling"]
        )
        self.assertEqual(titles(self.client.get("/"), selector), [])

        data["action-publish"] = "Publish"
        response = self.client.post(f"/admin/pages/{self.home.pk}/edit/", data)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            titles(self.client.get("/"), selector), ["Facial massage", "Microneedling"]
        )

    def test_page_types_are_created_only_where_they_belong(self):
        """The plugin's index pages, the journal and the home app's pages go under the home
        page (the plugin's own rules: tests/treatments/test_treatments.py)."""
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                TreatmentIndexPage,
                ConditionIndexPage,
                PractitionerIndexPage,
                LocationIndexPage,
                ResultsIndexPage,
                BlogIndexPage,
                StandardPage,
                EnquiryPage,
            },
        )
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanNotCreateAt(TreatmentIndexPage, StandardPage)


# --- Visitors: the home page and the menu ---------------------------------------------


def feature(home, treatments):
    home.featured_treatments = [
        HomeFeaturedTreatment(treatment=t, sort_order=i) for i, t in enumerate(treatments)
    ]
    home.save_revision().publish()


def test_home_page_shows_hero_featured_treatments_posts_and_visit_details(
    client, home_page, journal, treatments_index
):
    home_page.hero_heading = "Calm, healthy skin"
    home_page.save_revision().publish()
    needling = make_treatment(treatments_index, "Microneedling")
    massage = make_treatment(treatments_index, "Facial massage")
    draft = make_treatment(treatments_index, "Draft peel", live=False)
    feature(home_page, [massage, draft, needling])
    make_posts(journal, 5)

    html = soup(client.get("/"))
    assert html.h1.get_text() == "Calm, healthy skin"
    assert html.select_one(".hero a.button") is None  # no link to book anywhere yet
    featured = html.select("section[aria-labelledby=featured-heading] .cards h3 a")
    assert [(a.get_text(), a["href"]) for a in featured] == [
        ("Facial massage", massage.url),
        ("Microneedling", needling.url),
    ]
    latest = html.select("section[aria-labelledby=latest-posts] .cards h3 a")
    assert [a.get_text() for a in latest] == ["Post 4", "Post 3", "Post 2"]
    assert html.select_one("section[aria-labelledby=visit-heading]") is None

    clinic = ClinicSettings.for_site(default_site())
    clinic.booking_url = "https://book.example.com/"
    clinic.phone = "020 7946 0123"
    clinic.opening_hours = [
        {"type": "hours", "value": {"days": ["Sa"], "opens": "10:00", "closes": "14:00"}}
    ]
    clinic.save()
    html = soup(client.get("/"))
    button = html.select_one(".home-hero a.button")
    assert button["href"] == "https://book.example.com/"
    assert button.get_text() == "Book a consultation"
    visit = html.select_one("section[aria-labelledby=visit-heading]")
    assert visit.h2.get_text() == "Visit us"
    assert visit.select_one('a[href="tel:02079460123"]').get_text() == "Call 020 7946 0123"
    assert [(dt.get_text(), dt.find_next("dd").get_text()) for dt in visit.select("dt")] == [
        ("Saturday", "10:00–14:00")
    ]

    # The home page's own link wins over the clinic's.
    home_page.hero_cta_url = "https://other.example.com/book"
    home_page.save_revision().publish()
    assert soup(client.get("/")).select_one(".home-hero a.button")["href"] == (
        "https://other.example.com/book"
    )


def test_home_page_title_is_the_heading_when_no_hero_heading(client, home_page):
    assert soup(client.get("/")).h1.get_text() == home_page.title


def test_index_pages_shown_in_menus_appear_in_the_header(client, home_page):
    make_index(home_page, show_in_menus=True)
    treatments, conditions = build_indexes(home_page)
    treatments.show_in_menus = True
    treatments.save_revision().publish()
    html = soup(client.get("/"))
    nav = [(a.get_text(), a["href"]) for a in html.select("header nav[aria-label=Main] a")]
    assert nav == [("Journal", "/journal/"), ("Treatments", "/treatments/")]
    current = soup(client.get("/journal/")).select_one("header nav a[aria-current=page]")
    assert current.get_text() == "Journal"


# --- Query counts --------------------------------------------------------------------------

# The exact page budget lives in tests/site/test_page_queries.py; this test adds that the
# count does not grow with the number of posts or featured treatments shown.
HOME_QUERIES = BUDGETS["home"].built


def test_home_queries_do_not_grow_with_posts_or_featured_treatments(
    client, home_page, treatments_index, card_posts
):
    cures = [
        make_treatment(
            treatments_index,
            f"Treatment {i}",
            hero_image=make_image(f"Treatment {i}"),
            hero_image_alt="A room",
        )
        for i in range(10)
    ]
    card_posts(5)
    feature(home_page, cures[:2])
    few = count_queries(client, "/")
    card_posts(45, start=5)
    feature(home_page, cures)
    many = count_queries(client, "/")
    assert few == many
    assert many <= HOME_QUERIES
