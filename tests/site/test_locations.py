"""The clinic's locations in the site's own templates (issue 22, "Locations"): a clinic with
no location pages sees its footer, home page and contact page exactly as before; with live
locations they show each one, and publishing or unpublishing one refreshes every page kept
or cached with the old list. The plugin's own pages are tested in
tests/treatments/test_locations.py."""

import pytest
from django.test import override_settings

from home.models import EnquiryPage
from tests.treatments.factories import build_indexes, default_site, make_treatment, publish, soup
from tests.treatments.test_locations import HOURS, make_location
from treatments.models import ClinicSettings, LocationIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def clinic(home_page):
    details = ClinicSettings.for_site(default_site())
    details.name = "Juniper Clinic"
    details.phone = "020 7946 0123"
    details.address = "1 High Street\nLondon"
    details.opening_hours = HOURS
    details.save()
    treatments, _ = build_indexes(home_page)
    contact = EnquiryPage(title="Contact us", slug="contact")
    home_page.add_child(instance=contact)
    contact.save_revision().publish()
    return {
        "home": home_page,
        "massage": make_treatment(treatments, "Facial massage"),
        "locations": publish(home_page, LocationIndexPage(title="Locations", slug="locations")),
        "contact": contact,
    }


def text_of(node):
    return " ".join(node.get_text(" ").split())


def visit_cards(client, path):
    return soup(client.get(path)).select(".visit .visit-card")


def test_without_locations_the_footer_and_contact_cards_show_the_clinic_details(client, clinic):
    footer = soup(client.get(clinic["massage"].url)).find("footer")
    assert not footer.select(".footer-locations")
    assert footer.find("a", href="tel:02079460123")

    for path in ("/", clinic["contact"].url):
        cards = visit_cards(client, path)
        assert [card.h3.get_text() for card in cards] == ["Where to find us", "Opening hours"]
        assert "1 High Street London" in text_of(cards[0])
        assert cards[1].select_one("dd[data-opens]")["data-opens"] == "09:00"


def test_with_one_location_it_takes_the_clinic_details_place(client, clinic):
    make_location(
        clinic["locations"],
        "Islington",
        phone="020 7946 0321",
        address="14 Juniper Yard\nLondon N1 9ZZ",
        opening_hours=[
            {"type": "hours", "value": {"days": ["Fr"], "opens": "08:00", "closes": "12:00"}}
        ],
    )
    make_location(clinic["locations"], "Draft", live=False)

    places = soup(client.get(clinic["massage"].url)).select(".footer-places > li")
    assert [place.h3.get_text() for place in places] == ["Islington"]
    assert places[0].h3.a["href"] == "/locations/islington/"
    assert "14 Juniper Yard London N1 9ZZ" in text_of(places[0].address)
    assert places[0].find("a", href="tel:02079460321")
    assert places[0].select_one("dd[data-opens]")["data-opens"] == "08:00"
    assert places[0].select_one("[data-open-status]").has_attr("hidden")

    for path in ("/", clinic["contact"].url):
        cards = visit_cards(client, path)
        assert [text_of(card.h3) for card in cards] == ["Islington"]
        assert "1 High Street" not in text_of(cards[0])
        assert cards[0].select_one("dd[data-opens]")["data-opens"] == "08:00"
        # Its own card says whether it is open now, in the clinic's time zone.
        hours = cards[0].select_one("[data-time-zone]")
        assert hours["data-time-zone"] == "Europe/London"


def test_with_two_locations_each_has_its_card(client, clinic):
    make_location(clinic["locations"], "Islington", opening_hours=HOURS)
    make_location(clinic["locations"], "Hackney", opening_hours=HOURS)
    footer = soup(client.get("/")).find("footer")
    assert [a.get_text() for a in footer.select(".footer-places h3 a")] == ["Islington", "Hackney"]
    cards = visit_cards(client, clinic["contact"].url)
    assert [text_of(card.h3) for card in cards] == ["Islington", "Hackney"]


@override_settings(PAGE_PARTS_SECONDS=3600, PAGE_CACHE_SECONDS=0)
def test_publishing_and_unpublishing_a_location_refreshes_every_kept_footer(
    client, clinic, django_capture_on_commit_callbacks
):
    path = clinic["massage"].url
    assert not soup(client.get(path)).select(".footer-places")  # kept without locations

    with django_capture_on_commit_callbacks(execute=True):
        location = make_location(clinic["locations"], "Islington")
    assert [a.get_text() for a in soup(client.get(path)).select(".footer-places h3 a")] == [
        "Islington"
    ]

    with django_capture_on_commit_callbacks(execute=True):
        location.title = "Angel"
        location.save_revision().publish()
    assert "Angel" in text_of(soup(client.get(path)).find("footer"))

    with django_capture_on_commit_callbacks(execute=True):
        location.unpublish()
    assert not soup(client.get(path)).select(".footer-places")


@override_settings(PAGE_PARTS_SECONDS=3600, PAGE_CACHE_SECONDS=0)
def test_publishing_a_treatment_refreshes_the_locations_that_offer_it(
    client, clinic, django_capture_on_commit_callbacks
):
    location = make_location(clinic["locations"], "Islington", treatments=[clinic["massage"]])
    assert "Facial massage" in soup(client.get(location.url)).main.get_text()
    with django_capture_on_commit_callbacks(execute=True):
        clinic["massage"].title = "Face massage"
        clinic["massage"].save_revision().publish()
    offered = soup(client.get(location.url)).find(id="offered-heading").parent
    assert "Face massage" in offered.get_text()
