"""Booking providers (Settings › Clinic details): a plain booking link, or the clinic's
booking system (Cliniko, Jane App or another) shown in a treatment page's "Book online"
section, opened at the treatment's service (treatments/booking.py).

What editors may save, what visitors see and where the booking buttons go, what apps read,
and the mark a widget page leaves on its response for the site's security policy. The
policy itself is the site's: tests/site/test_booking_csp.py."""

from html import unescape

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from treatments.booking import Booking, treatment_booking
from treatments.models import ClinicSettings

from .factories import AFTERCARE, build_indexes, default_site, make_treatment, soup
from .test_api import get_json, openapi_document

pytestmark = pytest.mark.django_db

CLINIC_LINK = "https://book.juniper-clinic.example/"
CLINIKO = "https://juniper.uk1.cliniko.com/bookings"
JANE = "https://juniper.janeapp.com/"
SESSION_FACTS = {"type": "session_facts", "value": {"heading": "At a glance", "duration": "1 h"}}


def clinic_booking(provider="link", widget="", link=CLINIC_LINK):
    clinic = ClinicSettings.for_site(default_site())
    clinic.booking_provider, clinic.booking_widget_url, clinic.booking_url = provider, widget, link
    clinic.save()
    return clinic


@pytest.fixture
def treatments(site_root):
    return build_indexes(site_root)[0]


@pytest.fixture
def needling(treatments):
    return make_treatment(
        treatments, "Microneedling", body=[SESSION_FACTS, AFTERCARE], booking_service="4411"
    )


# --- Editors: Settings › Clinic details -----------------------------------------------------


def settings_form(**fields):
    return nested_form_data(
        {
            "name": "Juniper Clinic",
            "phone": "",
            "email": "",
            "address": "",
            "booking_url": CLINIC_LINK,
            "booking_provider": "link",
            "booking_widget_url": "",
            "currency": "GBP",
            "opening_hours": streamfield([]),
            "social_links": streamfield([]),
        }
        | fields
    )


def save_settings(admin_client, **fields):
    url = f"/admin/settings/treatments/clinicsettings/{default_site().pk}/"
    return admin_client.post(url, settings_form(**fields))


@pytest.mark.parametrize(
    "provider, widget, message",
    [
        ("cliniko", "", "Enter the address of your booking page in that system, e.g. "
         "https://yourclinic.cliniko.com/bookings."),
        ("cliniko", "https://juniper.example.com/bookings",
         "A Cliniko booking page's address ends in .cliniko.com"),
        ("cliniko", "https://cliniko.com.evil.example/bookings", "ends in .cliniko.com"),
        ("cliniko", "http://juniper.cliniko.com/bookings", "must start with https://"),
        ("jane", "https://juniper.cliniko.com/bookings",
         "A Jane App booking page's address ends in .janeapp.com"),
        ("jane", "", "e.g. https://yourclinic.janeapp.com/."),
        ("embed", "", "Enter the address of your booking page in that system"),
        ("embed", "http://booking.example.com/juniper", "must start with https://"),
    ],
)  # fmt: skip
def test_a_widget_needs_its_systems_https_address(admin_client, provider, widget, message):
    response = save_settings(admin_client, booking_provider=provider, booking_widget_url=widget)
    assert response.status_code == 200  # the form again, with the error
    assert message in unescape(response.content.decode())
    assert ClinicSettings.for_site(default_site()).booking_provider == "link"


@pytest.mark.parametrize(
    "provider, widget",
    [
        ("link", ""),
        ("link", "http://left.over.example/"),  # not used with a plain link
        ("cliniko", CLINIKO),
        ("cliniko", "https://juniper.cliniko.com/bookings"),
        ("jane", JANE),
        ("jane", "https://juniper.janeapp.com/locations/soho/book"),
        ("embed", "https://booking.example.com/juniper?lang=en"),
    ],
)
def test_the_booking_systems_own_addresses_are_saved(admin_client, provider, widget):
    response = save_settings(admin_client, booking_provider=provider, booking_widget_url=widget)
    assert response.status_code == 302
    clinic = ClinicSettings.for_site(default_site())
    assert (clinic.booking_provider, clinic.booking_widget_url) == (provider, widget)


def test_an_address_that_is_not_a_web_address_gets_one_error_not_two(admin_client):
    response = save_settings(
        admin_client, booking_provider="cliniko", booking_widget_url="ftp://juniper.cliniko.com"
    )
    page = unescape(response.content.decode())
    assert page.count("Enter a web address starting with https://") == 1
    assert "must start with https://" not in page


# --- The rule ------------------------------------------------------------------------------


def booking_of(page, rf):
    return treatment_booking(page, rf.get("/"))


def test_with_a_plain_link_a_treatment_books_through_its_own_link_else_the_clinics(
    treatments, needling, rf
):
    clinic_booking()
    assert booking_of(needling, rf) == Booking("link", CLINIC_LINK, None)
    own = make_treatment(treatments, "Peel", booking_url="https://book.example/peel")
    assert booking_of(own, rf) == Booking("link", "https://book.example/peel", None)
    clinic_booking(link="")
    assert booking_of(needling, rf) == Booking("link", None, None)


def test_cliniko_opens_in_page_mode_at_the_treatments_appointment_type(treatments, needling, rf):
    clinic_booking("cliniko", CLINIKO)
    booking = booking_of(needling, rf)
    assert booking.provider == "cliniko"
    assert booking.widget_url == f"{CLINIKO}?embedded=true&appointment_type_id=4411"
    assert booking.widget_origin == "https://juniper.uk1.cliniko.com"
    assert booking.url == CLINIC_LINK
    plain = make_treatment(treatments, "Peel")
    assert booking_of(plain, rf).widget_url == f"{CLINIKO}?embedded=true"


