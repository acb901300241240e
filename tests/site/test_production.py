"""Scale-out configuration from the environment, the page cache and its purge, the CDN
purge, /healthz and logs (docs/deployment.md)."""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connection
from django.test import override_settings
from wagtail.models import Page

from clinicsite import environment
from hosting.logs import JSONFormatter
from tests.site.test_foundation import PRODUCTION_ENV, ROOT, run_manage
from tests.treatments.factories import build_indexes, make_condition, make_treatment, publish
from treatments.models import ClinicSettings, TreatmentPage

SHOW_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "caches": {alias: [c["BACKEND"], c.get("LOCATION")] for alias, c in settings.CACHES.items()},
    "storage": settings.STORAGES["default"],
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "frontend_cache": settings.WAGTAILFRONTENDCACHE,
    "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
    "serve_media": settings.SERVE_MEDIA,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "database": {k: settings.DATABASES["default"][k]
                 for k in ("ENGINE", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS")},
    "log_formatter": settings.LOGGING["handlers"]["console"]["formatter"],
}))
"""


def production_settings(**env):
    result = run_manage("shell", "-c", SHOW_SETTINGS, env_overrides=PRODUCTION_ENV | env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Settings chosen by the environment ---------------------------------------------


# The folder of the page cache for the default database, the SQLite file in the repository.
DEFAULT_PAGE_CACHE_DIR = environment.page_cache_dir(
    ROOT / "var" / "page-cache",
    {"ENGINE": "django.db.backends.sqlite3", "NAME": str(ROOT / "db.sqlite3")},
)


def test_production_without_services_keeps_everything_on_this_machine():
    chosen = production_settings()
    # Pages in a folder every worker of the machine shares; the rest in each one's memory.
    assert chosen["caches"] == {
        "default": ["django.core.cache.backends.locmem.LocMemCache", "clinic"],
        "pages": ["hosting.disk_cache.ResilientDiskCache", str(DEFAULT_PAGE_CACHE_DIR)],
        "renditions": ["django.core.cache.backends.locmem.LocMemCache", "clinic-renditions"],
    }
    assert chosen["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert chosen["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert chosen["frontend_cache"] == {}
    assert chosen["serve_media"] is True
    # On: one publish purges the copies of every worker, as with Redis.
    assert chosen["page_cache_seconds"] == 300
    assert chosen["img_src"] == ["'self'"]
    assert chosen["log_formatter"] == "json"


def test_production_with_postgres_redis_s3_and_cloudflare_uses_them_all():
    chosen = production_settings(
        DATABASE_URL="postgres://clinic:secret@db.internal:5432/clinic",
        REDIS_URL="redis://cache.internal:6379/1",
        AWS_STORAGE_BUCKET_NAME="clinic-media",
        AWS_S3_REGION_NAME="eu-west-2",
        AWS_S3_CUSTOM_DOMAIN="media.clinic.example.com",
        FRONTEND_CACHE="cloudflare",
        CLOUDFLARE_BEARER_TOKEN="token",
        CLOUDFLARE_ZONE_ID="zone",
    )
    assert chosen["database"] == {
        "ENGINE": "django.db.backends.postgresql",
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
    }
    assert chosen["caches"] == {
        alias: ["hosting.redis_cache.ResilientRedisCache", "redis://cache.internal:6379/1"]
        for alias in ("default", "pages", "renditions")
    }
    assert chosen["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert chosen["storage"]["OPTIONS"] == {
        "bucket_name": "clinic-media",
        "region_name": "eu-west-2",
        "custom_domain": "media.clinic.example.com",
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": False,
    }
    # Images come from the bucket's domain, so the Content-Security-Policy allows it.
    assert chosen["img_src"] == ["'self'", "https://media.clinic.example.com"]
    assert chosen["serve_media"] is False
    assert chosen["frontend_cache"] == {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": "token",
            "ZONEID": "zone",
        }
    }
    assert chosen["page_cache_seconds"] == 300  # on by default, the cache shared


@pytest.mark.parametrize(
    "env, backend",
    [
        (
            {"FRONTEND_CACHE": "cloudfront", "CLOUDFRONT_DISTRIBUTION_ID": "E123"},
            "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        ),
        (
            {"FRONTEND_CACHE": "http", "FRONTEND_CACHE_LOCATION": "http://varnish:6081"},
            "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        ),
    ],
    ids=["cloudfront", "http"],
)
def test_cdn_purge_backend_is_chosen_by_frontend_cache(env, backend):
    (config,) = environment.frontend_cache(env).values()
    assert config["BACKEND"] == backend


def test_s3_compatible_endpoint_is_used_for_storage_and_the_content_security_policy():
    env = {"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_ENDPOINT_URL": "https://s3.example.net/"}
    options = environment.storages(env, "static")["default"]["OPTIONS"]
    assert options["endpoint_url"] == "https://s3.example.net/"
    assert environment.media_origin(env) == "https://s3.example.net"
    assert environment.media_origin({"AWS_STORAGE_BUCKET_NAME": "media"}) == (
        "https://media.s3.amazonaws.com"
    )


@pytest.mark.parametrize(
    "env, message",
    [
        ({"FRONTEND_CACHE": "akamai"}, "FRONTEND_CACHE='akamai' is not one of"),
        ({"FRONTEND_CACHE": "cloudflare"}, "CLOUDFLARE_BEARER_TOKEN is not set"),
        ({"FRONTEND_CACHE": "http"}, "FRONTEND_CACHE_LOCATION is not set"),
        ({"REDIS_URL": "http://cache:6379"}, "REDIS_URL must start with redis://"),
    ],
    ids=["unknown-cdn", "cloudflare-without-token", "http-without-location", "bad-redis-url"],
)
def test_a_wrong_setting_stops_production_start_up_with_its_name(env, message):
    result = run_manage("check", env_overrides=PRODUCTION_ENV | env)
    assert result.returncode != 0
    assert message in result.stderr


def test_check_deploy_is_clean_with_every_service_configured():
    env = PRODUCTION_ENV | {
        "DATABASE_URL": "postgres://clinic:secret@db.internal:5432/clinic",
        "REDIS_URL": "redis://cache.internal:6379/1",
        "AWS_STORAGE_BUCKET_NAME": "clinic-media",
        "FRONTEND_CACHE": "cloudfront",
        "CLOUDFRONT_DISTRIBUTION_ID": "E123",
    }
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "env, host",
    [
        ({}, "https://clinic.example.com"),  # the README's environment: the first allowed host
        (
            {"WAGTAILADMIN_BASE_URL": "https://www.clinic.example.com"},
            "https://www.clinic.example.com",
        ),
        (
            {"WAGTAILAPI_BASE_URL": "https://api.clinic.example.com/"},
            "https://api.clinic.example.com",
        ),
    ],
    ids=["allowed-host", "admin-base-url", "api-base-url"],
)
def test_api_v2_links_point_at_the_production_host(client, clinic, env, host):
    """API v2 builds `detail_url` and find's redirect from WAGTAILAPI_BASE_URL: in
    production it follows the site's public address, never the development default."""
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.WAGTAILAPI_BASE_URL)",
        env_overrides=PRODUCTION_ENV | env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    base_url = result.stdout.strip().splitlines()[-1]
    with override_settings(WAGTAILAPI_BASE_URL=base_url):
        found = client.get("/api/v2/pages/find/?html_path=/treatments/microneedling/")
        listing = client.get("/api/v2/pages/").json()
        photos = client.get("/api/v2/images/").json()
    assert found.status_code == 302
    assert found["Location"].split("?")[0] == f"{host}/api/v2/pages/{clinic['needling'].pk}/"
    links = [item["meta"]["detail_url"] for item in listing["items"] + photos["items"]]
    assert links and all(link.startswith(f"{host}/api/v2/") for link in links), links


