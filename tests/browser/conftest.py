"""A real Chromium (Debian's package) driven by Playwright against a live server.

The browser tests fail, never skip, when Chromium is missing: `make test`
installs it first (scripts/ensure-browser.sh).
"""

import io
import os
import threading
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

from tests.conftest import ensure_home_page

DEMO = Path(__file__).resolve().parents[2] / "demo"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM (used by
# fixtures) would otherwise refuse to run next to it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(__file__).parent in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
    # `demo_server` flushes the database when its module ends, taking the rows the
    # migrations made (the default site, its home page) with it: run those modules last,
    # after pytest-django's own order, so no test that relies on those rows follows them.
    items.sort(key=lambda item: "demo_server" in getattr(item, "fixturenames", ()))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test (`item.rep_call`), so a fixture can tell in its
    teardown whether the test failed, e.g. to take a screenshot."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run 'make test' (it installs Debian's chromium) "
            "or set CHROMIUM_PATH. Browser tests are never skipped.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


# Every Content-Security-Policy violation the browser reports, kept on the page for the
# test to read (with `browser_page`).
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def browser_page(chromium, live_server):
    """A tab on the test server that records CSP violations (`window.cspViolations`) and
    console messages (`page.console_messages`)."""
    context = chromium.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.console_messages = console
    yield page
    context.close()


@pytest.fixture(autouse=True)
def pages_kept_as_in_production(request, settings):
    """Live-server tests commit what they write, so versions are raised as in production:
    rendered parts of pages are kept there too (treatments/fragments.py), and every journey
    shows they go stale when they should. The demo server's tests write in a transaction
    that never commits, so nothing would ever make their parts stale: not there."""
    if "demo_server" not in request.fixturenames:
        caches["pages"].clear()  # versions and parts of the previous test's pages
        settings.PAGE_PARTS_SECONDS = 3600


@pytest.fixture(scope="module")
def demo_server(django_db_setup, django_db_blocker):
    """A live server over the imported demo clinic, shared by one module's tests.

    Importing the demo takes seconds, and `live_server` tests flush the database after
    each test; so this imports once, serves it from a server thread of its own, and
    flushes at the end of the module as a transactional test would. Mark the tests
    that use it `django_db` (not transactional): what a test writes is rolled back, and
    the flush clears what the server wrote.
    """
    with django_db_blocker.unblock():
        ensure_home_page()
        call_command("import_content", str(DEMO), publish=True, stdout=io.StringIO())
        server = LiveServer("localhost")
        try:
            yield server
        finally:
            # Requests the browser dropped may still be answered in threads of their own,
            # which close the shared SQLite connection when done: let them finish first.
            for thread in threading.enumerate():
                if thread.name.endswith("(process_request_thread)"):
                    thread.join(timeout=10)
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


# --- Following the page editor as a person does -------------------------------------------
# Wagtail's form compares what is typed with a snapshot it takes about two seconds after
# each time its unsaved-changes controller connects (twice on pages with comments). What is
# typed before the last snapshot counts as the form's starting point and is not autosaved,
# so a test, quicker than any person, waits for it.
EDITOR_WATCH_SCRIPT = """
window.autosaves = 0; window.formConnects = 0; window.formSnapshots = 0;
document.addEventListener('w-autosave:success', () => { window.autosaves += 1; });
document.addEventListener('w-unsaved:ready', () => { window.formConnects += 1; });
document.addEventListener('w-unsaved:watch-edits', () => { window.formSnapshots += 1; });
"""


def watch_the_editor(page):
    """Count the editor's finished autosaves and snapshots in every page this tab opens."""
    page.add_init_script(EDITOR_WATCH_SCRIPT)


def wait_until_the_editor_watches(page):
    page.wait_for_function(
        "() => window.formConnects > 0 && window.formSnapshots >= window.formConnects"
    )
