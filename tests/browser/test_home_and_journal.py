"""The home page and journal on a phone, in a real browser, with the demo clinic loaded."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

DEMO = Path(__file__).resolve().parents[2] / "demo"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(home_page):
    call_command("import_content", str(DEMO), publish=True, stdout=open(os.devnull, "w"))


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(viewport=PHONE, base_url=live_server.url)
    yield context.new_page()
    context.close()


def test_home_page_booking_button_is_on_the_first_screen(phone, demo):
    phone.goto("/")
    button = phone.get_by_role("link", name="Book a consultation").first
    box = button.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]
    featured = phone.locator(
        "section[aria-labelledby=featured-heading] .cards h3"
    ).all_inner_texts()
    assert featured == ["Facial acupuncture", "Facial massage", "Microneedling"]


def test_visitor_follows_a_tag_from_a_post_to_the_filtered_journal(phone, demo):
    phone.goto("/blog/")
    phone.get_by_role("link", name="Sun care after skin treatments").click()
    phone.wait_for_url("**/blog/sun-care-after-skin-treatments/")
    crumbs = phone.locator("nav[aria-label=Breadcrumb] li").all_inner_texts()
    assert [c.strip("› ") for c in crumbs] == ["Home", "Journal", "Sun care after skin treatments"]
    phone.get_by_role("link", name="aftercare", exact=True).click()
    phone.wait_for_url("**/blog/tag/aftercare/")
    assert "Showing posts tagged aftercare" in phone.locator(".active-tag").inner_text()
    titles = phone.locator(".cards h2").all_inner_texts()
    assert "Sun care after skin treatments" in titles
    assert "A five-minute evening face massage" not in titles


@pytest.mark.parametrize("path", ["/", "/blog/", "/team/", "/blog/sun-care-after-skin-treatments/"])
def test_pages_read_at_320px_without_sideways_scrolling(chromium, live_server, demo, path):
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
