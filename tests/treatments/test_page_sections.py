"""A treatment page's sections: each has a readable anchor, and the "On this page" list
links to every section that opens with a heading, in reading order."""

import io
import re
import textwrap
from collections import Counter

import pytest
from django.core.management import call_command
from wagtail.rich_text import RichText

from treatments.blocks import ArticleBodyBlock, RichTextSectionBlock, TreatmentBodyBlock
from treatments.blocks.base import PageSectionMixin
from treatments.models import TreatmentPage

from .factories import build_indexes, make_condition, make_treatment, soup
from .test_api import every_treatment_block, make_image

# What a visitor can read in an address: lower-case words joined by hyphens.
READABLE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@pytest.fixture
def tree(site_root):
    return build_indexes(site_root)


def text(tag):
    return " ".join(tag.get_text().split())


def contents(html):
    return [(a["href"], text(a)) for a in html.select("nav.toc a")]


def headed_sections(html):
    """(#anchor, heading) of each section in the page's reading flow that has an <h2>, in
    page order (a side panel shows its own heading beside the contents list)."""
    return [
        (f"#{section['id']}", text(section.h2))
        for section in html.select("main section[id]")
        if section.h2 is not None and section.find_parent("aside") is None
    ]


def assert_ids_unique(html):
    ids = Counter(tag["id"] for tag in html.select("[id]"))
    assert [i for i, n in ids.items() if n > 1] == []


def test_an_imported_text_section_is_in_the_contents_under_its_own_heading(client, tree, tmp_path):
    # A Markdown section the importer cannot place in a structured block lands in a text
    # block that starts with its heading, as the demo's "How microneedling works" does.
    (tmp_path / "needling.md").write_text(
        textwrap.dedent(
            """\
            ---
            type: treatment
            title: Microneedling
            summary: Fine needles prompt the skin to mend itself.
            ---

            ## How microneedling works

            A pen of very fine needles makes tiny channels that the skin repairs.

            ## Benefits

            - A smoother texture
            """
        ),
        encoding="utf-8",
    )
    call_command(
        "import_content",
        str(tmp_path),
        publish=True,
        publish_unreviewed=True,
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    page = TreatmentPage.objects.get(slug="microneedling")
    assert [block.block_type for block in page.body] == ["rich_text", "benefits"]

    html = soup(client.get(page.url))
    assert contents(html) == [
        ("#how-microneedling-works", "How microneedling works"),
        ("#benefits", "Benefits"),
    ]
    assert html.select_one("#rich_text") is None
    assert "A pen of very fine needles" in text(html.select_one("#how-microneedling-works"))


def test_every_section_has_a_readable_unique_anchor_and_each_heading_is_in_the_contents(
    client, tree
):
    treatments, conditions = tree
    acne = make_condition(conditions, "Acne")
    image = make_image()
    second_image = {
        "type": "image",
        "value": {"image": {"image": image.pk, "alt_text": "A calm room", "decorative": False}},
    }
    page = make_treatment(
        treatments,
        "Microneedling",
        [acne],
        body=[
            *every_treatment_block(image, acne),
            second_image,
            {"type": "rich_text", "value": "<p>No subheading in this one.</p>"},
            {"type": "rich_text", "value": "<h2>Before &amp; <b>after</b> photos</h2><p>…</p>"},
            {"type": "benefits", "value": {"heading": "Main", "items": ["A name in use"]}},
        ],
    )
    html = soup(client.get(page.url))

    assert_ids_unique(html)
    anchors = [section["id"] for section in html.select("main section[id]")]
    assert all(READABLE.fullmatch(anchor) for anchor in anchors), anchors
    # Blocks without a heading are anchored by what they are, never by a code name.
    assert "image" in anchors and "image-2" in anchors
    assert "quote" in anchors and "text" in anchors
    # The contents list: every section with a heading, in the page's order, by that heading.
    assert contents(html) == headed_sections(html)
    for anchor, heading in contents(html):
        assert text(html.select_one(anchor).h2) == heading
    assert ("#how-it-works", "How it works") in contents(html)
    assert ("#before-after-photos", "Before & after photos") in contents(html)
    # "Main" would take the id of the main landmark, where the skip link leads.
    assert ("#main-2", "Main") in contents(html)
    # The text's own subheading carries no id of its own: its section holds the anchor.
    assert html.select_one("#how-it-works h2").get("id") is None
    for anchor in ("#image", "#image-2", "#quote", "#text"):
        assert html.select_one(anchor).h2 is None
        assert anchor not in dict(contents(html))


def test_a_text_block_is_headed_by_its_first_subheading_as_a_visitor_reads_it():
    heading = RichTextSectionBlock().section_heading
    assert heading(RichText("<h2>Skin &amp; <i>scars</i></h2><h2>Later</h2>")) == "Skin & scars"
    assert heading(RichText("<p>Intro.</p><h2>Why\n it <br/>works</h2>")) == "Why it works"
    assert heading(RichText("<h3>A minor heading</h3><p>Text.</p>")) is None
    assert heading(RichText("<h2> </h2><p>Text.</p>")) is None
    assert heading(RichText("")) is None


@pytest.mark.parametrize("stream", [TreatmentBodyBlock, ArticleBodyBlock])
def test_every_block_a_page_offers_says_what_heading_it_opens_with(stream):
    # sections() asks each block; a block added without the method would break the page.
    for name, block in stream().child_blocks.items():
        assert isinstance(block, PageSectionMixin), name
