"""The demo clinic's two locations in Chromium on a phone (390 px): the pages pass axe-core,
and "open now", today's closure and past closures follow the clock in London, whatever the
moment the page was built and cached (issue 22, "Locations")."""

import datetime
import zoneinfo

import pytest

from .test_accessibility import AXE_TAGS, axe_source, axe_violations, describe  # noqa: F401

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
PHONE = {"width": 390, "height": 844}
MAIN = "/locations/islington/"
STUDIO = "/locations/stoke-newington/"


@pytest.fixture
def phone(chromium, demo_server):
    """`phone(path, clock=None, javascript=True)`: a 390 px tab at `path`, its clock fixed."""
    contexts = []

    def open_at(path, clock=None, javascript=True, bypass_csp=False):
        context = chromium.new_context(
            viewport=PHONE,
            base_url=demo_server.url,
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
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


@pytest.mark.parametrize("path", ["/locations/", MAIN, STUDIO, "/contact/", "/"])
def test_location_pages_pass_axe_on_a_phone(phone, axe_source, path):  # noqa: F811
    # axe-core goes in as an inline script, which the site's CSP rightly refuses.
    tab = phone(path, bypass_csp=True)
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    violations = axe_violations(tab, axe_source)
    assert not violations, describe(violations)


def status_of(tab):
    return tab.locator("main [data-open-status]").inner_text()


@pytest.mark.parametrize(
    ("path", "moment", "said"),
    [
        # A Tuesday morning: the main clinic is open; the studio opens at eleven.
        (MAIN, datetime.datetime(2026, 12, 8, 10, 30, tzinfo=LONDON), "Open now · closes at 18:00"),
        (
            STUDIO,
            datetime.datetime(2026, 12, 8, 10, 30, tzinfo=LONDON),
            "Closed now · opens at 11:00 today",
        ),
        # Wednesday evening: the studio opens on Thursdays.
        (
            STUDIO,
            datetime.datetime(2026, 12, 9, 20, 0, tzinfo=LONDON),
            "Closed now · opens at 11:00 tomorrow",
        ),
        # A Sunday: the studio opens again on Tuesday.
        (
            STUDIO,
            datetime.datetime(2026, 12, 13, 12, 0, tzinfo=LONDON),
            "Closed now · opens at 11:00 on Tuesday",
        ),
        # Christmas Day falls on a Friday, a working day: closed, and Boxing Day too.
        (
            MAIN,
            datetime.datetime(2026, 12, 25, 11, 0, tzinfo=LONDON),
            "Closed today: Christmas Day and Boxing Day · opens at 09:00 on Monday",
        ),
        # The studio's long break: open again after New Year, more than a week away.
        (
            STUDIO,
            datetime.datetime(2026, 12, 24, 12, 0, tzinfo=LONDON),
            "Closed today: Christmas and New Year · opens at 11:00 on Tuesday 5 January",
        ),
    ],
)
def test_open_now_follows_the_clock_and_the_closures_in_london(phone, path, moment, said):
    assert status_of(phone(path, clock=moment)) == said


def test_closures_that_have_ended_go_from_a_page_built_before(phone):
    before = phone(MAIN, clock=datetime.datetime(2026, 12, 20, 9, 0, tzinfo=LONDON))
    closures = before.locator("main [data-closure]")
    assert closures.count() == 2
    assert closures.nth(0).is_visible() and closures.nth(1).is_visible()

    after = phone(MAIN, clock=datetime.datetime(2026, 12, 29, 9, 0, tzinfo=LONDON))
    closures = after.locator("main [data-closure]")
    assert not closures.nth(0).is_visible()
    assert "New Year's Day" in closures.nth(1).inner_text()

    # Once every closure is over, so is the list and its heading.
    later = phone(MAIN, clock=datetime.datetime(2027, 1, 2, 9, 0, tzinfo=LONDON))
    assert not later.get_by_role("heading", name="Closed on these days").is_visible()


def test_without_javascript_the_hours_and_closures_stand_alone(phone):
    tab = phone(STUDIO, javascript=False)
    assert not tab.locator("main [data-open-status]").is_visible()
    assert "Tuesday" in tab.locator("main dl.hours").inner_text()
    assert "Christmas and New Year" in tab.locator("main .closures").inner_text()


def test_the_footer_shows_each_location_and_whether_it_is_open(phone):
    tab = phone("/treatments/", clock=datetime.datetime(2026, 12, 8, 10, 30, tzinfo=LONDON))
    places = tab.locator("footer .footer-places > li")
    assert places.count() == 2
    assert places.nth(0).locator("[data-open-status]").inner_text() == (
        "Open now · closes at 18:00"
    )
    assert places.nth(1).locator("[data-open-status]").inner_text() == (
        "Closed now · opens at 11:00 today"
    )
    tab.get_by_role("link", name="Church Walk studio, Stoke Newington").first.click()
    assert tab.url.endswith(STUDIO)
