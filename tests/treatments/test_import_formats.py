"""`manage.py import_content` reads what clinics really have: Markdown with YAML or TOML
front matter (or none), plain text copied from web pages, and saved web pages; it takes
what a file lacks from --type, --parent and --title; and it refuses hostile or oversized
files, and images from outside the import folder, with `file:line` and nothing written.

The real pages in fixtures/seeds/ are read as they are, checked block by block (the blocks
a page's sections become are tests/treatments/test_importing.py's business).
"""

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from treatments.importer import import_types
from treatments.importer.markdown import Heading, List, Paragraph, plain_text
from treatments.importer.run import ImportRun, collect
from treatments.importer.source import Source
from treatments.models import TreatmentPage

from .factories import build_indexes

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = FIXTURES / "seeds"
PHOTO = FIXTURES / "photo.jpg"


def seed(number):
    return next(SEEDS.glob(f"{number:03d}_*.txt"))


def headings(source):
    return [
        (node.level, node.line, node.text) for node in source.nodes if isinstance(node, Heading)
    ]


def lists(source):
    """(ordered, line, item lines) of each top-level list."""
    return [
        (node.ordered, node.line, [item.line for item in node.items])
        for node in source.nodes
        if isinstance(node, List)
    ]


def paragraph_lines(source):
    return [node.line for node in source.nodes if isinstance(node, Paragraph)]


def run_import(*paths, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_content", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue()


def failed_import(*paths, **options):
    """The problems printed by an import that must fail, having changed nothing."""
    before = database_and_media()
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_content", *map(str, paths), stdout=io.StringIO(), stderr=err, **options
        )
    assert database_and_media() == before
    return err.getvalue()


def database_and_media():
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    return (
        Page.objects.count(),
        Revision.objects.count(),
        get_image_model().objects.count(),
        sorted(str(p) for p in media.rglob("*") if p.is_file()),
    )


def write(folder, name, text):
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def indexes(site_root):
    return build_indexes(site_root)


# --- The real pages, as they are ------------------------------------------------------


def test_seed_000_is_eleventy_markdown_saved_as_txt():
    source = Source.read(seed(0))
    assert source.format == "markdown"
    assert source.front_matter == {
        "title": "Facial Acupuncture",
        "layout": "layouts/maintenance.html",
    }
    assert source.key_lines == {"title": 2, "layout": 3}
    assert headings(source) == [
        (1, 6, "Facial Acupuncture"),
        (2, 12, "What to Expect"),
        (3, 22, "What does Facial Acupuncture treat?"),
        (3, 35, "At home treatments"),
    ]
    assert lists(source) == [(False, 24, list(range(24, 34)))]
    # Markdown's own escapes are read as Markdown: "a thing\!" shows "a thing!".
    assert "you won't feel or see a thing!" in plain_text(source.nodes)


def test_seed_001_plain_text_title_from_its_defining_sentence():
    source = Source.read(seed(1))
    assert source.format == "text" and source.front_matter == {}
    assert source.found_title() == (
        "Facial massage",
        1,
        "no title line: took the title “Facial massage” from line 1; check it",
    )
    assert headings(source) == [
        (2, 11, "Japanese facial massage"),
        (2, 17, "Anti-wrinkle face massage"),
        (2, 35, "Facial massage at home"),
        (2, 41, "Rejuvenating facial massage"),
    ]
    assert lists(source) == [(False, 23, list(range(23, 30)))]
    items = source.nodes[[type(n) for n in source.nodes].index(List)].items
    assert plain_text(items[-1].children) == "Restoration of muscle elasticity."
    # The caption right after the list is a paragraph of its own, not part of the last
    # item, and its copy on line 31 is left out with a warning.
    assert 30 in paragraph_lines(source) and 31 not in paragraph_lines(source)
    assert plain_text(source.nodes).count("Classic massage lines") == 1
    assert source.warnings == [
        ("this line repeats the line before it (a caption copied twice?): left it out", 31)
    ]


def test_seed_002_plain_text_title_from_a_later_paragraph_and_site_chrome_kept_as_text():
    source = Source.read(seed(2))
    assert source.format == "text"
    assert source.found_title()[:2] == ("Micro-needling", 5)
    assert headings(source) == [
        (2, 9, "What Skin Conditions Can Micro-Needling Treat?"),
        (2, 23, "Is Micro-Needling For Me?"),
    ]
    assert lists(source) == [(False, 13, [13, 14, 15, 16, 17])]
    last = source.nodes[-1]
    assert isinstance(last, Paragraph) and (last.line, last.text) == (29, "Blog Skin Care")