def test_jane_opens_at_the_treatments_booking_route(treatments, rf):
    clinic_booking("jane", "https://juniper.janeapp.com/locations/soho/book", link="")
    page = make_treatment(treatments, "Peel", booking_service="#/discipline/1/treatment/2")
    booking = booking_of(page, rf)
    assert booking.widget_url == (
        "https://juniper.janeapp.com/locations/soho/book#/discipline/1/treatment/2"
    )
    assert booking.widget_origin == "https://juniper.janeapp.com"
    # Without a booking link, the fallback link opens the widget's own page.
    assert booking.page_url == booking.widget_url


def test_another_systems_widget_is_shown_at_its_address_with_its_port(needling, rf):
    clinic_booking("embed", "https://booking.example.com:8443/juniper?lang=en")
    booking = booking_of(needling, rf)
    assert booking.widget_url == "https://booking.example.com:8443/juniper?lang=en"
    assert booking.widget_origin == "https://booking.example.com:8443"


def test_a_widget_provider_left_without_an_address_books_through_the_link(needling, rf):
    ClinicSettings.objects.filter(pk=clinic_booking().pk).update(booking_provider="cliniko")
    assert booking_of(needling, rf) == Booking("link", CLINIC_LINK, None)


# --- Visitors: the treatment page -----------------------------------------------------------


def booking_buttons(html):
    page = soup(html)
    hero = page.select_one(".page-hero [data-booking-primary]")
    panel = page.select_one(".side-panel .panel-card .button")
    bar = page.select_one("[data-booking-bar] .button")
    return [hero["href"], panel["href"], bar["href"]]


def test_with_a_widget_the_page_shows_it_and_every_button_goes_to_it(client, needling):
    clinic_booking("cliniko", CLINIKO)
    response = client.get(needling.url)
    page = soup(response)
    section = page.select_one("section#book-online")
    assert section.h2.get_text() == "Book online"
    frame = section.iframe
    assert frame["src"] == f"{CLINIKO}?embedded=true&appointment_type_id=4411"
    assert frame["title"] == "Book Microneedling online"
    assert frame["loading"] == "lazy"
    assert "style" not in frame.attrs and not section.select("script")
    fallback = section.find("a", string="Open the booking page")
    assert fallback["href"] == CLINIC_LINK
    assert booking_buttons(response) == ["#book-online"] * 3
    # Listed in the page's contents: last, as the page has no FAQ to follow it.
    toc = [a["href"] for a in page.select(".toc a")]
    assert toc[-1] == "#book-online"


def test_with_a_plain_link_there_is_no_widget_and_buttons_open_the_link(client, needling):
    clinic_booking()
    response = client.get(needling.url)
    assert not soup(response).select("iframe, #book-online")
    assert booking_buttons(response) == [CLINIC_LINK] * 3


def test_a_treatments_own_link_wins_over_the_clinics_on_its_page(client, treatments):
    clinic_booking()
    own = "https://book.example/peel"
    peel = make_treatment(treatments, "Peel", body=[SESSION_FACTS], booking_url=own)
    assert booking_buttons(client.get(peel.url)) == [own] * 3
    # With a widget, its fallback link is the treatment's own link too.
    clinic_booking("embed", "https://booking.example.com/juniper")
    fallback = soup(client.get(peel.url)).find("a", string="Open the booking page")
    assert fallback["href"] == own


def test_without_any_booking_link_the_fallback_opens_the_widgets_own_page(client, needling):
    clinic_booking("cliniko", CLINIKO, link="")
    fallback = soup(client.get(needling.url)).find("a", string="Open the booking page")
    assert fallback["href"] == f"{CLINIKO}?appointment_type_id=4411"


# --- The response's mark for the security policy --------------------------------------------


def test_only_a_page_showing_the_widget_marks_its_origin_for_frames(client, needling):
    clinic_booking("jane", JANE)
    assert client.get(needling.url)._csp_update == {"frame-src": ["https://juniper.janeapp.com"]}
    # Its printable aftercare sheet shows no widget.
    assert not hasattr(client.get(needling.url + "aftercare/"), "_csp_update")
    clinic_booking()
    assert not hasattr(client.get(needling.url), "_csp_update")


# --- Apps: both APIs ------------------------------------------------------------------------


def test_both_apis_give_the_typed_booking_of_a_treatment(client, treatments, needling):
    clinic_booking("cliniko", CLINIKO)
    own = make_treatment(treatments, "Peel", booking_url="https://book.example/peel")
    for url in (f"/api/clinic/v1/treatments/{needling.pk}/", f"/api/v2/pages/{needling.pk}/"):
        assert get_json(client, url)["booking"] == {
            "provider": "cliniko",
            "url": CLINIC_LINK,
            "widget_url": f"{CLINIKO}?embedded=true&appointment_type_id=4411",
        }
    clinic_booking()
    assert get_json(client, f"/api/clinic/v1/treatments/{own.pk}/")["booking"] == {
        "provider": "link",
        "url": "https://book.example/peel",
        "widget_url": None,
    }
    schema = openapi_document()["components"]["schemas"]["TreatmentBooking"]
    assert schema["properties"]["provider"]["enum"] == ["link", "cliniko", "jane", "embed"]
    assert set(schema["required"]) == {"provider", "url", "widget_url"}
