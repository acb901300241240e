"""The results gallery in the clinic's site (issue 23): each filter of the results page is a
kept part and a cached copy of its own while a made-up one is kept nowhere; cases are in no
site search and have no address of their own; the results page is in the sitemap; and once
consent is withdrawn, the case's photos are on no page at all. The gallery's own behaviour
is tested with the plugin (tests/treatments/test_results_gallery.py)."""

import datetime
from unittest import mock
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from page_cache.middleware import seconds_to_keep
from tests.treatments.factories import build_indexes, make_condition, make_treatment, publish
from tests.treatments.test_results_gallery import captions, consent, days, make_case
from treatments.results.models import ResultsIndexPage

pytestmark = pytest.mark.django_db

# Query budgets of the two pages that show cases, with 3 cases as with 20 (docs/performance.md):
# built in full (the first visit after a change), then kept.
TREATMENT_PAGE = {"built": 22, "kept": 3}
RESULTS_PAGE = {"built": 16, "kept": 3}
FILTERED_RESULTS_PAGE = {"built": 18, "kept": 5}  # kept: checking both filters are on offer


@pytest.fixture
def clinic(home_page):
    for cache in caches.all():
        cache.clear()
    treatments, conditions = build_indexes(home_page)
    scars = make_condition(conditions, "Acne scars")
    lines = make_condition(conditions, "Fine lines")
    return {
        "scars": scars,
        "lines": lines,
        "needling": make_treatment(treatments, "Microneedling", [scars, lines]),
        "peel": make_treatment(treatments, "Chemical peel", [lines]),
        "results": publish(home_page, ResultsIndexPage(title="Results", slug="results")),
    }


@pytest.fixture
def cases(clinic):
    return {
        "scars": make_case(clinic["needling"], "Shallower scars.", [clinic["scars"]]),
        "lines": make_case(clinic["peel"], "Softer lines.", [clinic["lines"]]),
    }


def html(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code)
    return response.content.decode()


def test_each_filter_is_its_own_kept_part_and_cached_copy_and_junk_is_kept_nowhere(
    client, cases, django_assert_max_num_queries
):
    pages = caches["pages"]
    addresses = {
        "/results/": ["Softer lines.", "Shallower scars."],
        "/results/?treatment=microneedling": ["Shallower scars."],
        "/results/?condition=fine-lines": ["Softer lines."],
        "/results/?treatment=chemical-peel&condition=fine-lines": ["Softer lines."],
    }
    with override_settings(PAGE_PARTS_SECONDS=3600, PAGE_CACHE_SECONDS=0):
        for address, shown in addresses.items():
            assert captions(client.get(address)) == shown, address
        for address, shown in addresses.items():  # from the kept parts
            with django_assert_max_num_queries(5):
                assert captions(client.get(address)) == shown, address
        kept = set(pages._cache)
        for junk in ("?treatment=junk", "?condition=junk", "?treatment=acne-scars"):
            html(client, f"/results/{junk}", status=404)
        assert set(pages._cache) == kept
    with override_settings(PAGE_PARTS_SECONDS=3600, PAGE_CACHE_SECONDS=300):
        for address, shown in addresses.items():
            assert client.get(address)["X-Page-Cache"] == "miss"
            again = client.get(address)
            assert again["X-Page-Cache"] == "hit" and captions(again) == shown, address
        response = client.get("/results/?treatment=junk")
        assert response.status_code == 404 and "X-Page-Cache" not in response


def photo_addresses(case):
    addresses = []
    for image in (case.before_image, case.after_image):
        addresses.append(image.file.url)
        addresses += [rendition.url for rendition in image.renditions.all()]
    return addresses


def test_a_withdrawn_cases_caption_and_photos_are_on_no_page_nor_in_search(client, clinic):
    record = consent()
    withdrawn = make_case(clinic["needling"], "Calmer jawline redness.", consent_record=record)
    make_case(clinic["needling"], "Shallower scars.")
    # While consent holds, the pages show it (and make its renditions).
    assert "Calmer jawline redness." in html(client, clinic["needling"].url)
    assert "Calmer jawline redness." in html(client, "/results/")
    addresses = photo_addresses(withdrawn)
    assert len(addresses) > 2

    record.withdrawn_on = days(0)
    record.save()

    sitemap = BeautifulSoup(html(client, "/sitemap.xml"), "xml")
    pages = [urlsplit(loc.get_text()).path for loc in sitemap.find_all("loc")]
    assert "/results/" in pages  # the results page is listed; cases have no address
    visits = pages + [
        "/results/?treatment=microneedling",
        "/search/?q=jawline",
        "/search/?q=redness",
        "/search/?q=Calmer+jawline+redness",
        "/sitemap.xml",
    ]
    for path in visits:
        text = html(client, path)
        assert "Calmer jawline redness." not in text, path
        assert not [address for address in addresses if address in text], path
    assert "Shallower scars." in html(client, "/results/")


def test_cases_are_not_found_by_site_search(client, cases):
    """Visitors find the pages that show cases, never a case on its own."""
    found = BeautifulSoup(html(client, "/search/?q=shallower+scars"), "html.parser")
    assert "Shallower scars." not in found.get_text()
    assert not found.select(".result-case")


def budgets(client, url):
    """The queries of `url` built in full (rendered parts off), then kept."""
    counts = {}
    for name, seconds in (("built", 0), ("kept", 3600)):
        caches["pages"].clear()
        with override_settings(PAGE_PARTS_SECONDS=seconds):
            client.get(url)  # renditions made, parts kept
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            # Counted at once: the connection keeps the last 9,000 queries only.
            counts[name] = len(queries)
    return counts


@pytest.mark.parametrize("count", [3, 20])
def test_pages_with_cases_cost_a_fixed_number_of_queries(client, clinic, count):
    for n in range(count):
        treatment = clinic["needling"] if n % 2 else clinic["peel"]
        make_case(treatment, f"Result {n}.", [clinic["lines"], clinic["scars"]])

    needling = clinic["needling"].url
    assert budgets(client, needling) == TREATMENT_PAGE
    assert budgets(client, "/results/") == RESULTS_PAGE
    filtered = "/results/?treatment=microneedling&condition=fine-lines"
    assert budgets(client, filtered) == FILTERED_RESULTS_PAGE


def test_a_consent_that_expires_overnight_takes_its_case_off_kept_and_cached_pages(
    client, clinic, settings
):
    """No command runs and nothing is saved: the next day's visitors no longer see the case
    (kept parts are keyed by the clinic's date; page-cache copies never outlive midnight)."""
    settings.PAGE_PARTS_SECONDS = 3600
    make_case(clinic["needling"], "Shallower scars.", consent_record=consent(expires_on=days(1)))
    assert "Shallower scars." in html(client, "/treatments/microneedling/")
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        assert "Shallower scars." not in html(client, "/treatments/microneedling/")
        assert "Shallower scars." not in html(client, "/results/")


def test_a_page_cache_copy_is_kept_no_later_than_the_clinics_midnight():
    late = timezone.make_aware(datetime.datetime(2026, 12, 6, 23, 59, 30))
    assert seconds_to_keep(late, 300) == 30
    early = timezone.make_aware(datetime.datetime(2026, 12, 6, 9, 0))
    assert seconds_to_keep(early, 300) == 300