def test_seed_003_plain_text_title_line_sections_and_numbered_lists():
    source = Source.read(seed(3))
    assert source.found_title() == (
        "Microneedling Treatment Skin Health and Appearance",
        1,
        None,
    )
    assert [(level, line) for level, line, _ in headings(source)] == [
        (1, 1),
        (2, 5),
        (2, 9),
        (2, 19),
        (2, 29),
        (2, 38),
        (2, 42),
        (2, 46),
    ]
    assert headings(source)[1][2] == "What is Microneedling?"
    assert lists(source) == [
        (True, 13, [13, 14, 15, 16, 17]),
        (True, 23, [23, 24, 25, 26, 27]),
        (True, 33, [33, 34, 35, 36]),
    ]
    # Lines ending with a colon introduce a list: they are text, not headings.
    assert {11, 21, 31} <= set(paragraph_lines(source))


def test_seed_004_plain_text_title_line_and_paragraphs():
    source = Source.read(seed(4))
    assert source.found_title() == ("Microneedling at Day Spa", 1, None)
    assert headings(source) == [(1, 1, "Microneedling at Day Spa")]
    assert paragraph_lines(source) == [3, 5, 7, 9, 11, 13, 15]


def test_a_seed_imports_as_a_draft_treatment_with_the_title_it_was_given(indexes, tmp_path):
    path = tmp_path / "facial.txt"
    path.write_bytes(seed(1).read_bytes())
    out = run_import(path, type="treatment", parent="/treatments/")
    page = TreatmentPage.objects.get(slug="facial-massage")
    assert page.title == "Facial massage" and not page.live
    assert page.get_parent().url_path.endswith("/treatments/")
    assert "took the title “Facial massage” from line 1; check it" in out
    assert "line 31: this line repeats the line before it" in out


# --- Plain text -----------------------------------------------------------------------


def test_plain_text_is_shown_as_written_not_read_as_markup(tmp_path):
    text = (
        "Price list\n\n"
        "Our *best* offer_today costs <b>£40</b> [see terms] \\ 2 # of 3.\n\n"
        "  - first point\n  * second point\n  ▪ third point\n"
        "A line right after the list.\n"
    )
    source = Source.read(write(tmp_path, "prices.txt", text))
    assert source.format == "text"
    assert [type(node).__name__ for node in source.nodes] == [
        "Heading",
        "Paragraph",
        "List",
        "Paragraph",
    ]
    assert (
        source.nodes[1].text == "Our *best* offer_today costs <b>£40</b> [see terms] \\ 2 # of 3."
    )
    assert [plain_text(item.children) for item in source.nodes[2].items] == [
        "first point",
        "second point",
        "third point",
    ]
    assert (source.nodes[3].line, source.nodes[3].text) == (8, "A line right after the list.")


def test_a_txt_file_that_uses_markdown_is_read_as_markdown(tmp_path):
    source = Source.read(write(tmp_path, "page.txt", "# Peels\n\nA *gentle* peel.\n"))
    assert source.format == "markdown" and source.nodes[1].text == "A gentle peel."


def test_title_from_a_file_name_made_of_words(tmp_path):
    text = "We are open six days a week, and our team will be glad to see you.\n"
    source = Source.read(write(tmp_path, "opening-hours.txt", text))
    assert source.found_title() == (
        "Opening hours",
        1,
        "no title line: took the title “Opening hours” from the file name; check it",
    )


def test_no_title_anywhere_is_a_problem_naming_the_way_out(indexes, tmp_path):
    path = write(tmp_path, "0042.txt", "We are open six days a week, and glad to see you.\n")
    err = failed_import(path, type="treatment")
    assert f"{path}:1: no title: start the file with a title line" in err
    assert "or pass --title" in err


# --- Front matter: YAML, TOML or none, and the command line's defaults ------------------


