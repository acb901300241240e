"""`make run` shows the site as visitors will see it, on the address the developer opened:
the site's own 404 and 500 pages instead of Django's debug pages (SITE_ERROR_PAGES), and
absolute links on the request's host and port whatever the Site record says
(clinicsite/dev_server.py, README "Two commands", docs/seo.md "Addresses").

The tests serve requests with the development settings' middleware, DEBUG and mail
(`clinicsite.settings.dev`) through Django's test client; one test starts the real
development server on a free port.
"""

import contextlib
import io
import json
import logging
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.http import HttpResponse
from django.test import RequestFactory, TestCase, override_settings
from django.urls import path
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Site

from clinicsite import urls as site_urls
from clinicsite.dev_server import RequestOriginMiddleware
from clinicsite.settings import dev
from home.models import EnquiryPage
from tests.conftest import wait_until_listening
from tests.site.test_demo import load
from tests.site.test_foundation import ROOT
from tests.site.test_seo import head
from tests.treatments.factories import default_site, soup


def server_fault(request):
    raise RuntimeError("a bug in a view")


# The site's own URLs and a view that fails.
urlpatterns = [path("broken/", server_fault), *site_urls.urlpatterns]
handler500 = site_urls.handler500

SITE_NAME = "Juniper Skin & Face Clinic"
TREATMENT = "/treatments/microneedling/"


def development(site_error_pages=True):
    """The development settings that shape what a request gets back."""
    return override_settings(
        DEBUG=True,
        MIDDLEWARE=dev.MIDDLEWARE,
        SITE_ERROR_PAGES=site_error_pages,
        EMAIL_BACKEND=dev.EMAIL_BACKEND,
        WAGTAILAPI_BASE_URL=dev.WAGTAILAPI_BASE_URL,
        ROOT_URLCONF=__name__,
    )


# DEBUG on without the development middleware: what `make run` showed before.
debug_only = override_settings(DEBUG=True, ROOT_URLCONF=__name__)


class DevServerTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load()  # the demo clinic, as `make run` imports it

    def setUp(self):
        cache.clear()  # the enquiry rate limit and Wagtail's site root paths

    def get(self, url, host="localhost:8123"):
        return self.fresh_client().get(url, HTTP_HOST=host)

    def fresh_client(self):
        """A client that loads the middleware of the settings in force (each client's
        handler keeps the middleware it loaded first); failures answer as they would."""
        return self.client_class(raise_request_exception=False)

    # --- Error pages --------------------------------------------------------------

    def assertSiteNotFoundPage(self, response):
        self.assertEqual(response.status_code, 404)
        html = soup(response)
        self.assertEqual(html.title.string, f"Page not found | {SITE_NAME}")
        self.assertEqual(html.h1.string, "We can’t find that page")
        self.assertTrue(html.header and html.main and html.footer)  # the site's own layout

    def test_a_wrong_address_shows_the_sites_404_page(self):
        # A path Wagtail looks up, one below a real page, and one no URL pattern matches.
        for url in ("/no-such-thing/", "/treatments/no-such-treatment/", "/no-such-thing.php"):
            with self.subTest(url):
                with development():
                    self.assertSiteNotFoundPage(self.get(url))
                with debug_only:  # before: Django's debug page
                    self.assertIn("Page not found at", title(self.get(url)))

    def test_a_wrong_address_without_a_slash_is_still_redirected_first(self):
        with development():
            response = self.get("/no-such-thing")
        self.assertEqual(response.status_code, 301)
        self.assertEqual(response["Location"], "/no-such-thing/")

    def test_a_failing_view_shows_the_sites_500_page_and_its_traceback_on_the_console(self):
        with development(), self.assertLogs("django.request", "ERROR") as logged:
            response = self.get("/broken/")
        self.assertEqual(response.status_code, 500)
        html = soup(response)
        self.assertEqual(html.title.string, f"Something went wrong | {SITE_NAME}")
        self.assertEqual(html.h1.string, "Something went wrong")
        self.assertTrue(html.header and html.main and html.footer)
        [record] = logged.records
        # What the console handler prints for it (settings LOGGING), traceback and all.
        printed = logging.Formatter("%(levelname)s %(name)s: %(message)s").format(record)
        self.assertIn("ERROR django.request: Internal Server Error: /broken/", printed)
        self.assertIn("Traceback (most recent call last):", printed)
        self.assertIn("RuntimeError: a bug in a view", printed)

        with debug_only:  # before: Django's debug page, the traceback in the browser
            self.assertEqual(title(self.get("/broken/")), "RuntimeError at /broken/")

    def test_switched_off_django_shows_its_debug_pages(self):
        with development(site_error_pages=False):
            missing = self.get("/no-such-thing/")
            broken = self.get("/broken/")
        self.assertEqual(missing.status_code, 404)
        self.assertEqual(title(missing), "Page not found at /no-such-thing/")
        self.assertEqual(broken.status_code, 500)
        self.assertEqual(title(broken), "RuntimeError at /broken/")

    def test_api_errors_stay_the_json_they_were(self):
        urls = [
            "/api/no-such-api/",
            "/api/v2/pages/999999/",
            "/api/v2/pages/find/?html_path=/no-such-thing/",
            "/api/clinic/v1/no-such-endpoint/",
            "/api/clinic/v1/pages/find/?html_path=/no-such-thing/",
        ]
        for url in urls:
            with self.subTest(url):
                with debug_only:
                    before = self.get(url)
                with development():
                    after = self.get(url)
                self.assertEqual(after.status_code, 404)
                self.assertTrue(after["Content-Type"].startswith("application/json"))
                self.assertTrue(json.loads(after.content)["message"])
                self.assertEqual(
                    (after.status_code, after["Content-Type"], after.content),
                    (before.status_code, before["Content-Type"], before.content),
                )

    # --- Absolute links -----------------------------------------------------------

    def assertAllOn(self, origin, urls):
        urls = list(urls)
        self.assertTrue(urls)
        wrong = [url for url in urls if not url.startswith(origin + "/")]
        self.assertEqual(wrong, [], f"not on {origin}")

    def test_canonical_share_tags_and_json_ld_follow_the_requests_host_and_port(self):
        for host in ("localhost:8123", "127.0.0.1:8123", "localhost"):
            origin = f"http://{host}"
            with self.subTest(host), development():
                tags = head(soup(self.get(TREATMENT, host)))
                self.assertEqual(tags["canonical"], origin + TREATMENT)
                self.assertEqual(tags["og:url"], origin + TREATMENT)
                self.assertAllOn(origin, [tags["og:image"], tags["twitter:image"]])
                self.assertAllOn(origin, json_ld_addresses(self.graph(TREATMENT, host)))
                not_found = head(soup(self.get("/no-such-thing/", host)))
                self.assertEqual(not_found["og:url"], origin + "/no-such-thing/")

    def graph(self, url, host):
        scripts = soup(self.get(url, host)).find_all("script", type="application/ld+json")
        return json.loads(scripts[0].string)["@graph"]

    def test_links_follow_the_request_whatever_port_the_site_record_names(self):
        Site.objects.filter(pk=default_site().pk).update(hostname="127.0.0.1", port=8000)
        Site.clear_site_root_paths_cache()
        with development():
            tags = head(soup(self.get(TREATMENT, "localhost:8123")))
            self.assertEqual(tags["canonical"], "http://localhost:8123" + TREATMENT)
            tags = head(soup(self.get(TREATMENT, "127.0.0.1:8765")))
            self.assertEqual(tags["canonical"], "http://127.0.0.1:8765" + TREATMENT)

    def test_sitemap_feeds_and_robots_txt_follow_the_request(self):
        origin = "http://localhost:8123"
        with development():
            sitemap = ET.fromstring(self.get("/sitemap.xml").content)
            rss = ET.fromstring(self.get("/blog/feed/rss/").content)
            robots = self.get("/robots.txt").content.decode()
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        locations = [loc.text for loc in sitemap.findall("s:url/s:loc", ns)]
        self.assertIn(origin + TREATMENT, locations)
        self.assertAllOn(origin, locations)
        self.assertAllOn(origin, [link.text for link in rss.iter("link")])
        self.assertIn(f"Sitemap: {origin}/sitemap.xml", robots)

    def test_both_apis_links_follow_the_request(self):
        origin = "http://localhost:8123"
        with development():
            listing = self.get("/api/v2/pages/?limit=50").json()
            found = self.get(f"/api/v2/pages/find/?html_path={TREATMENT}")
            images = self.get("/api/v2/images/").json()
            clinic = self.get("/api/clinic/v1/treatments/").json()
        meta = [item["meta"] for item in listing["items"]]
        self.assertAllOn(origin, [m["detail_url"] for m in meta] + [m["html_url"] for m in meta])
        self.assertAllOn(origin, [item["meta"]["detail_url"] for item in images["items"]])
        self.assertEqual(found.status_code, 302)
        self.assertAllOn(origin, [found["Location"]])
        self.assertAllOn(origin, [item["html_url"] for item in clinic["items"]])

    def test_the_enquiry_email_links_to_the_admin_on_the_requests_address(self):
        data = {
            "name": "Jane Doe",
            "email": "jane@example.com",
            "phone": "",
            "treatment": "",
            "message": "Do you have appointments on Saturdays?",
            "consent": "on",
            "topic": "",
        }
        printed = io.StringIO()
        with development(), contextlib.redirect_stdout(printed):
            response = self.fresh_client().post("/contact/", data, HTTP_HOST="localhost:8123")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(FormSubmission.objects.count(), 1)
        page = EnquiryPage.objects.get()
        listing = f"All enquiries: http://localhost:8123/admin/forms/submissions/{page.pk}/"
        self.assertIn(listing, printed.getvalue())

    def test_outside_development_links_keep_the_site_records_address(self):
        with development():  # the rule applies to requests served by the dev settings only
            self.get(TREATMENT)
        tags = head(soup(self.get(TREATMENT)))
        self.assertEqual(tags["canonical"], "http://localhost" + TREATMENT)
        self.assertEqual(default_site().root_url, "http://localhost")
        self.assertEqual(EnquiryPage.objects.get().full_url, "http://localhost/contact/")


