"""`manage.py import_content` as this site composes it: the plugin's page types with the
journal's and the home app's in one run, and the example file in docs/importing.md."""

from pathlib import Path

import pytest

from blog.models import BlogIndexPage, BlogPage
from home.models import StandardPage
from tests.treatments.factories import build_indexes
from tests.treatments.test_importing import block, blocks, run_import, write
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
IMAGE = ROOT / "demo" / "images" / "microneedling.jpg"


@pytest.fixture
def indexes(home_page):
    return build_indexes(home_page)


def test_blog_posts_plain_pages_and_links_between_files(indexes, home_page, tmp_path):
    home_page.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
    write(
        tmp_path,
        "team/ana.md",
        "---\ntype: practitioner\ntitle: Ana Silva\nrole: Acupuncturist\n---\n"
        "Ana trained in Porto.\n",
    )
    write(
        tmp_path,
        "treatments/cupping.md",
        "---\ntype: treatment\ntitle: Cupping\nsummary: Gentle suction.\n"
        "practitioners: [Ana Silva]\n---\n",
    )
    write(
        tmp_path,
        "blog/post.md",
        """
        ---
        type: blog
        title: Cupping at home
        date: 2026-03-02
        summary: How to start.
        tags: cupping, at home
        authors: [Ana Silva]
        related_treatments: [cupping]
        ---
        Read about [cupping](../treatments/cupping.md#aftercare) first.
        """,
    )
    write(
        tmp_path,
        "about.md",
        "---\ntype: page\ntitle: About us\nseo_title: About Juniper\n"
        "search_description: Who we are.\n---\nWe opened in 2019.\n",
    )
    run_import(tmp_path, publish=True)

    post = BlogPage.objects.get(slug="cupping-at-home")
    assert str(post.date) == "2026-03-02"
    assert sorted(t.name for t in post.tags.all()) == ["at home", "cupping"]
    assert post.author_names() == ["Ana Silva"]
    assert [link.treatment.slug for link in post.related_treatments.all()] == ["cupping"]
    assert '<a href="/treatments/cupping/#aftercare">cupping</a>' in post.body[0].value.source
    about = StandardPage.objects.get(slug="about-us")
    assert about.get_parent().pk == home_page.pk and about.live
    assert about.summary == "We opened in 2019."
    assert (about.seo_title, about.search_description) == ("About Juniper", "Who we are.")


def test_the_documented_example_file_imports_as_the_docs_say(indexes, tmp_path):
    docs = (ROOT / "docs" / "importing.md").read_text()
    example = docs.split("```markdown\n", 1)[1].split("```\n", 1)[0]
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "microneedling.jpg").write_bytes(IMAGE.read_bytes())
    write(tmp_path, "treatments/microneedling.md", example)
    run_import(tmp_path)  # the import folder holds the file's ../images/

    page = TreatmentPage.objects.get(slug="microneedling")
    assert page.hero_image is not None and page.also_known_as
    assert [link.condition.title for link in page.treated_conditions.all()] == [
        "Acne scars",
        "Fine lines and wrinkles",
        "Enlarged pores",
        "Stretch marks",
    ]
    assert blocks(page) == [
        "rich_text",
        "session_facts",
        "what_to_expect",
        "suitability",
        "aftercare",
        "at_home_care",
        "faq",
        "safety_callout",
        "quote",
    ]
    assert len(block(page, "what_to_expect")["steps"]) == 3
    assert len(block(page, "aftercare")["stages"]) == 2
    assert len(block(page, "at_home_care")["items"]) == 1
    assert len(block(page, "faq")["questions"]) == 2
