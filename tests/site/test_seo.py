"""What search engines and link previews see: titles, descriptions, canonical and share
tags on every page type of the demo clinic, sitemap.xml, robots.txt, redirects after a
slug change or a move, and the 404 and 500 pages (docs/seo.md)."""

import io
import xml.etree.ElementTree as ET
from unittest import mock
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles.views import serve as serve_static
from django.db import OperationalError, connection
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.views.static import serve as serve_media
from PIL import Image
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from blog.models import BlogIndexPage, BlogPage
from clinicsite import urls as site_urls
from home.models import HomePage, StandardPage
from tests.site.test_demo import load
from tests.treatments.factories import default_site, publish, soup
from treatments.models import (
    ConditionIndexPage,
    ConditionPage,
    Practitioner,
    PractitionerIndexPage,
    TreatmentIndexPage,
    TreatmentPage,
)


def server_fault(request):
    raise RuntimeError("a bug in a view")


# The site's own URLs, plus a view that fails and the media and static files a web server
# would serve in production (the test settings run without DEBUG, so nothing else does).
urlpatterns = [
    path("broken/", server_fault),
    re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT}),
    re_path(r"^static/(?P<path>.*)$", serve_static, {"insecure": True}),
    *site_urls.urlpatterns,
]
handler500 = site_urls.handler500

SITE_NAME = "Juniper Skin & Face Clinic"
ROOT = "http://localhost"  # the demo site's Site record: canonical URLs are built from it

# One page of each type in the demo (a plain page is added in setUpTestData).
PAGES = {
    "home": "/",
    "treatment index": "/treatments/",
    "treatment": "/treatments/microneedling/",
    "condition index": "/conditions/",
    "condition": "/conditions/acne/",
    "practitioners": "/team/",
    "blog index": "/blog/",
    "blog post": "/blog/sun-care-after-skin-treatments/",
    "standard page": "/prices/",
}


def head(html):
    """The tags of <head> a crawler reads, by name or property."""
    meta = {}
    for tag in html.head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key:
            meta[key] = tag.get("content")
    canonical = html.head.find("link", rel="canonical")
    meta["canonical"] = canonical["href"] if canonical else None
    meta["title"] = html.title.string
    return meta


