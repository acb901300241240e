"""Screenshots of the demo clinic for the README, written to docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--url URL] [--out DIR]     # or: make screenshots

Without --url it serves the demo clinic as `make run` does (development settings, `migrate`,
`load_demo`, `ensure_dev_admin`, then `runserver`), but on a database and media folder of
its own in a temporary folder and on a free port, so what a developer changed in their
db.sqlite3 never shows and a running `make run` is left alone. With --url it photographs
that site instead, signing in with the local admin login (home/management/commands/
ensure_dev_admin.py).

Debian's Chromium, through Playwright, takes the home page, the microneedling treatment page
and the admin's editing form of that treatment, each at phone (390 x 844) and desktop
(1280 x 800) size, as the visitor first sees them (the viewport only), and the whole
treatment page at phone width. To make each run draw the same pixels: the browser's clock
is fixed (the clinic's "open now" is worked out in the browser), motion is reduced and
animations stopped, the caret hidden, requests to other origins refused, and a shot waits
for the network to go quiet, the web fonts and every image (lazy ones included). PNGs are
written by Pillow with optimize=True.
"""

import argparse
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
from home.management.commands.ensure_dev_admin import PASSWORD, USERNAME  # noqa: E402

SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
TREATMENT, TREATMENT_SLUG = "/treatments/microneedling/", "microneedling"
# A Tuesday mid-morning in the demo clinic's London: its "open now" line says open.
MOMENT = datetime(2026, 3, 10, 10, 30, tzinfo=ZoneInfo("Europe/London"))
# Every image asked to load now (lazy ones too), then decoded: nothing half-drawn.
IMAGES_READY = """async () => {
    const images = Array.from(document.images);
    images.forEach((image) => { image.loading = "eager"; });
    await Promise.all(images.map((image) => image.decode().catch(() => null)));
    await document.fonts.ready;
}"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args):
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def serve_demo(work):
    """`make run`'s set-up and server on a database and media folder in `work`: (server
    process, base URL)."""
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="clinicsite.settings.dev",
        DJANGO_SQLITE_PATH=str(work / "db.sqlite3"),
        DJANGO_MEDIA_ROOT=str(work / "media"),
    )
    for command in ("migrate --noinput", "load_demo", "ensure_dev_admin"):
        manage(env, *command.split())
    port = free_port()
    with open(work / "runserver.log", "wb") as log:
        server = subprocess.Popen(
            [PYTHON, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, stdout=log, stderr=log,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        if server.poll() is not None:
            raise SystemExit(f"runserver exited; its log: {work / 'runserver.log'}")
        try:
            with urllib.request.urlopen(base + "/", timeout=2):
                return server, base
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"runserver did not answer; its log: {work / 'runserver.log'}")


def page_id(base, slug):
    """The id of the page with `slug`, from API v2's listing (its `find/` would redirect to
    the site's configured base URL, not necessarily this server)."""
    with urllib.request.urlopen(f"{base}/api/v2/pages/?slug={slug}") as response:
        items = json.load(response)["items"]
    if len(items) != 1:
        raise SystemExit(f"{base}: {len(items)} pages with the slug {slug!r}, not 1")
    return items[0]["id"]


def new_context(browser, base, size):
    width, height = SIZES[size]
    context = browser.new_context(
        base_url=base,
        viewport={"width": width, "height": height},
        device_scale_factor=1,
        is_mobile=size == "phone",
        has_touch=size == "phone",
        reduced_motion="reduce",
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.clock.set_fixed_time(MOMENT)
    context.set_default_timeout(120_000)  # a busy machine: the admin's editor is heavy
    # Only the site itself: an outside request (none is expected) would fail here anyway,
    # and refusing it at once keeps the wait for a quiet network short.
    origin = base.rstrip("/")
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort(),
    )
    return context


def shoot(page, path, out, name, full_page=False):
    page.goto(path, wait_until="networkidle")
    page.evaluate(IMAGES_READY)
    page.wait_for_load_state("networkidle")
    png = page.screenshot(full_page=full_page, animations="disabled", caret="hide")
    target = out / f"{name}.png"
    Image.open(io.BytesIO(png)).save(target, optimize=True)
    print(f"{os.path.relpath(target)}: {target.stat().st_size / 1024:.0f} KB", flush=True)


def sign_in(page):
    page.goto("/admin/login/", wait_until="networkidle")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/admin/login/" in page.url:
        raise SystemExit(f"signing in to the admin as {USERNAME} failed (at {page.url})")


def take_all(base, out):
    from playwright.sync_api import sync_playwright

    edit = f"/admin/pages/{page_id(base, TREATMENT_SLUG)}/edit/"
    for path in ("/", TREATMENT):
        # A page's first visit makes its photos' renditions, which takes a while: done
        # here, so the browser's visit is not timed out by it.
        urllib.request.urlopen(base + path, timeout=300).read()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            for size in SIZES:
                visitor = new_context(browser, base, size)
                page = visitor.new_page()
                shoot(page, "/", out, f"home-{size}")
                shoot(page, TREATMENT, out, f"treatment-{size}")
                if size == "phone":
                    shoot(page, TREATMENT, out, f"treatment-{size}-full", full_page=True)
                visitor.close()
                # The editor in a context of its own: signed in, the public pages would
                # show Wagtail's userbar.
                editor = new_context(browser, base, size)
                page = editor.new_page()
                sign_in(page)
                shoot(page, edit, out, f"treatment-admin-{size}")
                editor.close()
        finally:
            browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="photograph this site instead, e.g. http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium is missing at {CHROMIUM}: run 'make test' or set CHROMIUM_PATH")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.url:
        take_all(args.url.rstrip("/"), args.out)
        return
    with tempfile.TemporaryDirectory(prefix="screenshots-") as work:
        server, base = serve_demo(Path(work))
        try:
            take_all(base, args.out)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