@override_settings(EMAIL_BACKEND=dev.EMAIL_BACKEND)
def test_admin_links_in_html_mail_follow_the_request_too():
    """Wagtail's notifications (moderation, comments) have an HTML part with admin links."""
    base = settings.WAGTAILADMIN_BASE_URL

    def notify(request):
        message = EmailMultiAlternatives(
            "Submitted", f"Review: {base}/admin/pages/3/", to=["a@b.c"]
        )
        message.attach_alternative(f'<a href="{base}/admin/pages/3/">Review</a>', "text/html")
        message.send()
        return HttpResponse()

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        RequestOriginMiddleware(notify)(RequestFactory().get("/", HTTP_HOST="localhost:8123"))
    assert "Review: http://localhost:8123/admin/pages/3/" in printed.getvalue()
    assert '<a href="http://localhost:8123/admin/pages/3/">' in printed.getvalue()
    assert base not in printed.getvalue()


def title(response):
    return " ".join(soup(response).title.string.split())


def json_ld_addresses(items):
    """Every absolute address of the site in a JSON-LD graph: ids, urls, images (not the
    clinic's profiles elsewhere, `sameAs`)."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key != "sameAs":
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value.startswith(("http://", "https://")):
            if "schema.org" not in value:
                found.append(value)

    walk(items)
    return found


# --- The real development server --------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_make_run_on_another_port_shows_the_sites_pages_and_links_on_that_port(tmp_path):
    """`manage.py runserver` with the development settings, as `make run PORT=…` starts it,
    on a fresh database (the home page the migrations make)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SITE_"))},
        "DJANGO_SETTINGS_MODULE": "clinicsite.settings.dev",
        "DJANGO_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "PAGE_CACHE_DIR": str(tmp_path / "page-cache"),
    }
    env.pop("DATABASE_URL", None)
    env.pop("WAGTAILAPI_BASE_URL", None)
    manage = [sys.executable, "manage.py"]
    migrated = subprocess.run(
        [*manage, "migrate", "--noinput"], cwd=ROOT, env=env, capture_output=True, timeout=300
    )
    assert migrated.returncode == 0, migrated.stderr
    port = free_port()
    with open(tmp_path / "server.log", "w") as log:
        server = subprocess.Popen(
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_listening(port, seconds=60)
            status, html = fetch(f"http://localhost:{port}/")
            assert status == 200
            tags = head(BeautifulSoup(html, "html.parser"))
            assert tags["canonical"] == f"http://localhost:{port}/"
            assert tags["og:image"].startswith(f"http://localhost:{port}/static/")

            status, html = fetch(f"http://127.0.0.1:{port}/no-such-thing/")
            assert status == 404
            page = BeautifulSoup(html, "html.parser")
            assert page.h1.string == "We can’t find that page"
            assert head(page)["og:url"] == f"http://127.0.0.1:{port}/no-such-thing/"
        finally:
            server.terminate()
            server.wait(timeout=10)
