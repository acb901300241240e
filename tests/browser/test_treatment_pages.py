"""A visitor reading a treatment page on a phone, in a real browser."""

import pytest

from tests.treatments.factories import (
    AFTERCARE,
    WHAT_TO_EXPECT,
    build_indexes,
    default_site,
    make_condition,
    make_treatment,
)
from treatments.models import ClinicSettings

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def treatment(home_page):
    treatments, conditions = build_indexes(home_page)
    conditions_treated = [make_condition(conditions, name) for name in ("Acne scars", "Fine lines")]
    clinic = ClinicSettings.for_site(default_site())
    clinic.booking_url = "https://book.example.com/"
    clinic.save()
    return make_treatment(
        treatments,
        "Microneedling",
        conditions_treated,
        summary="Fine needles prompt the skin to renew itself. " * 3,
        also_known_as="Collagen induction therapy, skin needling",
        body=[WHAT_TO_EXPECT, AFTERCARE],
    )


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(viewport=PHONE, base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_booking_button_is_visible_on_a_phone_without_scrolling(phone, treatment):
    phone.goto(treatment.url)
    button = phone.get_by_role("link", name="Book a consultation")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "the button is below the fold"
    assert button.get_attribute("href") == "https://book.example.com/"


def test_contents_link_jumps_to_its_section(phone, treatment):
    phone.goto(treatment.url)
    phone.get_by_role("link", name="Aftercare", exact=True).click()
    heading = phone.locator("#aftercare h2")
    phone.wait_for_function("location.hash === '#aftercare'")
    box = heading.bounding_box()
    assert 0 <= box["y"] < PHONE["height"]


def test_condition_links_lead_to_condition_pages(phone, treatment):
    phone.goto(treatment.url)
    phone.locator("#what-it-treats").get_by_role("link", name="Fine lines").click()
    phone.wait_for_url("**/conditions/fine-lines/")
    assert phone.locator("h1").inner_text() == "Fine lines"
    assert phone.locator("#treatments").get_by_role("link", name="Microneedling").is_visible()


def test_treatment_page_reads_at_320px_without_sideways_scrolling(chromium, live_server, treatment):
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + treatment.url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_printed_aftercare_sheet_shows_only_the_aftercare(page, treatment):
    page.goto(treatment.url + "aftercare/")
    page.emulate_media(media="print")
    assert page.locator("h1").inner_text() == "Aftercare after microneedling"
    assert page.get_by_text("No make-up").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".site-footer").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