@override_settings(ROOT_URLCONF=__name__)
class DemoPageTagsTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        load()
        publish(
            default_site().root_page,
            StandardPage(
                title="Prices",
                slug="prices",
                summary="What each treatment costs, and what a course of sessions costs.",
            ),
        )

    def get_head(self, url, status=200, **extra):
        response = self.client.get(url, **extra)
        self.assertEqual(response.status_code, status, url)
        return head(soup(response))

    def fetch_image(self, url):
        """GET an absolute image address of the site; the image's (width, height)."""
        response = self.client.get(urlsplit(url).path)
        self.assertEqual(response.status_code, 200, url)
        content = b"".join(response.streaming_content)
        return Image.open(io.BytesIO(content)).size

    def test_each_page_type_has_its_title_and_a_description_from_the_right_field(self):
        tags = {kind: self.get_head(url) for kind, url in PAGES.items()}
        intro = {  # rich text: the description is its plain text
            model: model.objects.get().intro
            for model in (HomePage, TreatmentIndexPage, ConditionIndexPage, BlogIndexPage)
        }
        intro["team"] = PractitionerIndexPage.objects.get().intro
        expected = {
            # The home page's title already names the site, so it is not repeated.
            "home": (SITE_NAME, intro[HomePage]),
            "treatment index": (f"Treatments | {SITE_NAME}", intro[TreatmentIndexPage]),
            "treatment": (
                f"Microneedling | {SITE_NAME}",
                TreatmentPage.objects.get(slug="microneedling").summary,
            ),
            "condition index": (f"Conditions we treat | {SITE_NAME}", intro[ConditionIndexPage]),
            "condition": (f"Acne | {SITE_NAME}", ConditionPage.objects.get(slug="acne").summary),
            "practitioners": (f"Our practitioners | {SITE_NAME}", intro["team"]),
            "blog index": (f"Journal | {SITE_NAME}", intro[BlogIndexPage]),
            "blog post": (
                f"Sun care after skin treatments | {SITE_NAME}",
                BlogPage.objects.get(slug="sun-care-after-skin-treatments").summary,
            ),
            "standard page": (
                f"Prices | {SITE_NAME}",
                StandardPage.objects.get(slug="prices").summary,
            ),
        }
        for kind, (title, source) in expected.items():
            with self.subTest(kind):
                self.assertEqual(tags[kind]["title"], title)
                source = " ".join(BeautifulSoup(source, "html.parser").get_text(" ").split())
                description = tags[kind]["description"]
                self.assertNotIn("<", description)
                if len(source) <= 160:
                    self.assertEqual(description, source)
                else:  # cut after a whole word, short enough for a results page
                    self.assertLessEqual(len(description), 160)
                    self.assertEqual(description[-1], "…")
                    kept = description[:-1]
                    self.assertTrue(source.startswith(kept), (source, kept))
                    self.assertFalse(source[len(kept)].isalnum())  # not mid-word
        # Both kinds are in the demo: the rule above was exercised both ways.
        self.assertTrue(any(tags[k]["description"].endswith("…") for k in PAGES))
        self.assertTrue(any(not tags[k]["description"].endswith("…") for k in PAGES))

    def test_every_live_demo_page_has_its_own_title_and_a_description(self):
        pages = default_site().root_page.get_descendants(inclusive=True).live()
        self.assertGreaterEqual(pages.count(), 29)  # 28 demo pages and the plain page
        titles = {}
        for page in pages:
            tags = self.get_head(page.url)
            titles.setdefault(tags["title"], []).append(page.url)
            self.assertTrue(tags["description"].strip(), page.url)
            self.assertEqual(tags["canonical"], ROOT + page.url)
        self.assertEqual([urls for urls in titles.values() if len(urls) > 1], [])

    def test_seo_fields_win_over_the_title_and_summary(self):
        page = TreatmentPage.objects.get(slug="microneedling")
        page.seo_title = "Microneedling in north London"
        # Longer than a summary would be allowed to be: used as the editor wrote it.
        page.search_description = "Collagen induction with a medical-grade pen. " * 5
        page.save_revision().publish()
        tags = self.get_head(page.url)
        self.assertEqual(tags["title"], f"Microneedling in north London | {SITE_NAME}")
        self.assertEqual(tags["og:title"], "Microneedling in north London")
        for key in ("description", "og:description", "twitter:description"):
            self.assertEqual(tags[key], page.search_description.strip())

    def test_a_page_with_nothing_to_say_borrows_the_home_page_description(self):
        publish(default_site().root_page, StandardPage(title="Gift vouchers", slug="vouchers"))
        tags = self.get_head("/vouchers/")
        self.assertTrue(tags["description"].startswith("Gentle, evidence-aware treatments"))

    def test_canonical_and_share_tags_on_every_page_type(self):
        for kind, url in PAGES.items():
            with self.subTest(kind):
                tags = self.get_head(url)
                self.assertEqual(tags["canonical"], ROOT + url)
                self.assertEqual(tags["og:url"], tags["canonical"])
                self.assertEqual(tags["og:site_name"], SITE_NAME)
                self.assertEqual(tags["og:locale"], "en_GB")
                self.assertEqual(tags["og:title"], tags["title"].removesuffix(f" | {SITE_NAME}"))
                self.assertEqual(tags["og:description"], tags["description"])
                self.assertEqual(tags["twitter:card"], "summary_large_image")
                self.assertEqual(tags["twitter:title"], tags["og:title"])
                self.assertEqual(tags["twitter:description"], tags["description"])
                self.assertEqual(tags["twitter:image"], tags["og:image"])
                self.assertTrue(tags["og:image"].startswith(ROOT + "/media/images/"))
                self.assertTrue(tags["og:image:alt"])
                self.assertEqual(tags["twitter:image:alt"], tags["og:image:alt"])
                size = self.fetch_image(tags["og:image"])
                self.assertEqual(size, (int(tags["og:image:width"]), int(tags["og:image:height"])))
                self.assertEqual(tags["og:type"], "article" if kind == "blog post" else "website")

    def test_share_image_is_the_pages_hero_else_the_home_pages(self):
        treatment = TreatmentPage.objects.get(slug="microneedling")
        tags = self.get_head(treatment.url)
        self.assertRegex(tags["og:image"], r"/media/images/microneedling(_\w+)?\.")
        self.assertEqual(tags["og:image:alt"], treatment.hero_image_alt)
        home = HomePage.objects.get()
        tags = self.get_head("/team/")  # no hero image field at all
        self.assertRegex(tags["og:image"], r"/media/images/home(_\w+)?\.")
        self.assertEqual(tags["og:image:alt"], home.hero_image_alt)

    def test_without_any_hero_image_the_sites_default_picture_is_shared(self):
        home = HomePage.objects.get()
        home.hero_image = None
        home.hero_image_alt = ""
        home.save_revision().publish()
        tags = self.get_head("/conditions/")
        self.assertEqual(tags["og:image"], ROOT + "/static/img/share-default.png")
        self.assertEqual(self.fetch_image(tags["og:image"]), (1200, 630))
        self.assertEqual((tags["og:image:width"], tags["og:image:height"]), ("1200", "630"))
        self.assertIn("leaf", tags["og:image:alt"])

    def test_blog_posts_are_articles_with_their_publication_date(self):
        post = BlogPage.objects.get(slug="sun-care-after-skin-treatments")
        tags = self.get_head(post.url)
        self.assertEqual(tags["og:type"], "article")
        self.assertEqual(tags["article:published_time"], post.date.isoformat())
        self.assertEqual(tags["article:modified_time"], post.last_published_at.isoformat())
        self.assertNotIn("article:published_time", self.get_head("/blog/"))

    @mock.patch("blog.models.POSTS_PER_PAGE", 1)
    def test_sub_views_and_later_listing_pages_have_their_own_title_and_canonical(self):
        views = {
            "/blog/?page=2": (f"Journal, page 2 | {SITE_NAME}", ROOT + "/blog/?page=2"),
            # Out of range: the last page (one post a page, six posts), named as such.
            "/blog/?page=99": (f"Journal, page 6 | {SITE_NAME}", ROOT + "/blog/?page=6"),
            "/blog/?page=1": (f"Journal | {SITE_NAME}", ROOT + "/blog/"),
            "/blog/tag/aftercare/": (
                f"Posts tagged “aftercare” | Journal | {SITE_NAME}",
                ROOT + "/blog/tag/aftercare/",
            ),
            "/blog/tag/aftercare/?page=2": (
                f"Posts tagged “aftercare” | Journal, page 2 | {SITE_NAME}",
                ROOT + "/blog/tag/aftercare/?page=2",
            ),
            "/treatments/microneedling/aftercare/": (
                f"Aftercare: Microneedling | {SITE_NAME}",
                ROOT + "/treatments/microneedling/aftercare/",
            ),
        }
        titles = set()
        for url, (title, canonical) in views.items():
            with self.subTest(url):
                tags = self.get_head(url)
                self.assertEqual(tags["title"], title)
                self.assertEqual(tags["canonical"], canonical)
                self.assertTrue(tags["description"])
                titles.add(title)
        self.assertEqual(len(titles), len(views))
        self.assertEqual(self.get_head("/treatments/microneedling/aftercare/")["robots"], "noindex")
        self.assertNotIn("robots", self.get_head("/treatments/microneedling/"))

    def test_favicons_are_linked_and_served(self):
        html = soup(self.client.get("/"))
        icons = {
            link["href"]: link.get("type")
            for link in html.head.find_all("link", rel=["icon", "apple-touch-icon"])
        }
        self.assertEqual(
            icons,
            {
                "/static/img/favicon.svg": "image/svg+xml",
                "/static/img/favicon-32.png": "image/png",
                "/static/img/apple-touch-icon.png": None,
            },
        )
        svg = self.client.get("/static/img/favicon.svg")
        self.assertEqual(svg["Content-Type"], "image/svg+xml")
        self.assertIn(b"<svg", b"".join(svg.streaming_content))
        self.assertEqual(self.fetch_image("/static/img/favicon-32.png"), (32, 32))
        self.assertEqual(self.fetch_image("/static/img/apple-touch-icon.png"), (180, 180))
        self.assertRedirects(
            self.client.get("/favicon.ico"), "/static/img/favicon-32.png", status_code=302
        )

    def test_the_admin_preview_of_a_new_page_has_its_tags(self):
        self.login()
        home = default_site().root_page
        url = reverse("wagtailadmin_pages:preview_on_add", args=("home", "standardpage", home.pk))
        data = nested_form_data(
            {
                "title": "Finding us",
                "slug": "finding-us",
                "summary": "Two minutes from the station, with step-free access.",
                "hero_image": "",
                "hero_image_alt": "",
                "body": streamfield([("rich_text", rich_text("<p>Take the lift.</p>"))]),
            }
        )
        self.assertEqual(self.client.post(url, data).json()["is_valid"], True)
        tags = head(soup(self.client.get(url)))
        self.assertEqual(tags["title"], f"Finding us | {SITE_NAME}")
        self.assertEqual(tags["description"], data["summary"])
        self.assertEqual(tags["canonical"], ROOT + "/finding-us/")
        self.assertRegex(tags["og:image"], r"/media/images/home(_\w+)?\.")

    # --- sitemap.xml and robots.txt ------------------------------------------------

    def sitemap(self, **extra):
        response = self.client.get("/sitemap.xml", **extra)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/xml")
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        root = ET.fromstring(response.content)
        return {
            url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
            for url in root.findall("s:url", ns)
        }

    def test_sitemap_lists_every_live_public_page_with_its_last_change(self):
        site = default_site()
        draft = StandardPage(title="Opening offer", slug="opening-offer", live=False)
        site.root_page.add_child(instance=draft)
        draft.save_revision()
        private = publish(site.root_page, StandardPage(title="Staff rota", slug="staff-rota"))
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="rota"
        )
        below_private = publish(private, StandardPage(title="Holidays", slug="holidays"))

        listed = self.sitemap()
        pages = site.root_page.get_descendants(inclusive=True).live().public()
        # The practitioners' profiles, served by the team page, are listed after it.
        team = PractitionerIndexPage.objects.get()
        profiles = {f"{ROOT}{team.url}{person.slug}/" for person in Practitioner.objects.all()}
        self.assertEqual(set(listed), {ROOT + page.url for page in pages} | profiles)
        self.assertGreaterEqual(len(listed), 29)
        for page in (draft, private, below_private):
            self.assertNotIn(ROOT + page.url, listed)
        self.assertEqual(self.client.get(draft.url).status_code, 404)  # really not public
        for page in pages.specific():
            self.assertEqual(
                listed[ROOT + page.url], timezone.localdate(page.last_published_at).isoformat()
            )

    def test_sitemap_lists_the_requests_site_only(self):
        other_home = Page.get_first_root_node().add_child(
            instance=StandardPage(title="Sister clinic", slug="sister-clinic")
        )
        other_home.save_revision().publish()
        Site.objects.create(hostname="sister.example", root_page=other_home, site_name="Sister")
        self.assertEqual(list(self.sitemap(HTTP_HOST="sister.example")), ["http://sister.example/"])
        self.assertNotIn("http://sister.example/", self.sitemap())

    def test_robots_txt_names_the_sitemap_for_the_requests_host(self):
        response = self.client.get("/robots.txt", HTTP_HOST="clinic.example", secure=True)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        self.assertEqual(
            response.content.decode(),
            "User-agent: *\nDisallow: /admin/\nAllow: /\n\n"
            "Sitemap: https://clinic.example/sitemap.xml\n",
        )
        self.assertIn("Sitemap: http://testserver/sitemap.xml", self.client.get("/robots.txt").text)
        self.assertEqual(self.client.head("/robots.txt").status_code, 200)
        self.assertEqual(self.client.post("/robots.txt").status_code, 405)
        self.assertEqual(reverse("sitemap"), "/sitemap.xml")

    # --- Redirects after a slug change or a move ----------------------------------

    def edit_condition(self, page, slug, publish=True):
        data = nested_form_data(
            {
                "title": page.title,
                "slug": slug,
                "summary": page.summary,
                "hero_image": "",
                "hero_image_alt": "",
                "description": streamfield([("rich_text", rich_text("<p>Spots and more.</p>"))]),
            }
        )
        if publish:
            data["action-publish"] = "Publish"
        # Wagtail makes the redirect once the edit is committed, as a real request would be.
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        self.assertEqual(response.status_code, 302)

    def test_a_renamed_page_keeps_its_old_address_as_a_permanent_redirect(self):
        self.login()
        acne = ConditionPage.objects.get(slug="acne")
        self.edit_condition(acne, "spots-and-breakouts", publish=False)
        # Saving a draft changes nothing visitors see: the old address still serves.
        self.assertEqual(self.client.get("/conditions/acne/").status_code, 200)

        self.edit_condition(acne, "spots-and-breakouts")
        self.assertRedirects(
            self.client.get("/conditions/acne/"),
            "/conditions/spots-and-breakouts/",
            status_code=301,
        )
        # Renamed again: the first address follows the page, not the second address.
        self.edit_condition(acne, "breakouts")
        for old in ("/conditions/acne/", "/conditions/spots-and-breakouts/"):
            self.assertRedirects(self.client.get(old), "/conditions/breakouts/", status_code=301)
        # Pages linking to it show the new address.
        treatment = self.client.get("/treatments/facial-acupuncture/").content.decode()
        self.assertIn('href="/conditions/breakouts/"', treatment)
        self.assertNotIn('href="/conditions/acne/"', treatment)

    def test_a_moved_page_and_its_children_keep_their_old_addresses(self):
        self.login()
        home = default_site().root_page
        about = publish(home, StandardPage(title="About us", slug="about-us"))
        prices = StandardPage.objects.get(slug="prices")
        publish(prices, StandardPage(title="Gift vouchers", slug="gift-vouchers"))

        confirm = reverse("wagtailadmin_pages:move_confirm", args=[prices.pk, about.pk])
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(self.client.post(confirm).status_code, 302)

        moves = {
            "/prices/": "/about-us/prices/",
            "/prices/gift-vouchers/": "/about-us/prices/gift-vouchers/",
        }
        for old, new in moves.items():
            self.assertRedirects(self.client.get(old), new, status_code=301)

    # --- Error pages --------------------------------------------------------------

    def assertLooksLikeTheSite(self, html):
        self.assertIsNotNone(
            html.head.find("link", rel="stylesheet", href="/static/css/clinic.css")
        )
        self.assertEqual(html.select_one("header.site-header .brand__name").string, SITE_NAME)
        links = {a["href"] for a in html.main.find_all("a")}
        self.assertTrue({"/", "/treatments/", "/conditions/"} <= links, links)
        self.assertEqual(head(html)["robots"], "noindex")

    def test_an_unknown_address_gets_the_sites_404_page(self):
        response = self.client.get("/treatments/no-such-treatment/")
        self.assertEqual(response.status_code, 404)
        html = soup(response)
        self.assertLooksLikeTheSite(html)
        self.assertEqual(html.h1.string, "We can’t find that page")
        tags = head(html)
        self.assertEqual(tags["title"], f"Page not found | {SITE_NAME}")
        self.assertIsNone(tags["canonical"])  # no page to point search engines to
        self.assertEqual(tags["og:url"], ROOT + "/treatments/no-such-treatment/")
        self.assertTrue(tags["description"])

    def test_a_failing_view_gets_the_sites_500_page(self):
        self.client.raise_request_exception = False
        response = self.client.get("/broken/")
        self.assertEqual(response.status_code, 500)
        html = soup(response)
        self.assertLooksLikeTheSite(html)
        self.assertEqual(html.title.string, f"Something went wrong | {SITE_NAME}")

    def test_the_500_page_renders_when_the_database_is_unreachable(self):
        self.client.raise_request_exception = False
        down = OperationalError("could not connect to server")
        with mock.patch.object(connection, "cursor", side_effect=down):
            response = self.client.get("/broken/")
        self.assertEqual(response.status_code, 500)
        html = soup(response)
        self.assertIsNotNone(
            html.head.find("link", rel="stylesheet", href="/static/css/clinic.css")
        )
        self.assertEqual(html.select_one(".brand__name").string, settings.WAGTAIL_SITE_NAME)
        self.assertEqual([a["href"] for a in html.main.find_all("a")], ["/"])

        # As Django itself renders it: no context, no request, no query.
        with self.assertNumQueries(0):
            html = BeautifulSoup(render_to_string("500.html"), "html.parser")
        self.assertEqual(html.h1.string, "Something went wrong")
        self.assertIsNotNone(html.select_one("header.site-header a.brand[href='/']"))