# --- Page cache -------------------------------------------------------------------------

page_cache_on = override_settings(PAGE_CACHE_SECONDS=300)


@pytest.fixture
def clinic(home_page):
    for cache in caches.all():
        cache.clear()
    treatments, conditions = build_indexes(home_page)
    acne = make_condition(conditions, "Acne scars")
    needling = make_treatment(treatments, "Microneedling", conditions=[acne])
    return {"home": home_page, "treatments": treatments, "acne": acne, "needling": needling}


def republish(page, committing, **changes):
    page = page.specific.__class__.objects.get(pk=page.pk)
    for field, value in changes.items():
        setattr(page, field, value)
    with committing(execute=True):
        page.save_revision().publish()
    return page


@page_cache_on
def test_second_anonymous_visit_is_served_from_the_cache_without_the_database(
    client, clinic, django_assert_num_queries
):
    first = client.get("/treatments/microneedling/")
    assert first["X-Page-Cache"] == "miss"
    # Browsers always revalidate; a CDN may keep it as long as the page cache does.
    assert set(first["Cache-Control"].split(", ")) == {"public", "max-age=0", "s-maxage=300"}
    with django_assert_num_queries(0):
        second = client.get("/treatments/microneedling/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Security headers are added to cached pages as to fresh ones.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


@page_cache_on
def test_publishing_a_treatment_refreshes_it_and_every_page_that_lists_it(
    client, clinic, django_capture_on_commit_callbacks
):
    listing_pages = ["/treatments/", "/conditions/acne-scars/"]
    for url in ["/treatments/microneedling/", *listing_pages]:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
        assert "Microneedling" in client.get(url).text

    republish(clinic["needling"], django_capture_on_commit_callbacks, title="Collagen induction")

    for url in ["/treatments/microneedling/", *listing_pages]:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Collagen induction" in response.text, url


@page_cache_on
def test_a_condition_dropped_from_a_treatment_stops_listing_it(
    client, clinic, django_capture_on_commit_callbacks
):
    client.get("/conditions/acne-scars/")
    assert "Microneedling" in client.get("/conditions/acne-scars/").text
    republish(clinic["needling"], django_capture_on_commit_callbacks, treated_conditions=[])
    assert "Microneedling" not in client.get("/conditions/acne-scars/").text


@page_cache_on
def test_a_condition_newly_linked_to_a_treatment_starts_listing_it(
    client, clinic, django_capture_on_commit_callbacks
):
    from treatments.models import TreatmentCondition

    rosacea = make_condition(clinic["acne"].get_parent(), "Rosacea")
    client.get("/conditions/rosacea/")
    assert client.get("/conditions/rosacea/")["X-Page-Cache"] == "hit"
    page = TreatmentPage.objects.get(pk=clinic["needling"].pk)
    page.treated_conditions.add(TreatmentCondition(condition=rosacea, sort_order=5))
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    response = client.get("/conditions/rosacea/")
    assert response["X-Page-Cache"] == "miss"
    assert "Microneedling" in response.text


@page_cache_on
def test_an_unrelated_page_stays_cached_when_a_treatment_is_published(
    client, clinic, django_capture_on_commit_callbacks
):
    other = make_treatment(clinic["treatments"], "Facial massage")
    client.get("/treatments/facial-massage/")
    republish(clinic["needling"], django_capture_on_commit_callbacks, summary="Updated.")
    assert client.get("/treatments/facial-massage/")["X-Page-Cache"] == "hit"
    assert other.live


@page_cache_on
def test_making_a_page_private_takes_it_and_its_listing_out_of_the_cache_at_once(
    client, clinic, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    for url in ["/treatments/microneedling/", "/treatments/"]:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=clinic["needling"], restriction_type="password", password="staff only"
        )
    private = client.get("/treatments/microneedling/")
    assert 'name="password"' in private.text  # the password form, not the cached page
    assert "X-Page-Cache" not in private
    assert "Microneedling" not in client.get("/treatments/").text


@page_cache_on
def test_renaming_a_page_refreshes_the_pages_below_it(
    client, clinic, django_capture_on_commit_callbacks
):
    from treatments.models import TreatmentPage as Treatment

    child = Treatment(title="Needling aftercare", summary="Below the treatment.")
    clinic["needling"].add_child(instance=child)
    child.save_revision().publish()
    url = "/treatments/microneedling/needling-aftercare/"
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Page-Cache"] == "hit"
    republish(clinic["needling"], django_capture_on_commit_callbacks, title="Collagen induction")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "Collagen induction" in response.text  # its breadcrumb


@page_cache_on
def test_unpublishing_removes_the_page_and_its_listing_at_once(
    client, clinic, django_capture_on_commit_callbacks
):
    for url in ["/treatments/microneedling/", "/treatments/"]:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        TreatmentPage.objects.get(pk=clinic["needling"].pk).unpublish()
    assert client.get("/treatments/microneedling/").status_code == 404
    assert "Microneedling" not in client.get("/treatments/").text


@page_cache_on
def test_moving_a_page_refreshes_every_page(client, clinic, django_capture_on_commit_callbacks):
    extra = make_treatment(clinic["treatments"], "Facial acupuncture")
    client.get("/treatments/microneedling/")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=extra.pk).move(clinic["home"], pos="last-child")
    assert client.get("/treatments/microneedling/")["X-Page-Cache"] == "miss"