def test_toml_front_matter_with_key_lines(tmp_path):
    path = write(
        tmp_path,
        "peel.md",
        '+++\ntitle = "Chemical peel"\ntype = "treatment"\n'
        'date = 2024-01-05T10:00:00+01:00\ntags = ["peels", "acne"]\n\n[params]\nx = 1\n+++\n\n'
        "A peel removes dead skin.\n",
    )
    source = Source.read(path)
    assert source.front_matter["title"] == "Chemical peel"
    assert source.front_matter["tags"] == ["peels", "acne"]
    assert source.front_matter["date"].isoformat() == "2024-01-05T10:00:00+01:00"
    assert source.key_lines == {"title": 2, "type": 3, "date": 4, "tags": 5, "params": 7}
    assert paragraph_lines(source) == [11]


def test_bad_toml_names_its_line(indexes, tmp_path):
    path = write(tmp_path, "bad.md", '+++\ntype = "treatment"\ntitle = "X"\nsummary = \n+++\n')
    assert f"{path}:4: the front matter is not valid TOML" in failed_import(path)


def test_toml_front_matter_imports_a_treatment(indexes, tmp_path):
    path = write(
        tmp_path,
        "peel.md",
        '+++\ntype = "treatment"\ntitle = "Chemical peel"\nsummary = "A gentle peel."\n+++\n'
        "\nIt takes half an hour.\n",
    )
    run_import(path)
    assert TreatmentPage.objects.get(slug="chemical-peel").summary == "A gentle peel."


def test_no_front_matter_takes_type_parent_and_title_from_the_command_line(indexes, tmp_path):
    path = write(
        tmp_path,
        "0017.txt",
        "Our peel takes half an hour, and most people go back to work straight after.\n",
    )
    run_import(path, type="treatment", parent="/treatments/", title="Chemical peel")
    page = TreatmentPage.objects.get(slug="chemical-peel")
    assert page.title == "Chemical peel"
    assert page.summary.startswith("Our peel takes half an hour")


def test_the_command_line_does_not_override_the_front_matter(indexes, tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: Cupping\nsummary: S.\n---\n# Other\n")
    run_import(path, type="treatment", title="Ignored")
    assert TreatmentPage.objects.filter(title="Cupping").exists()


def test_a_parent_from_the_command_line_is_checked_like_one_in_the_file(indexes, tmp_path):
    path = write(tmp_path, "peel.txt", "Peels\n\nA peel removes dead skin.\n")
    err = failed_import(path, type="treatment", parent="/nowhere/")
    assert f"{path}:1: parent: there is no page at /nowhere/" in err


def test_title_is_for_exactly_one_file(indexes, tmp_path):
    write(tmp_path, "a.txt", "A\n\nText.\n")
    write(tmp_path, "b.txt", "B\n\nText.\n")
    with pytest.raises(CommandError, match="--title names one page"):
        call_command("import_content", str(tmp_path), type="treatment", title="X")
    with pytest.raises(CommandError, match="--title names one page"):
        call_command(
            "import_content",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            type="treatment",
            title="X",
        )


def test_folders_are_searched_for_every_format(tmp_path):
    for name in (
        "a.md",
        "b.markdown",
        "c.txt",
        "d.html",
        "e.htm",
        "README.txt",
        "notes.rtf",
        ".hidden/f.txt",
    ):
        write(tmp_path, name, "x")
    files, roots, problems = collect([tmp_path])
    assert [file.name for file in files] == ["a.md", "b.markdown", "c.txt", "d.html", "e.htm"]
    assert set(roots.values()) == {tmp_path.resolve()} and not problems


@pytest.mark.skipif(not apps.is_installed("blog"), reason="the site's journal")
@pytest.mark.parametrize(
    ("front_matter", "file_name", "day"),
    [
        ("date: 2024-01-05T10:00:00+01:00\n", "post.md", "2024-01-05"),  # Hugo, YAML
        ('date: "2024-01-05 23:30:00 -0800"\n', "post.md", "2024-01-05"),  # Jekyll
        ("date: 2024-01-05 10:00:00 +0100\n", "post.md", "2024-01-05"),
        ("", "2023-11-30-my-post.md", "2023-11-30"),  # Jekyll's file name
    ],
)
def test_blog_dates_as_hugo_and_jekyll_write_them(
    site_root, tmp_path, front_matter, file_name, day
):
    make_blog(site_root)
    text = f"---\ntype: blog\ntitle: A post\nsummary: S.\n{front_matter}---\nText.\n"
    run_import(write(tmp_path, file_name, text))
    post = apps.get_model("blog", "BlogPage").objects.get(slug="a-post")
    assert str(post.date) == day


@pytest.mark.skipif(not apps.is_installed("blog"), reason="the site's journal")
def test_blog_toml_date_and_jekyll_categories_become_tags(site_root, tmp_path):
    make_blog(site_root)
    path = write(
        tmp_path,
        "post.md",
        '+++\ntype = "blog"\ntitle = "A post"\nsummary = "S."\ndate = 2024-02-03T08:00:00Z\n'
        'tags = ["Acne"]\ncategories = ["skin care", "acne"]\n+++\nText.\n',
    )
    out = run_import(path)
    post = apps.get_model("blog", "BlogPage").objects.get(slug="a-post")
    assert str(post.date) == "2024-02-03"
    assert sorted(tag.name for tag in post.tags.all()) == ["Acne", "skin care"]
    assert "unknown key" not in out
    path.write_text(
        "---\ntype: blog\ntitle: A post\nsummary: S.\ncategories: news offers\n---\nText.\n"
    )
    run_import(path)
    post.refresh_from_db()
    latest = post.get_latest_revision_as_object()
    assert sorted(tag.name for tag in latest.tags.all()) == ["news", "offers"]


@pytest.mark.skipif(not apps.is_installed("blog"), reason="the site's journal")
def test_blog_date_that_is_not_a_date_is_a_problem(site_root, tmp_path):
    make_blog(site_root)
    path = write(
        tmp_path, "p.md", "---\ntype: blog\ntitle: P\nsummary: S.\ndate: 2024-01-05x\n---\n"
    )
    assert f"{path}:5: `date` must be a date" in failed_import(path)


def make_blog(home):
    BlogIndexPage = apps.get_model("blog", "BlogIndexPage")
    if not BlogIndexPage.objects.exists():
        home.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))


