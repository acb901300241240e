"""The printable aftercare sheet's "Print this sheet" button, in a real browser: shown and
working with JavaScript, absent without it and on paper, and allowed by the site's strict
Content-Security-Policy (its script is a file of the site, never inline code)."""

import pytest

from tests.treatments.factories import AFTERCARE, build_indexes, default_site, make_treatment
from treatments.models import ClinicSettings

# The browser's own print dialog would stop a headless test: count the calls instead, and
# keep every policy violation the page reports.
WATCH_THE_PAGE = """
window.printCalls = 0;
window.print = () => { window.printCalls += 1; };
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def sheet_url(home_page):
    treatments, _ = build_indexes(home_page)
    clinic = ClinicSettings.for_site(default_site())
    clinic.name = "Juniper Clinic"
    clinic.phone = "020 7946 0321"
    clinic.save()
    return make_treatment(treatments, "Microneedling", body=[AFTERCARE]).url + "aftercare/"


@pytest.fixture
def watched(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url)
    context.add_init_script(WATCH_THE_PAGE)
    page = context.new_page()
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message.text))
    yield page
    context.close()


def test_the_print_button_prints_the_sheet_with_no_policy_violation(watched, sheet_url):
    page = watched
    response = page.goto(sheet_url)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    button = page.get_by_role("button", name="Print this sheet")
    button.wait_for()  # revealed by the script once it has run
    assert page.get_by_text("Use your browser’s Print command").is_hidden()
    assert page.evaluate("window.printCalls") == 0  # nothing prints by itself

    button.click()
    assert page.evaluate("window.printCalls") == 1
    assert page.evaluate("window.cspViolations") == []
    assert [text for text in page.console_messages if "Content Security Policy" in text] == []

    # On paper: the clinic and the aftercare, not the button.
    page.emulate_media(media="print")
    assert button.is_hidden()
    assert page.locator("main").get_by_text("Juniper Clinic", exact=True).is_visible()
    assert page.get_by_text("Questions? Call 020 7946 0321").is_visible()


def test_without_javascript_the_sheet_says_how_to_print_and_shows_no_dead_button(
    chromium, live_server, sheet_url
):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(sheet_url)
    assert page.get_by_text("Use your browser’s Print command").is_visible()
    assert page.locator("button", has_text="Print this sheet").is_hidden()
    context.close()