@page_cache_on
def test_changing_the_clinics_details_refreshes_every_page(
    client, clinic, django_capture_on_commit_callbacks
):
    client.get("/treatments/microneedling/")
    with django_capture_on_commit_callbacks(execute=True):
        ClinicSettings.objects.update_or_create(
            site=clinic["home"].get_site(), defaults={"phone": "020 7946 0000"}
        )
    assert client.get("/treatments/microneedling/")["X-Page-Cache"] == "miss"


@page_cache_on
def test_signed_in_editors_are_never_served_or_stored_in_the_cache(client, clinic, admin_user):
    client.force_login(admin_user)
    editor_view = client.get("/treatments/microneedling/")
    assert "X-Page-Cache" not in editor_view
    # Nor by a CDN that ignores Vary: Cookie.
    assert editor_view["Cache-Control"] == "private"
    assert "wagtail-userbar" in editor_view.text
    client.logout()
    client.cookies.clear()
    visitor_view = client.get("/treatments/microneedling/")
    assert visitor_view["X-Page-Cache"] == "miss"
    assert "wagtail-userbar" not in visitor_view.text


@page_cache_on
def test_a_preview_shows_the_draft_not_the_cached_live_page(client, clinic):
    # The site's own host name, which Wagtail's preview request uses too.
    client.defaults["HTTP_HOST"] = "localhost"
    client.get("/treatments/microneedling/")
    draft = TreatmentPage.objects.get(pk=clinic["needling"].pk)
    draft.title = "Draft title nobody may see yet"
    preview = draft.make_preview_request()
    assert "Draft title nobody may see yet" in preview.rendered_content
    visitor = client.get("/treatments/microneedling/")
    assert visitor["X-Page-Cache"] == "hit"
    assert "Draft title nobody may see yet" not in visitor.text