# --- Saved web pages ------------------------------------------------------------------

PAGE = FIXTURES / "formats" / "hydrafacial.html"


def test_a_saved_web_page_gives_its_article_only_with_source_lines():
    source = Source.read(PAGE)
    assert source.format == "html"
    assert source.found_title() == ("HydraFacial", 35, None)
    assert headings(source) == [
        (1, 35, "HydraFacial"),
        (2, 38, "What does it help with?"),
        (2, 46, "What to expect"),
        (2, 49, "Aftercare"),
    ]
    assert lists(source) == [(False, 41, [41, 42, 43, 44])]
    text = plain_text(source.nodes)
    assert "cleans, exfoliates and hydrates" in text and "45 minutes" in text
    for chrome in (
        "cookies",  # the consent banner
        "Contact us today",  # the menu
        "Book now and save",  # the sidebar
        "Sign up to our newsletter",  # the form
        "Registered in England",  # the footer
        "gtag",  # tracking scripts
        "Willow Skin Clinic",
    ):
        assert chrome not in text, chrome
    # Bold words and links are kept.
    tokens = [t.type for node in source.nodes if isinstance(node, Paragraph) for t in node.inline]
    assert "link_open" in tokens
    item = source.nodes[4].items[2].children[0]
    assert "strong_open" in [t.type for t in item.inline]


def test_a_web_page_imports_as_a_treatment(indexes, tmp_path):
    run_import(PAGE, type="treatment")
    page = TreatmentPage.objects.get(slug="hydrafacial")
    assert page.title == "HydraFacial"
    assert page.summary.startswith("A HydraFacial cleans, exfoliates and hydrates the skin")


def test_a_web_page_without_h1_takes_its_title_from_title_without_the_site_name(tmp_path):
    path = write(
        tmp_path,
        "peel.html",
        "<html><head><title>Chemical peels – Willow Clinic</title></head><body>"
        "<nav><a href='/'>Home</a></nav><article><p>A chemical peel removes the top layer "
        "of dead skin cells so that fresher skin shows through; most people need three."
        "</p><p>It takes half an hour, and the skin may be pink for a day or two.</p>"
        "</article></body></html>",
    )
    source = Source.read(path)
    assert source.found_title() == ("Chemical peels", 1, None)
    assert "A chemical peel removes" in plain_text(source.nodes)


def test_a_web_page_with_no_text_is_a_problem(indexes, tmp_path):
    path = write(tmp_path, "empty.html", "<html><body><nav>Home</nav></body></html>")
    assert f"{path}:1: found no main text in this web page" in failed_import(path, type="page")


# --- Limits: hostile files stop the run with file:line, and nothing is written ----------

GOOD = "---\ntype: treatment\ntitle: Cupping\nsummary: S.\n---\nText.\n"


