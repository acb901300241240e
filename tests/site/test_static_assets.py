"""One small, content-hashed stylesheet and nothing render-blocking from other origins.

Collects the static files with the storage production uses (WhiteNoise's compressed
manifest storage) into a temporary folder, then renders every page of the demo clinic.
"""

import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Page

from tests.treatments.factories import soup

DEMO = Path(__file__).resolve().parents[2] / "demo"
PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
# bytes, before compression: the design system (issue 21) may take up to 60 KB.
STYLESHEET_BUDGET = 60 * 1024
HASHED_STYLESHEET = re.compile(r"/static/css/clinic\.[0-9a-f]{12}\.css")
# The printable aftercare sheet links the plugin's print rules as well, after the site's.
SHEET_STYLESHEET = re.compile(r"/static/treatments/css/aftercare-sheet\.[0-9a-f]{12}\.css")
# Pages that are not pages of the tree: a route of a page, search, the 404 page.
EXTRA_ADDRESSES = [
    "/treatments/microneedling/aftercare/",
    "/blog/tag/aftercare/",
    "/search/?q=massage",
    "/no-such-page/",
]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("static")


@pytest.fixture
def production_static(settings, static_root):
    settings.STATIC_ROOT = static_root
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": PRODUCTION_STATIC_STORAGE},
    }
    if not (static_root / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    return static_root


@pytest.fixture
def demo(home_page):
    call_command("import_content", str(DEMO), publish=True, stdout=io.StringIO())


def demo_addresses():
    pages = Page.objects.live().public().specific()
    return [page.url for page in pages if page.url] + EXTRA_ADDRESSES


def is_other_origin(address):
    parts = urlsplit(address)
    return bool(parts.scheme or parts.netloc) and parts.netloc != "testserver"


def test_every_page_links_one_small_hashed_stylesheet_and_no_other_origin(
    client, demo, production_static
):
    stylesheets = set()
    for address in demo_addresses():
        response = client.get(address)
        assert response.status_code in (200, 404), address
        html = soup(response)
        links = [link["href"] for link in html.select('link[rel~="stylesheet"]')]
        if address == "/treatments/microneedling/aftercare/":
            assert SHEET_STYLESHEET.fullmatch(links.pop()), address
        assert len(links) == 1, address
        stylesheets.add(links[0])
        # Anything the browser fetches before it can draw: scripts, stylesheets, preloads.
        fetched = [script["src"] for script in html.select("script[src]")] + [
            link["href"]
            for link in html.select("link[href]")
            if {"stylesheet", "preload", "modulepreload"} & set(link.get("rel", []))
        ]
        assert [a for a in fetched if is_other_origin(a)] == [], address
        assert "@import" not in "".join(style.get_text() for style in html.select("style"))

    [stylesheet] = stylesheets
    assert HASHED_STYLESHEET.fullmatch(stylesheet), stylesheet
    collected = production_static / stylesheet.removeprefix("/static/")
    assert collected.stat().st_size < STYLESHEET_BUDGET
    assert collected.with_name(collected.name + ".gz").exists()  # WhiteNoise serves it gzipped
    css = collected.read_text()
    assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css)