@page_cache_on
def test_forms_search_and_errors_are_not_cached(client, clinic):
    for url in ["/search/?q=micro", "/no-such-page/"]:
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url


def page_cache_entries():
    return sorted(key for key in caches["pages"]._cache if "pagecache:entry:" in key)


HOST_VARIANTS = ["localhost", "LOCALHOST", "localhost.", "LocalHost.:80", "localhost:80"]
TRACKING_VARIANTS = [
    "",
    "?utm_source=newsletter",
    "?utm_source=facebook&utm_medium=social&utm_campaign=spring",
    "?UTM_Campaign=Spring",
    "?utm_content=%F0%9F%98%80",
    "?fbclid=IwAR0abc",
    "?gclid=Cj0KCQ",
    "?msclkid=5f2e",
    "?mc_cid=8d1&mc_eid=4a9",
    "?_ga=2.1234.5678",
    "?_gl=1*abc",
]


@page_cache_on
def test_one_page_is_one_entry_whatever_its_host_spelling_or_tracking_parameters(client, clinic):
    variants = [(host, query) for host in HOST_VARIANTS for query in TRACKING_VARIANTS]
    assert len(variants) == 55
    statuses = []
    for host, query in variants:
        response = client.get(f"/treatments/microneedling/{query}", HTTP_HOST=host)
        assert response.status_code == 200
        statuses.append(response["X-Page-Cache"])
    assert statuses == ["miss"] + ["hit"] * 54
    assert len(page_cache_entries()) == 1