def test_yaml_nested_ten_thousand_deep_is_refused_not_a_crash(indexes, tmp_path):
    write(tmp_path, "a-good.md", GOOD)
    deep = "[" * 10000 + "]" * 10000
    path = write(
        tmp_path, "deep.md", f"---\ntype: treatment\ntitle: X\nsummary: S.\nx: {deep}\n---\n"
    )
    err = failed_import(tmp_path)
    assert f"{path}:5: the front matter nests lists and mappings more than 20 deep" in err


def test_yaml_nested_deeper_than_the_limit_in_block_style_is_refused(indexes, tmp_path):
    nested = "".join("  " * depth + "- \n" for depth in range(1, 30))
    path = write(tmp_path, "deep.md", f"---\ntype: treatment\ntitle: X\nx:\n{nested}---\n")
    err = failed_import(path)
    assert f"{path}:" in err and "more than 20 deep" in err


def test_yaml_aliases_that_stand_for_billions_of_values_are_refused(indexes, tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    front_matter = "\n".join(lines)
    path = write(
        tmp_path,
        "laughs.md",
        f"---\ntype: treatment\ntitle: X\nsummary: S.\n{front_matter}\nconditions: *a9\n---\n",
    )
    err = failed_import(path)
    assert f"{path}:9: the front matter holds more than 10,000 values" in err


def test_toml_nested_thousands_deep_is_refused(indexes, tmp_path):
    deep = "[" * 3000 + "]" * 3000
    path = write(tmp_path, "deep.md", f'+++\ntype = "treatment"\ntitle = "X"\nx = {deep}\n+++\n')
    assert f"{path}:4: the front matter nests lists" in failed_import(path)


def test_a_list_nested_twelve_deep_is_refused_instead_of_dropping_the_rest(indexes, tmp_path):
    nested = "".join("  " * depth + f"- level {depth + 1}\n" for depth in range(12))
    path = write(tmp_path, "deep.md", f"{GOOD}\n{nested}\nThe rest of the page.\n")
    err = failed_import(path)
    # Line 8 holds level 1, so the eleventh level, one past the limit, is on line 18.
    assert f"{path}:18: lists and quotes are nested more than 10 deep" in err


def test_a_list_nested_ten_deep_is_read_to_the_end(tmp_path):
    nested = "".join("  " * depth + f"- level {depth + 1}\n" for depth in range(10))
    source = Source.read(write(tmp_path, "ok.md", f"{GOOD}\n{nested}\nThe rest of the page.\n"))
    assert "level 10" in plain_text(source.nodes)
    assert source.nodes[-1].text == "The rest of the page."


def test_a_file_over_two_megabytes_is_refused(indexes, tmp_path):
    path = write(tmp_path, "big.txt", "Title\n\n" + "word " * 450_000)
    err = failed_import(path, type="treatment")
    assert f"{path}:1: the file is 2.1 MB; the importer reads files of up to 2 MB" in err


def png_header(width, height):
    """A tiny PNG file that says it is width × height pixels."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def treatment_with_image(folder, reference):
    return write(
        folder,
        "t.md",
        f"---\ntype: treatment\ntitle: Peel\nsummary: S.\n---\n\nText.\n\n![A peel]({reference})\n",
    )


def test_a_179_megapixel_image_is_refused_before_it_is_decoded(indexes, tmp_path, settings):
    """Wagtail's own default limit (128 million pixels) applies when the site sets none."""
    if hasattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS"):
        del settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    (tmp_path / "huge.png").write_bytes(png_header(13380, 13380))
    path = treatment_with_image(tmp_path, "huge.png")
    err = failed_import(path)
    assert f"{path}:9: huge.png is too large (179 megapixels): images can be at most 128" in err


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=1000)
def test_an_image_over_the_sites_pixel_limit_is_refused(indexes, tmp_path):
    PillowImage.new("RGB", (40, 40)).save(tmp_path / "small.png")
    path = treatment_with_image(tmp_path, "small.png")
    assert f"{path}:9: small.png is too large" in failed_import(path)


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024)
def test_an_image_over_the_upload_size_is_refused(indexes, tmp_path):
    (tmp_path / "photo.jpg").write_bytes(PHOTO.read_bytes())
    path = treatment_with_image(tmp_path, "photo.jpg")
    err = failed_import(path)
    assert f"{path}:9: photo.jpg is 3.3\xa0KB; images can be at most 1.0\xa0KB" in err


