"""`manage.py import_content` for the home app's page types: the home page (type: home)
and plain pages (type: page), and links to them from the plugin's pages."""

from pathlib import Path

import pytest

from home.models import HomePage
from tests.treatments.factories import build_indexes
from tests.treatments.test_importing import run_import, write
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

IMAGE = Path(__file__).resolve().parents[2] / "demo" / "images" / "microneedling.jpg"


@pytest.fixture
def indexes(home_page):
    return build_indexes(home_page)


def test_spaces_in_file_names_links_to_later_pages_and_the_home_file(indexes, tmp_path):
    (tmp_path / "my photo.jpg").write_bytes(IMAGE.read_bytes())
    write(tmp_path, "home.md", "---\ntype: home\ntitle: Bright Skin\n---\nWelcome.\n")
    write(tmp_path, "about.md", "---\ntype: page\ntitle: About\nsummary: Us.\n---\n")
    write(tmp_path, "about/team.md", "---\ntype: page\ntitle: Team\nparent: /about/\n---\nHi.\n")
    write(
        tmp_path,
        "cupping.md",
        """
        ---
        type: treatment
        title: Cupping
        summary: Gentle suction.
        ---
        See [the team](<about/team.md>), [home](home.md) and [us](<my page.md>).

        ![Sage leaves](<my photo.jpg>)
        """,
    )
    out, _ = run_import(tmp_path)
    page = TreatmentPage.objects.get(slug="cupping")
    text = page.body[0].value.source
    assert '<a href="/about/team/">the team</a>' in text and '<a href="/">home</a>' in text
    assert "link to my page.md: that file is not in this import" in out
    assert page.body[1].block_type == "image"
    assert out.count("warning:") == 1


def test_home_intro_lists_become_lines_its_editor_can_keep(indexes, tmp_path):
    write(tmp_path, "home.md", "---\ntype: home\ntitle: Clinic\n---\nWe offer:\n\n- Cupping\n")
    run_import(tmp_path, publish=True)
    assert HomePage.objects.get().intro == "<p>We offer:</p><p>Cupping</p>"