@page_cache_on
def test_an_address_with_a_parameter_the_page_does_not_read_is_rendered_but_not_stored(
    client, clinic
):
    client.get("/treatments/microneedling/")
    for query in ["?colour=red", "?page=2", "?q=x&utm_source=y", "?%00=%00", "?x=" + "y" * 3000]:
        for _ in range(2):
            response = client.get(f"/treatments/microneedling/{query}")
            assert response.status_code == 200, query
            assert "X-Page-Cache" not in response, query
            assert "Microneedling" in response.text
    assert len(page_cache_entries()) == 1


@page_cache_on
def test_each_page_of_the_journal_is_its_own_entry_and_junk_values_none(client, clinic):
    from tests.blog.test_blog import make_index, make_posts, titles

    client.defaults["HTTP_HOST"] = "localhost"
    journal = make_index(clinic["home"])
    make_posts(journal, 12, tags=["aftercare"])
    first, second = client.get("/journal/"), client.get("/journal/?page=2")
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "miss"
    again = client.get("/journal/?utm_source=mail&page=2", HTTP_HOST="LOCALHOST.")
    assert again["X-Page-Cache"] == "hit"
    assert titles(again) == titles(second) == ["Post 1", "Post 0"]
    assert client.get("/journal/tag/aftercare/?page=2")["X-Page-Cache"] == "miss"
    assert client.get("/journal/?page=2&tag=aftercare")["X-Page-Cache"] == "miss"
    assert len(page_cache_entries()) == 4
    # Values the listing corrects (the nearest page) or has nothing for: never stored.
    for query in ["?page=99", "?page=02", "?page=abc", "?page=", "?tag=no-such-tag",
                  "tag/no-such-tag/", "tag/aftercare/?tag=other", "?page=1&page=2"]:  # fmt: skip
        response = client.get(f"/journal/{query}")
        assert response.status_code == 200, query
        assert "X-Page-Cache" not in response, query
    assert len(page_cache_entries()) == 4


@page_cache_on
def test_a_lost_version_makes_cached_copies_miss_not_come_back(
    client, clinic, django_capture_on_commit_callbacks
):
    """The pages' Redis may evict anything (allkeys-lru), version numbers included."""
    client.get("/treatments/microneedling/")
    old_copy = {key: caches["pages"]._cache[key] for key in page_cache_entries()}
    republish(clinic["needling"], django_capture_on_commit_callbacks, title="Collagen induction")
    assert "Collagen induction" in client.get("/treatments/microneedling/").text
    # Redis evicts every version, and an old copy is still (or again) there.
    caches["pages"].clear()
    caches["pages"]._cache.update(old_copy)
    caches["pages"]._expire_info.update({key: None for key in old_copy})
    response = client.get("/treatments/microneedling/")
    assert response["X-Page-Cache"] == "miss"
    assert "Collagen induction" in response.text


def test_the_pages_cache_can_have_a_redis_of_its_own():
    """So that Redis may evict pages (allkeys-lru) but never the enquiry rate limits."""
    chosen = environment.caches(
        {"REDIS_URL": "redis://cache:6379/0", "PAGE_CACHE_REDIS_URL": "redis://pages:6379/0"}
    )
    assert {alias: config["LOCATION"] for alias, config in chosen.items()} == {
        "default": "redis://cache:6379/0",
        "pages": "redis://pages:6379/0",
        "renditions": "redis://cache:6379/0",
    }
    with pytest.raises(ImproperlyConfigured, match="PAGE_CACHE_REDIS_URL must start"):
        environment.caches({"REDIS_URL": "redis://cache:6379/0", "PAGE_CACHE_REDIS_URL": "x"})


def test_page_cache_is_off_when_its_lifetime_is_zero(client, clinic):
    client.get("/treatments/microneedling/")
    assert "X-Page-Cache" not in client.get("/treatments/microneedling/")


# --- CDN purge -------------------------------------------------------------------------


