"""`manage.py import_content` for the journal: posts (type: blog) from Markdown files."""

import datetime

import pytest

from blog.models import BlogIndexPage, BlogPage
from tests.treatments.factories import build_indexes
from tests.treatments.test_importing import GOOD, counts, failed_import, run_import, write
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexes(home_page):
    return build_indexes(home_page)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "---\ntype: blog\ntitle: X\nsummary: S.\nauthors: [Nobody]\n---\n",
            "z-bad.md:5: authors: there is no practitioner called ‘Nobody’",
        ),
        (
            "---\ntype: blog\ntitle: X\nsummary: S.\ndate: 2026-13-45\n---\n",
            "z-bad.md:5: the front matter has an invalid value: month must be in 1..12",
        ),
    ],
)
def test_a_bad_file_late_in_the_run_rolls_back_the_files_before_it(
    indexes, home_page, tmp_path, content, message
):
    """A bad post after a good treatment (other bad files: tests/treatments/)."""
    home_page.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
    write(tmp_path, "a-good.md", GOOD)
    write(tmp_path, "z-bad.md", content)
    before = counts()
    err = failed_import(tmp_path, publish=True)
    assert message in err
    assert counts() == before
    assert not TreatmentPage.objects.filter(slug="cupping").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "---\ntype: blog\ntitle: X\nsummary: S.\ntags: [a, [b, c]]\n---\n",
            "bad.md:5: `tags` must be a list of names",
        ),
    ],
)
def test_odd_values_are_reported_not_crashed_on(indexes, tmp_path, content, message):
    write(tmp_path, "bad.md", content)
    before = counts()
    assert message in failed_import(tmp_path)
    assert counts() == before


def test_post_dates_jekyll_style_and_kept_when_missing(indexes, home_page, tmp_path):
    home_page.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
    write(
        tmp_path,
        "a.md",
        "---\ntype: blog\ntitle: A\nsummary: S.\ndate: 2024-01-05 10:00:00 +0100\n---\nText.\n",
    )
    path = write(tmp_path, "b.md", "---\ntype: blog\ntitle: B\nsummary: S.\n---\nText.\n")
    run_import(tmp_path, publish=True)
    assert str(BlogPage.objects.get(slug="a").date) == "2024-01-05"
    post = BlogPage.objects.get(slug="b")
    post.date = datetime.date(2020, 1, 1)  # as if imported back then
    post.save_revision().publish()
    out, _ = run_import(path, publish=True)
    assert "unchanged" in out and str(BlogPage.objects.get(slug="b").date) == "2020-01-01"
