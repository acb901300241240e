"""A treatment's prices on a phone (390 px), in Chromium over the demo clinic: the price table
fits the screen's width, reads in order (option, length, price, then its courses), passes
axe-core, and the card and booking bar give the lowest price (issue 22, "Prices and courses")."""

import pytest

from .test_accessibility import axe_source, axe_violations, describe  # noqa: F401

pytestmark = pytest.mark.django_db

PHONE = {"width": 390, "height": 844}
# What a sighted visitor reads in each matched element: its text without the parts only
# screen readers get (.visually-hidden).
SEEN = """els => els.map(el => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.visually-hidden').forEach(hidden => hidden.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
})"""


@pytest.fixture
def phone(chromium, demo_server):
    contexts = []

    def open_at(path, bypass_csp=False):
        context = chromium.new_context(
            viewport=PHONE, base_url=demo_server.url, bypass_csp=bypass_csp
        )
        contexts.append(context)
        tab = context.new_page()
        tab.goto(path)
        return tab

    yield open_at
    for context in contexts:
        context.close()


@pytest.mark.parametrize("slug", ["microneedling", "facial-acupuncture", "facial-massage"])
def test_the_price_table_fits_a_phone_and_passes_axe(phone, axe_source, slug):  # noqa: F811
    # axe-core goes in as an inline script, which the site's CSP rightly refuses.
    tab = phone(f"/treatments/{slug}/", bypass_csp=True)
    table = tab.locator("#prices table")
    table.scroll_into_view_if_needed()
    assert table.is_visible()
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    violations = axe_violations(tab, axe_source)
    assert not violations, describe(violations)


def test_microneedling_prices_read_in_order_on_a_phone(phone):
    tab = phone("/treatments/microneedling/")
    rows = tab.locator("#prices tbody tr")
    assert [" | ".join(rows.nth(i).locator("th, td").evaluate_all(SEEN)) for i in range(3)] == [
        "Face | 60 min | £180",
        "Course of 3, 4 weeks apart | 3 × 60 min | £495",
        "Face and neck | 75 min | £220",
    ]
    assert tab.locator(".booking-bar small").text_content() == "from £180"
    tab.locator(".side-panel .facts__price").click()
    assert tab.evaluate("location.hash") == "#prices"
    tab.screenshot(path="/tmp/prices-microneedling-390.png", full_page=False)


def test_cards_show_the_lowest_price_and_its_length(phone):
    tab = phone("/treatments/")
    card = tab.locator(".card", has_text="Facial massage")
    assert card.locator(".card__meta li").evaluate_all(SEEN) == ["from £40", "30 min"]