class PurgeRecorder(BaseHTTPRequestHandler):
    """A cache in front of the site that accepts PURGE requests, as Varnish does."""

    purged = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.purged.append(f"{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.purged = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", PurgeRecorder.purged
    server.shutdown()


def test_publishing_purges_the_page_and_its_listings_from_the_cdn(
    clinic, purge_server, django_capture_on_commit_callbacks
):
    location, purged = purge_server
    backends = {"http": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                         "LOCATION": location}}  # fmt: skip
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        republish(clinic["needling"], django_capture_on_commit_callbacks, summary="New.")
    assert {
        "localhost/treatments/microneedling/",
        "localhost/treatments/",
        "localhost/conditions/acne-scars/",
        "localhost/",
    } <= set(purged)


# --- Health check -------------------------------------------------------------------


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "page cache": "ok",
    }
    assert response["Cache-Control"] == "no-store"


@override_settings(ALLOWED_HOSTS=["clinic.example.com"], SECURE_SSL_REDIRECT=True)
def test_healthz_answers_a_load_balancer_asking_by_ip_over_plain_http(client, db):
    assert client.get("/healthz", HTTP_HOST="10.0.3.7").status_code == 200
    # Everything else still insists on a known host and HTTPS.
    assert client.get("/", HTTP_HOST="10.0.3.7").status_code == 400


def test_healthz_reports_an_unreachable_cache_as_degraded_not_down(client, db):
    unreachable = environment.caches({"REDIS_URL": "redis://127.0.0.1:9/0"})
    with override_settings(CACHES=unreachable):
        response = client.get("/healthz")
    # Pages are still built from the database: the load balancer must keep this server.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"


def test_healthz_reports_a_broken_page_cache_folder_as_degraded(client, db, tmp_path):
    """One server without Redis keeps its pages in a folder: a folder it cannot use (here a
    file stands where it should be) is reported, while pages are built from the database."""
    (tmp_path / "a-file").write_text("not a folder")
    broken = environment.caches({}, tmp_path / "a-file" / "page-cache")
    with override_settings(CACHES=broken):
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["page cache"]["status"] == "error"
    assert body["checks"]["cache"]["status"] == "ok"


@page_cache_on
def test_when_redis_is_down_pages_still_render_from_the_database(client, clinic, caplog):
    from wagtail.images.tests.utils import Image, get_test_image_file_jpeg

    photo = Image.objects.create(title="Room", file=get_test_image_file_jpeg(size=(800, 450)))
    TreatmentPage.objects.filter(pk=clinic["needling"].pk).update(hero_image=photo)
    unreachable = environment.caches({"REDIS_URL": "redis://127.0.0.1:9/0"})
    with override_settings(CACHES=unreachable), caplog.at_level(logging.WARNING):
        for _ in range(2):
            page = client.get("/treatments/microneedling/")
            assert page.status_code == 200
            assert "<picture" in page.text  # renditions found without their cache
            assert page["X-Page-Cache"] == "miss"
        assert client.get("/healthz").json()["status"] == "degraded"
    assert any("Redis unavailable" in record.getMessage() for record in caplog.records)


def test_after_one_redis_failure_the_process_leaves_redis_alone_for_a_while():
    """A Redis that accepts connections but never answers costs one time-out, not one per
    cache call (a page makes dozens)."""
    import socket

    from hosting.redis_cache import ResilientRedisCache

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(50)
    config = environment.caches({"REDIS_URL": f"redis://127.0.0.1:{silent.getsockname()[1]}/0"})
    cache = ResilientRedisCache(config["pages"]["LOCATION"], config["pages"])
    silent.settimeout(0.1)
    try:
        assert cache.get("page", "fallback") == "fallback"
        for _ in range(20):
            assert cache.get_many(["a", "b"]) == {}
            cache.set("page", "html")
        connections = 0
        while True:
            try:
                silent.accept()[0].close()
                connections += 1
            except TimeoutError:
                break
        assert connections == 1
    finally:
        silent.close()


def test_healthz_is_503_when_the_database_is_unreachable(client, db):
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "status": "error",
        "error": "OperationalError",
    }


# --- Logs -------------------------------------------------------------------------------


