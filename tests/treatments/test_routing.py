"""Finding the page for an address (treatments/routing.py): in two queries whatever its
depth, with Wagtail's answers for every address."""

import pytest
from django.http import Http404
from wagtail.images.tests.utils import Image, get_test_image_file
from wagtail.models import PageViewRestriction

from treatments.models import Practitioner, TreatmentPage

from .factories import AFTERCARE, build_indexes, make_treatment, soup


@pytest.fixture
def treatments(site_root):
    treatments, _ = build_indexes(site_root)
    return treatments


def test_a_page_is_found_in_two_queries_with_what_its_template_shows(
    rf, treatments, django_assert_num_queries
):
    make_treatment(
        treatments,
        "Microneedling",
        hero_image=Image.objects.create(title="Hero", file=get_test_image_file()),
        reviewed_by=Practitioner.objects.create(name="Dr Reviewer"),
    )
    with django_assert_num_queries(2):  # every page on the way, then the page in its type
        page, args, kwargs = treatments.route(rf.get("/"), ["microneedling"])
        assert isinstance(page, TreatmentPage)
        assert page.hero_image.title == "Hero"
        assert page.reviewed_by.name == "Dr Reviewer"
        assert page.get_parent().pk == treatments.pk
    assert [p.pk for p in page.served_ancestors()][-1] == treatments.pk


def test_a_pages_own_routes_still_answer(client, treatments):
    make_treatment(treatments, "Microneedling", body=[AFTERCARE])
    assert client.get("/treatments/microneedling/aftercare/").status_code == 200
    assert client.get("/treatments/microneedling/elsewhere/").status_code == 404


def test_addresses_of_no_page_answer_404(rf, client, treatments):
    make_treatment(treatments, "Microneedling")
    make_treatment(treatments, "Facial massage", live=False)
    assert client.get("/treatments/nothing-here/").status_code == 404
    assert client.get("/treatments/facial-massage/").status_code == 404  # a draft
    assert client.get("/nothing/microneedling/").status_code == 404
    with pytest.raises(Http404):
        treatments.route(rf.get("/"), ["microneedling", "deeper", "still"])


def test_a_live_page_under_an_unpublished_section_is_served_without_it_in_the_trail(
    client, treatments
):
    make_treatment(treatments, "Microneedling")
    treatments.unpublish()
    response = client.get("/treatments/microneedling/")
    assert response.status_code == 200  # as in Wagtail: routing passes through drafts
    trail = soup(response).select_one("nav.breadcrumbs")
    assert trail is None or "Treatments" not in trail.get_text()


def test_a_page_in_a_private_section_asks_for_the_password(client, treatments):
    make_treatment(treatments, "Microneedling")
    PageViewRestriction.objects.create(
        page=treatments, restriction_type="password", password="s3cret"
    )
    response = client.get("/treatments/microneedling/")
    assert b'name="password"' in response.content
    assert b"<h1>Microneedling</h1>" not in response.content
