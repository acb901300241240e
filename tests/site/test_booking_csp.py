"""The Content-Security-Policy of a treatment page showing the clinic's booking widget
(docs/deployment.md#security): its frames may come from the booking system's origin and no
other, and nothing else in the policy changes; every other page, and every page with a plain
booking link, keeps the public policy byte for byte. The same holds for a copy from the page
cache, and changing the booking system in Settings › Clinic details takes effect at once.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.site.test_security import directives
from tests.treatments.factories import build_indexes, make_condition, make_treatment
from tests.treatments.test_booking_providers import CLINIKO, SESSION_FACTS, clinic_booking

pytestmark = pytest.mark.django_db

CLINIKO_ORIGIN = "https://juniper.uk1.cliniko.com"
HEADER = "Content-Security-Policy"


@pytest.fixture
def clinic(home_page):
    for cache in caches.all():
        cache.clear()
    treatments, conditions = build_indexes(home_page)
    acne = make_condition(conditions, "Acne scars")
    make_treatment(treatments, "Microneedling", conditions=[acne], body=[SESSION_FACTS])
    return treatments


@pytest.fixture
def public_header(client, clinic):
    """The public policy, as a page without a widget carries it."""
    return client.get("/conditions/acne-scars/")[HEADER]


def test_a_widget_page_may_frame_the_booking_systems_origin_and_nothing_else(client, public_header):
    clinic_booking("cliniko", CLINIKO)
    widget_page = directives(client.get("/treatments/microneedling/"))
    public = {name: values for name, *values in (p.split() for p in public_header.split(";"))}
    assert public["frame-src"] == ["'none'"]
    assert widget_page["frame-src"] == [CLINIKO_ORIGIN]
    # Every other directive as in the public policy: still no inline code anywhere.
    assert {k: v for k, v in widget_page.items() if k != "frame-src"} == {
        k: v for k, v in public.items() if k != "frame-src"
    }
    assert "'unsafe-inline'" not in client.get("/treatments/microneedling/")[HEADER]


def test_pages_without_the_widget_keep_the_public_policy_byte_for_byte(client, public_header):
    clinic_booking("cliniko", CLINIKO)
    for url in [
        "/",
        "/treatments/",
        "/conditions/acne-scars/",
        "/treatments/microneedling/aftercare/",
    ]:
        response = client.get(url)
        assert response[HEADER] == public_header, url


def test_with_a_plain_booking_link_nothing_changes(client, public_header):
    clinic_booking()
    assert client.get("/treatments/microneedling/")[HEADER] == public_header


def test_a_page_cache_copy_carries_the_same_policy_and_a_new_booking_system_takes_effect(
    client, public_header, django_capture_on_commit_callbacks
):
    with override_settings(PAGE_CACHE_SECONDS=300):
        with django_capture_on_commit_callbacks(execute=True):
            clinic_booking("cliniko", CLINIKO)
        first = client.get("/treatments/microneedling/")
        cached = client.get("/treatments/microneedling/")
        assert (first["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
        assert cached[HEADER] == first[HEADER]
        assert directives(cached)["frame-src"] == [CLINIKO_ORIGIN]

        # Another booking system: the page and its policy follow on the next visit.
        with django_capture_on_commit_callbacks(execute=True):
            clinic_booking("jane", "https://juniper.janeapp.com/")
        moved = client.get("/treatments/microneedling/")
        assert moved["X-Page-Cache"] == "miss"
        assert directives(moved)["frame-src"] == ["https://juniper.janeapp.com"]
        assert 'src="https://juniper.janeapp.com/"' in moved.text

        # Back to a plain link: no widget, the public policy again, cached as such.
        with django_capture_on_commit_callbacks(execute=True):
            clinic_booking()
        client.get("/treatments/microneedling/")
        plain = client.get("/treatments/microneedling/")
        assert plain["X-Page-Cache"] == "hit"
        assert plain[HEADER] == public_header
        assert "<iframe" not in plain.text


def test_kept_parts_carry_the_widget_and_its_policy_as_the_page_built_afresh(
    client, clinic, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_PARTS_SECONDS = 3600
    with django_capture_on_commit_callbacks(execute=True):
        clinic_booking("cliniko", CLINIKO)
    built = client.get("/treatments/microneedling/")
    kept = client.get("/treatments/microneedling/")
    assert kept.content == built.content
    assert directives(kept)["frame-src"] == [CLINIKO_ORIGIN]
    with django_capture_on_commit_callbacks(execute=True):
        clinic_booking()
    assert directives(client.get("/treatments/microneedling/"))["frame-src"] == ["'none'"]


def test_a_widget_costs_the_treatment_page_no_query(client, clinic):
    """Built and kept, the page costs the same with a booking widget as with a plain link."""
    costs = {}
    for provider, widget in [("link", ""), ("cliniko", CLINIKO)]:
        clinic_booking(provider, widget)
        costs[provider] = page_costs(client, "/treatments/microneedling/")
    assert costs["cliniko"] == costs["link"]


def page_costs(client, url):
    """(queries built, queries kept) for the page at `url`, on a warm site."""
    counts = []
    for seconds in (0, 3600):
        caches["pages"].clear()
        with override_settings(PAGE_PARTS_SECONDS=seconds):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
        counts.append(len(queries))
    return tuple(counts)


def test_the_admins_preview_of_a_widget_page_may_frame_the_widget_too(admin_client, clinic):
    clinic_booking("cliniko", CLINIKO)
    page = clinic.get_children().get().specific
    preview = admin_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert preview.status_code == 200
    assert b"cliniko.com" in preview.content
    assert directives(preview)["frame-src"] == ["'self'", CLINIKO_ORIGIN]
    # The admin's own pages still frame only the admin.
    assert directives(admin_client.get("/admin/"))["frame-src"] == ["'self'"]