@pytest.mark.parametrize("where", ["absolute", "parent", "symlink", "front matter"])
def test_images_from_outside_the_import_folder_are_refused(indexes, tmp_path, where):
    folder = tmp_path / "site"
    folder.mkdir()
    outside = tmp_path / "private.jpg"
    outside.write_bytes(PHOTO.read_bytes())
    if where == "front matter":
        path = write(
            folder,
            "t.md",
            "---\ntype: treatment\ntitle: Peel\nsummary: S.\nimage: ../private.jpg\n"
            "image_alt: A peel\n---\nText.\n",
        )
        line = 5
    else:
        reference = {"absolute": str(outside), "parent": "../private.jpg", "symlink": "link.jpg"}
        if where == "symlink":
            os.symlink(outside, folder / "link.jpg")
        path = treatment_with_image(folder, reference[where])
        line = 9
    err = failed_import(folder)
    assert f"{path}:{line}: the image" in err and "is outside the import folder" in err


def test_an_image_in_a_subfolder_of_the_import_folder_is_read(indexes, tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.jpg").write_bytes(PHOTO.read_bytes())
    (tmp_path / "pages").mkdir()
    treatment_with_image(tmp_path / "pages", "../images/photo.jpg")
    run_import(tmp_path)
    assert get_image_model().objects.count() == 1


# --- Image files reach the media folder only after the database commits ----------------


def media_files():
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    return {p for p in media.rglob("*") if p.is_file()}


def test_image_files_are_written_only_once_the_import_has_committed(indexes, tmp_path):
    (tmp_path / "photo.jpg").write_bytes(PHOTO.read_bytes())
    treatment_with_image(tmp_path, "photo.jpg")
    before = media_files()
    seen_while_saving = []

    def report(line):
        # Each file's line is printed inside the import's transaction, after its save:
        # the page and its image row exist, and the media folder has no new file yet, so
        # a run killed now leaves nothing behind.
        seen_while_saving.append((get_image_model().objects.count(), media_files() - before))

    run = ImportRun(import_types(), report=report)
    run.prepare([tmp_path])
    run.execute()
    assert seen_while_saving == [(1, set())]
    image = get_image_model().objects.get()
    assert media_files() - before == {Path(image.file.path)}
    assert Path(image.file.path).read_bytes() == PHOTO.read_bytes()
    assert (image.width, image.height) == PillowImage.open(PHOTO).size


def test_inside_a_callers_transaction_image_files_wait_for_its_commit(
    indexes, tmp_path, django_capture_on_commit_callbacks
):
    (tmp_path / "photo.jpg").write_bytes(PHOTO.read_bytes())
    treatment_with_image(tmp_path, "photo.jpg")
    before = media_files()
    run = ImportRun(import_types())
    run.prepare([tmp_path])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():  # as the admin's import screen does
            run.execute()
            assert get_image_model().objects.count() == 1
        assert media_files() == before  # the caller has not committed yet
    assert run.write_image_files in callbacks
    assert len(media_files() - before) == 1


def test_a_run_that_fails_after_saving_an_image_leaves_no_file(indexes, tmp_path):
    (tmp_path / "photo.jpg").write_bytes(PHOTO.read_bytes())
    treatment_with_image(tmp_path, "photo.jpg")
    # Saved after the treatment (conditions come first, practitioners after), and failing.
    write(
        tmp_path,
        "z-person.md",
        "---\ntype: practitioner\ntitle: Ana\nslug: not an address\n---\n",
    )
    err = failed_import(tmp_path)
    assert "slug: Enter a valid “slug”" in err


def test_two_images_with_the_same_file_name_keep_both_files(indexes, tmp_path):
    for folder, colour in (("a", "red"), ("b", "blue")):
        (tmp_path / folder).mkdir()
        PillowImage.new("RGB", (8, 8), colour).save(tmp_path / folder / "photo.png")
        write(
            tmp_path / folder,
            "t.md",
            f"---\ntype: treatment\ntitle: {colour}\nsummary: S.\n---\n\n![A {colour} square]"
            "(photo.png)\n",
        )
    run_import(tmp_path)
    images = get_image_model().objects.order_by("pk")
    assert len({image.file.name for image in images}) == 2
    assert [PillowImage.open(image.file.path).getpixel((0, 0)) for image in images] == [
        (255, 0, 0),
        (0, 0, 255),
    ]
