"""The development site as `make run` makes it: restarting keeps editors' work, and the
SQLite database copes with the admin's overlapping requests.

The tests run the Makefile's own `make setup` (migrate, demo, local admin) into a
temporary database and media folder, and serve it with `manage.py runserver` and the
development settings, as `make run` does.
"""

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_until_the_editor_watches, watch_the_editor
from tests.conftest import wait_until_listening

ROOT = Path(__file__).resolve().parents[2]
ADMIN = ("admin", "clinic-admin")  # what ensure_dev_admin makes


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def dev_env(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dev-site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinicsite.settings.dev",
        "DJANGO_SQLITE_PATH": str(folder / "db.sqlite3"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "PAGE_CACHE_DIR": str(folder / "page-cache"),  # not a folder in the repository's var/
    }
    env.pop("DATABASE_URL", None)  # the development database is SQLite, whatever CI runs
    return env


def make_setup(env):
    """`make setup`, exactly as `make run` runs it before serving."""
    done = subprocess.run(
        ["make", "--no-print-directory", "setup", f"PY={sys.executable}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def dev_server(dev_env):
    """The demo site after a first `make setup`, served by runserver; yields its address."""
    first = make_setup(dev_env)
    assert re.search(r"\d+ files: \d+ created", first), first
    port = free_port()
    log = open(Path(dev_env["DJANGO_MEDIA_ROOT"]).parent / "server.log", "w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=dev_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    wait_until_listening(port)
    yield f"http://127.0.0.1:{port}", Path(log.name)
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture
def admin_page(chromium, dev_server):
    url, _ = dev_server
    context = chromium.new_context(base_url=url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch_the_editor(page)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(ADMIN[0])
    page.get_by_label("Password").fill(ADMIN[1])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    yield page
    context.close()


def edit_page_of(page, title):
    """Open a page's editor from the admin search, as an editor finds it."""
    page.goto(f"/admin/pages/search/?q={title}")
    page.get_by_role("link", name=title, exact=True).first.click()
    page.wait_for_url("**/admin/pages/*/edit/")
    wait_until_the_editor_watches(page)


def test_restarting_make_run_keeps_what_editors_changed(admin_page, dev_server, dev_env):
    url, _ = dev_server
    edit_page_of(admin_page, "Microneedling")
    summary = admin_page.get_by_role("textbox", name="Summary*", exact=True)
    summary.click()
    summary.press("Control+End")
    summary.press_sequentially(" Edited in the admin.", delay=10)
    admin_page.wait_for_function("() => window.autosaves > 0")
    admin_page.get_by_role("button", name="More actions").click()
    admin_page.get_by_role("button", name="Publish").click()
    admin_page.wait_for_url("**/admin/pages/*/")
    admin_page.goto(url + "/treatments/microneedling/")
    expect(admin_page.locator(".lede")).to_contain_text("Edited in the admin.")

    again = make_setup(dev_env)  # what the next `make run` does before serving
    assert "the demo was not imported again" in again, again

    admin_page.goto(url + "/treatments/microneedling/")
    expect(admin_page.locator(".lede")).to_contain_text("Edited in the admin.")
    # Published by hand, not approved: the page claims no review, before and after.
    expect(admin_page.get_by_text("Medically reviewed")).to_have_count(0)


# Each round sends, at the same moment, what the admin sends while an editor types with
# the preview panel open: an autosave, a preview update, an editing-session ping, and a
# Save draft.
CONCURRENT_ROUNDS = """
async ([rounds, previewUrl, pingUrl]) => {
    const form = document.querySelector("form[data-edit-form]");
    const summary = form.querySelector("textarea[name=summary]");
    const original = summary.value;
    const statuses = [];
    const post = async (url, data, accept) => {
        const response = await fetch(url, {
            method: "POST",
            body: data,
            headers: { Accept: accept, "X-CSRFToken": data.get("csrfmiddlewaretoken") },
        });
        statuses.push([url, response.status]);
    };
    for (let round = 0; round < rounds; round++) {
        summary.value = `${original} Round ${round}.`;
        const data = () => new FormData(form);
        const ping = new FormData();
        ping.set("csrfmiddlewaretoken", data().get("csrfmiddlewaretoken"));
        await Promise.all([
            post(form.action, data(), "application/json"),
            post(previewUrl, data(), "application/json"),
            post(pingUrl, ping, "application/json"),
            post(form.action, data(), "text/html"),
            post(previewUrl, data(), "application/json"),
        ]);
    }
    return statuses;
}
"""


def test_the_admins_overlapping_requests_never_lock_the_database(admin_page, dev_server):
    _, log = dev_server
    edit_page_of(admin_page, "Facial massage")
    edit_url = admin_page.url
    preview_url = edit_url.replace("/edit/", "/edit/preview/")
    ping_url = admin_page.locator("form.w-editing-sessions").get_attribute("data-w-swap-src-value")
    statuses = admin_page.evaluate(CONCURRENT_ROUNDS, [12, preview_url, ping_url])
    assert len(statuses) == 60
    errors = [(url, status) for url, status in statuses if status >= 500]
    assert errors == [], errors
    assert "database is locked" not in log.read_text()