def test_json_log_lines_carry_the_request_but_not_its_query(rf):
    request = rf.get("/treatments/?email=someone@example.com")
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s",
                               (request.path,), None)  # fmt: skip
    record.request, record.status_code = request, 404
    line = json.loads(JSONFormatter().format(record))
    assert line["level"] == "WARNING"
    assert line["logger"] == "django.request"
    assert line["message"] == "Not Found: /treatments/"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/treatments/", 404)
    assert "someone@example.com" not in json.dumps(line)


REQUESTS_FROM_AN_UNKNOWN_HOST = """
from django.test import Client
client = Client(raise_request_exception=False)
for url in ("/api/v2/pages/", "/treatments/"):
    print("status", client.get(url, HTTP_HOST="evil.example").status_code)
"""


@pytest.mark.parametrize(
    "env",
    [
        {},  # the HTTPS redirect asks for the host first
        {  # behind a TLS proxy, with the page cache: a later middleware asks
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_PROXY_SSL_HEADER": "true",
            "PAGE_CACHE_SECONDS": "300",
        },
    ],
    ids=["https-redirect", "behind-a-proxy"],
)
def test_a_host_outside_allowed_hosts_is_one_warning_line_without_a_traceback(env):
    """Scanners send any Host header: one WARNING per request, not an ERROR and a traceback."""
    result = run_manage(
        "shell", "-c", REQUESTS_FROM_AN_UNKNOWN_HOST, env_overrides=PRODUCTION_ENV | env
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert [line for line in out if line.startswith("status")] == ["status 400"] * 2
    logged = [json.loads(line) for line in out if line.startswith("{")]
    assert [
        (entry["level"], entry["logger"], entry["path"], entry["status"]) for entry in logged
    ] == [
        ("WARNING", "django.security.DisallowedHost", "/api/v2/pages/", 400),
        ("WARNING", "django.security.DisallowedHost", "/treatments/", 400),
    ]
    assert all("exception" not in entry for entry in logged)
    assert "Traceback" not in result.stdout + result.stderr
    assert "'evil.example'" in logged[0]["message"]


def test_gunicorn_lets_a_long_address_reach_the_api(tmp_path):
    """gunicorn refuses a request line over `limit_request_line` with an HTML 414 before the
    app sees it; site/gunicorn.conf.py raises it to gunicorn's most (8190 bytes), so a long
    `html_path` gets the API's JSON 400 (docs/api.md, "Bad input")."""
    import http.client
    import os
    import socket
    import subprocess
    import sys

    from tests.conftest import wait_until_listening
    from tests.site.test_foundation import ROOT

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinicsite.settings.test",
        "DJANGO_MEDIA_ROOT": str(tmp_path),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "site/gunicorn.conf.py"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip

    def get(target):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        try:
            connection.request("GET", target)
            response = connection.getresponse()
            return response.status, response.getheader("Content-Type"), response.read()
        finally:
            connection.close()

    try:
        wait_until_listening(port, seconds=30)
        find = "/api/clinic/v1/pages/find/?html_path=/"
        status, content_type, body = get(find + "a/" * 3000)  # a 6 KB request line
        assert status == 400 and content_type.startswith("application/json"), body[:200]
        assert "html_path" in json.loads(body)["message"]
        # Above gunicorn's most, gunicorn still answers itself.
        assert get(find + "a/" * 4100)[0] == 414
    finally:
        server.terminate()
        server.wait(timeout=30)


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=9, ENQUIRY_EMAIL_TO="clinic@example.com",
)  # fmt: skip
def test_a_failed_enquiry_email_is_logged_without_the_visitors_details(client, home_page, caplog):
    from home.models import EnquiryPage

    publish(home_page, EnquiryPage(title="Contact us", slug="contact"))
    visitor = {
        "name": "Priya Visitorname",
        "email": "priya.private@example.org",
        "phone": "07700 900123",
        "treatment": "",
        "message": "I have rosacea flare-ups on my cheeks",
        "consent": "on",
        "topic": "",
    }
    with caplog.at_level(logging.INFO):
        response = client.post("/contact/", visitor)
    assert response.status_code == 302
    assert any("emailing it to clinic@example.com failed" in r.getMessage() for r in caplog.records)
    written = "\n".join(JSONFormatter().format(record) for record in caplog.records)
    for field in ("name", "email", "phone", "message"):
        assert visitor[field] not in written


