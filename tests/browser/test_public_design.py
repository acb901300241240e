"""The public design as visitors meet it on a phone, a tablet and a desktop (issue 21).

The demo clinic is served once for the module (`demo_server`); every check is made in
Debian's Chromium at the widths people use: 320 (small phones), 390 (most phones), 768
(tablets) and 1280 (laptops).
"""

import datetime
import itertools
import zoneinfo

import pytest

pytestmark = pytest.mark.django_db

WIDTHS = [320, 390, 768, 1280]
HEIGHTS = {320: 640, 390: 844, 768: 1024, 1280: 800}
PAGES = {
    "home": "/",
    "treatment": "/treatments/microneedling/",
    "condition": "/conditions/acne-scars/",
    "journal": "/blog/",
    "post": "/blog/sun-care-after-skin-treatments/",
    "team": "/team/",
    "contact": "/contact/",
}
TREATMENT = PAGES["treatment"]
BOOKING = "https://book.juniper-clinic.example/"
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def open_at(chromium, demo_server):
    """A browser tab `width` pixels wide (with or without JavaScript) on the demo clinic."""
    contexts = []

    def open_at(width, path, javascript=True, clock=None):
        context = chromium.new_context(
            viewport={"width": width, "height": HEIGHTS[width]},
            base_url=demo_server.url,
            java_script_enabled=javascript,
        )
        contexts.append(context)
        tab = context.new_page()
        if clock:
            tab.clock.set_fixed_time(clock)
        tab.goto(path)
        return tab

    yield open_at
    for context in contexts:
        context.close()


def on_screen_booking_links(tab):
    """The booking links a visitor can see and press without scrolling from here."""
    return tab.evaluate(
        """(href) => [...document.querySelectorAll(`a[href="${href}"]`)].filter((a) => {
            const box = a.getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            const top = document.elementFromPoint(x, y);
            return box.width > 0 && box.top >= 0 && box.bottom <= innerHeight
                && a.checkVisibility({visibilityProperty: true, opacityProperty: true})
                && !!top && (top === a || a.contains(top));
        }).map((a) => a.textContent.trim())""",
        BOOKING,
    )


def scroll_to(tab, fraction):
    tab.evaluate(
        "(f) => window.scrollTo(0, f * (document.documentElement.scrollHeight - innerHeight))",
        fraction,
    )
    tab.wait_for_timeout(400)  # the booking bar's slide, and the observer that moves it


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(open_at, width, subtests):
    for name, path in PAGES.items():
        with subtests.test(msg=f"{name} at {width} px"):
            tab = open_at(width, path)
            assert tab.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_booking_is_in_reach_on_the_first_screen_and_in_the_middle_of_a_treatment(open_at, width):
    tab = open_at(width, TREATMENT)
    assert on_screen_booking_links(tab), "no booking button on the first screen"
    scroll_to(tab, 0.5)
    assert on_screen_booking_links(tab), "no booking button halfway down the page"


@pytest.mark.parametrize("width", [320, 390, 768])
def test_the_phone_booking_bar_never_covers_the_footer(open_at, width):
    tab = open_at(width, TREATMENT)
    scroll_to(tab, 0.5)
    bar = tab.locator("[data-booking-bar]")
    assert bar.is_visible()
    box = bar.bounding_box()
    assert abs(box["y"] + box["height"] - HEIGHTS[width]) <= 1, "the bar is not at the foot"
    assert bar.get_by_role("link").get_attribute("href") == BOOKING

    scroll_to(tab, 1)
    box = bar.bounding_box()
    footer = tab.locator("footer").bounding_box()
    assert box["y"] + box["height"] <= footer["y"] + 1, "the bar lies over the footer"


def test_the_bar_stays_out_of_the_way_while_the_pages_own_button_shows(open_at):
    tab = open_at(390, TREATMENT)
    tab.wait_for_timeout(400)
    assert not tab.locator("[data-booking-bar]").is_visible()
    # The header's and the page's own.
    assert on_screen_booking_links(tab) == ["Book an appointment", "Book a consultation"]


def test_the_side_panel_stays_beside_the_text_on_a_desktop(open_at):
    tab = open_at(1280, TREATMENT)
    panel = tab.locator(".side-panel")
    body = tab.locator(".page-body").bounding_box()
    assert panel.bounding_box()["x"] > body["x"] + body["width"], "the panel is not beside"
    assert not tab.locator("[data-booking-bar]").is_visible()
    for fraction in (0.3, 0.6, 0.9):
        scroll_to(tab, fraction)
        box = panel.bounding_box()
        assert 0 <= box["y"] <= 40, f"the panel scrolled away at {fraction:.0%}"
        assert (
            tab.locator(".side-panel").get_by_role("link", name="Book a consultation").is_visible()
        )
    contents = tab.locator(".side-panel nav.toc a").all_inner_texts()
    assert "How microneedling works" in contents and "Aftercare" in contents