# --- The shared services themselves: Redis and S3-compatible storage -------------------


@pytest.fixture
def redis_caches(redis_url):
    shared = environment.caches({"REDIS_URL": redis_url})
    with override_settings(CACHES=shared):
        for cache in caches.all():
            cache.clear()
        yield shared


@page_cache_on
def test_on_redis_a_publish_refreshes_the_cached_page(
    client, clinic, redis_caches, django_capture_on_commit_callbacks
):
    client.get("/conditions/acne-scars/")
    assert client.get("/conditions/acne-scars/")["X-Page-Cache"] == "hit"
    republish(clinic["needling"], django_capture_on_commit_callbacks, title="Collagen induction")
    response = client.get("/conditions/acne-scars/")
    assert response["X-Page-Cache"] == "miss"
    assert "Collagen induction" in response.text


def test_on_redis_the_health_check_passes_and_what_one_server_caches_another_reads(
    client, home_page, redis_caches
):
    assert client.get("/healthz").json()["checks"]["cache"]["status"] == "ok"
    # What one app server writes, another reads: here, a fresh connection to the same Redis.
    caches["default"].set("shared-check", "from server one")
    other_server = environment.caches({"REDIS_URL": redis_caches["default"]["LOCATION"]})
    from django.core.cache.backends.redis import RedisCache

    config = other_server["default"]
    assert (
        RedisCache(config["LOCATION"], {"KEY_PREFIX": config["KEY_PREFIX"]}).get("shared-check")
        == "from server one"
    )


@pytest.fixture
def bucket():
    """An S3 API in this process (moto) with the clinic's bucket, used as default storage."""
    import boto3
    from moto import mock_aws

    env = {"AWS_STORAGE_BUCKET_NAME": "clinic-media", "AWS_S3_REGION_NAME": "eu-west-2"}
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-west-2")
        s3.create_bucket(
            Bucket="clinic-media",
            CreateBucketConfiguration={"LocationConstraint": "eu-west-2"},
        )
        with override_settings(
            STORAGES=environment.storages(
                env, "django.contrib.staticfiles.storage.StaticFilesStorage"
            )
        ):
            yield lambda: sorted(
                item["Key"]
                for item in s3.list_objects_v2(Bucket="clinic-media").get("Contents", [])
            )


def test_uploaded_photos_and_their_renditions_are_stored_in_the_bucket(
    client, clinic, bucket, django_capture_on_commit_callbacks
):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file_jpeg

    photo = Image.objects.create(
        title="Treatment room", file=get_test_image_file_jpeg(filename="room.jpg", size=(800, 450))
    )
    republish(clinic["needling"], django_capture_on_commit_callbacks, hero_image=photo)
    page = client.get("/treatments/microneedling/")
    assert page.status_code == 200
    keys = bucket()
    assert "original_images/room.jpg" in keys
    renditions = [key for key in keys if key.startswith("images/room.")]
    # The hero's sizes in AVIF, WebP and JPEG, all in the bucket, none on local disk.
    assert {key.rsplit(".", 1)[1] for key in renditions} == {"avif", "webp", "jpg"}
    assert "https://clinic-media.s3.amazonaws.com/images/room." in page.text


def test_an_api_failure_is_logged_once_with_its_traceback(client, home_page, caplog):
    from wagtail.api.v2.views import PagesAPIViewSet

    client.raise_request_exception = False
    broken = mock.patch.object(PagesAPIViewSet, "listing_view", side_effect=RuntimeError("x"))
    with broken, caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/api/v2/pages/")
    assert response.status_code == 500
    assert response.json() == {"message": "Internal Server Error."}
    logged = [r for r in caplog.records if r.name == "django.request"]
    assert [r.getMessage() for r in logged] == ["Internal Server Error: /api/v2/pages/"]
    assert logged[0].exc_info is not None


def test_a_failing_health_check_is_logged_once_naming_the_check(client, db, caplog):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("refused")):
        with caplog.at_level(logging.WARNING):
            assert client.get("/healthz").status_code == 503
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        "Health check failed: database: OperationalError"
    ]