def test_the_facts_at_a_glance_come_first_on_a_phone(open_at):
    tab = open_at(390, TREATMENT)
    facts = tab.locator(".side-panel .facts").bounding_box()
    first_section = tab.locator(".page-body > section").first.bounding_box()
    assert facts["y"] < first_section["y"]
    assert "From £180" in tab.locator(".side-panel .facts").inner_text()


@pytest.mark.parametrize("width", [320, 390, 768])
def test_the_menu_button_opens_and_closes_by_keyboard(open_at, width):
    tab = open_at(width, "/treatments/")
    nav = tab.get_by_role("navigation", name="Main")
    search = tab.get_by_role("searchbox", name="Search the site")
    assert not nav.is_visible() and not search.is_visible()
    # Tab from the top of the page: the skip link, the clinic's name, Book, then Menu.
    for _ in range(4):
        tab.keyboard.press("Tab")
    menu = tab.locator("summary.menu-button")
    assert tab.evaluate("document.activeElement") == tab.evaluate(
        "document.querySelector('summary.menu-button')"
    )
    tab.keyboard.press("Enter")
    assert nav.is_visible() and search.is_visible()
    assert nav.get_by_role("link", name="Treatments").get_attribute("aria-current") == "page"
    tab.keyboard.press("Enter")
    assert not nav.is_visible()
    tab.keyboard.press("Space")
    assert nav.is_visible()
    tab.keyboard.press("Tab")  # into the menu, then Escape closes it and goes back
    tab.keyboard.press("Escape")
    assert not nav.is_visible()
    assert menu.evaluate("(el) => el === document.activeElement")


def test_the_menu_works_without_javascript(open_at):
    phone = open_at(390, "/", javascript=False)
    nav = phone.get_by_role("navigation", name="Main")
    assert not nav.is_visible()
    phone.get_by_text("Menu", exact=True).click()
    assert nav.is_visible()
    nav.get_by_role("link", name="Journal").click()
    phone.wait_for_url("**/blog/")

    desktop = open_at(1280, "/", javascript=False)
    nav = desktop.get_by_role("navigation", name="Main")
    assert nav.is_visible(), "a desktop shows the menu in the header row"
    assert not desktop.locator("summary.menu-button").is_visible()
    row = [
        desktop.locator(selector).bounding_box()["y"]
        for selector in (
            "header .brand",
            "nav[aria-label=Main] a >> nth=0",
            "#site-search-query",
            ".header-book",
        )
    ]
    assert max(row) - min(row) < 30, f"the header is not one row: {row}"
    # Side by side, in order, none over another: the clinic's name never runs into the menu.
    boxes = [
        desktop.locator(selector).bounding_box()
        for selector in ("header .brand", "nav[aria-label=Main] ul", ".site-search", ".header-book")
    ]
    for left, right in itertools.pairwise(boxes):
        assert left["x"] + left["width"] <= right["x"], f"overlapping in the header: {boxes}"
    name = desktop.locator(".site-header .brand__name")
    assert name.evaluate("(el) => el.scrollWidth <= el.clientWidth"), "the clinic's name is cut"


@pytest.mark.parametrize(
    ("moment", "said"),
    [
        # A Tuesday morning in London: open until six.
        (datetime.datetime(2026, 12, 8, 10, 30, tzinfo=LONDON), "Open now · closes at 18:00"),
        # Saturday after closing, and a Sunday: open again on Monday.
        (
            datetime.datetime(2026, 12, 12, 16, 0, tzinfo=LONDON),
            "Closed now · opens at 09:00 on Monday",
        ),
        (
            datetime.datetime(2026, 12, 13, 9, 0, tzinfo=LONDON),
            "Closed now · opens at 09:00 tomorrow",
        ),
        # Before opening on a weekday, in summer time.
        (datetime.datetime(2026, 7, 7, 8, 15, tzinfo=LONDON), "Closed now · opens at 09:00 today"),
    ],
)
def test_visit_us_says_whether_the_clinic_is_open_now(open_at, moment, said):
    tab = open_at(390, "/", clock=moment)
    # The demo's first location, the main clinic, keeps the clinic's hours.
    assert tab.locator(".visit [data-open-status]").first.inner_text() == said


def test_without_javascript_the_opening_hours_stand_alone(open_at):
    tab = open_at(390, "/", javascript=False)
    assert not tab.locator(".visit [data-open-status]").first.is_visible()
    assert "Monday to Friday" in tab.locator(".visit").inner_text()


def test_cards_show_what_visitors_compare(open_at):
    tab = open_at(1280, "/treatments/")
    card = tab.locator(".card", has=tab.get_by_role("link", name="Microneedling"))
    assert [" ".join(li.text_content().split()) for li in card.locator(".card__meta li").all()] == [
        "Price: from £180",
        "Duration: 60 min",
    ]
    card.click(position={"x": 30, "y": 30})  # anywhere on the card, the picture included
    tab.wait_for_url(f"**{TREATMENT}")

    journal = open_at(1280, "/blog/")
    metas = journal.locator(".card .card__meta").all_inner_texts()
    assert metas and all(meta.strip().endswith("min read") for meta in metas)
    assert journal.locator(".card .card__fallback").count() == 0, "a post has no picture"
