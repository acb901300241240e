"""`manage.py import_content`: Markdown files become pages with structured blocks.

The plugin's own page types; the site's (posts, plain pages, the home page) are imported in
tests/blog/, tests/home/ and tests/site/ test_importing.py."""

import io
import textwrap
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from treatments.models import ConditionPage, TreatmentPage

from .factories import build_indexes, make_condition

pytestmark = pytest.mark.django_db

# A photo to import (the bare site of `make test-plugin` has no demo/ folder).
IMAGE = Path(__file__).resolve().parent / "fixtures" / "photo.jpg"


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def mechanics(options):
    """These tests are about how files become pages: with --publish they publish unreviewed
    clinical pages as well. The review rules have tests of their own (test_import_review.py)."""
    if options.get("publish"):
        options.setdefault("publish_unreviewed", True)
    return options


def run_import(*paths, **options):
    """Run the command; (stdout, stderr). Raises CommandError like the CLI exits 1."""
    options = mechanics(options)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_content", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def failed_import(*paths, **options):
    options = mechanics(options)
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_content", *map(str, paths), stdout=io.StringIO(), stderr=err, **options
        )
    return err.getvalue()


def counts():
    return Page.objects.count(), Revision.objects.count(), get_image_model().objects.count()


def blocks(page, field="body"):
    return [block.block_type for block in getattr(page, field)]


def block(page, block_type, field="body"):
    return next(b.value for b in getattr(page, field) if b.block_type == block_type)


@pytest.fixture
def indexes(site_root):
    return build_indexes(site_root)


TREATMENT = """
    ---
    type: treatment
    title: Microneedling
    also_known_as: Collagen induction therapy
    conditions:
      - name: Acne scars
        note: Rolling scars respond best
    ---

    # Microneedling

    Tiny, controlled punctures that prompt the skin to repair itself.

    A second paragraph stays in the body, with a [link](https://example.com/) and *emphasis*.

    ## At a glance

    - Duration: 60 minutes
    - Needle length: 0.5–1.5 mm
    - Sessions: 3 to 6

    ## What to expect

    Before we start, we check your skin.

    1. **Consultation (15 minutes)**: we look at your skin and history.
    2. **Numbing cream**: applied for twenty minutes.
    3. The pen glides over each area in a few passes.

    ## What does microneedling treat?

    - Fine lines and wrinkles — softens them over a course
    - Stretch marks

    ## Is it right for me?

    - Uneven texture

    ### Who should not have it

    - Active acne
    - Pregnancy

    Not sure? Book a consultation first.

    ## Aftercare

    ### First 24 hours

    - Rinse with lukewarm water only
    - No make-up
    - Don't: touch your face

    ### Days 2 to 7

    - Use SPF 30 every day

    ## At-home care

    ### Gentle cleansing

    Use a mild cleanser morning and night.

    - How often: twice a day
    - Start slowly: every other day in the first week
    - Material: Cotton pads — soft on healing skin
    - Caution: skip acids until the redness has gone
    - Pat dry with a clean towel

    ## Does it hurt?

    Most people feel a light scratching.

    ## How many sessions will I need?

    Usually three to six.

    > [!WARNING] Taking blood thinners?
    > Tell us before booking.

    > [!BOOK] Ready when you are
    > Most courses start with a consultation.
    > [Book your first visit](#book)

    > My skin felt smoother after the second session.
    > — Priya, patient

    <script>alert(1)</script>
    """


def test_treatment_sections_become_structured_blocks(indexes, tmp_path):
    treatments, conditions = indexes
    existing = make_condition(conditions, "Stretch marks", slug="stretch-marks")
    out, _ = run_import(write(tmp_path, "microneedling.md", TREATMENT))

    page = TreatmentPage.objects.get(slug="microneedling")
    assert page.get_parent().pk == treatments.pk
    assert page.summary == "Tiny, controlled punctures that prompt the skin to repair itself."
    assert page.also_known_as == "Collagen induction therapy"
    assert blocks(page) == [
        "rich_text",
        "session_facts",
        "what_to_expect",
        "suitability",
        "aftercare",
        "at_home_care",
        "faq",
        "safety_callout",
        "call_to_action",
        "quote",
    ]
    intro = page.body[0].value.source
    assert '<a href="https://example.com/">link</a>' in intro and "<i>emphasis</i>" in intro
    assert "Tiny, controlled" not in intro  # it became the summary

    facts = block(page, "session_facts")
    assert facts["duration"] == "60 minutes" and facts["sessions"] == "3 to 6"
    assert (str(facts["needle_length_min"]), str(facts["needle_length_max"])) == ("0.5", "1.5")

    expect = block(page, "what_to_expect")
    assert expect["intro"].source == "<p>Before we start, we check your skin.</p>"
    steps = [(s["title"], s["duration"]) for s in expect["steps"]]
    assert steps == [
        ("Consultation", "15 minutes"),
        ("Numbing cream", ""),
        ("The pen glides over each area in a few passes", ""),
    ]
    assert expect["steps"][0]["description"].source == "<p>we look at your skin and history.</p>"

    suits = block(page, "suitability")
    assert list(suits["suits"]) == ["Uneven texture"]
    assert list(suits["not_suitable"]) == ["Active acne", "Pregnancy"]
    assert suits["consult_prompt"] == "Not sure? Book a consultation first."

    stages = block(page, "aftercare")["stages"]
    assert [s["when"] for s in stages] == ["First 24 hours", "Days 2 to 7"]
    assert list(stages[0]["dos"]) == ["Rinse with lukewarm water only"]
    assert list(stages[0]["donts"]) == ["No make-up", "touch your face"]

    item = block(page, "at_home_care")["items"][0]
    assert item["name"] == "Gentle cleansing"
    assert item["frequency"] == "twice a day"
    assert item["ramp_up"] == "every other day in the first week"
    assert [(m["material"], m["why"]) for m in item["materials"]] == [
        ("Cotton pads", "soft on healing skin")
    ]
    assert list(item["cautions"]) == ["skip acids until the redness has gone"]
    assert "Pat dry with a clean towel" in item["description"].source

    faq = block(page, "faq")
    assert [q["question"] for q in faq["questions"]] == [
        "Does it hurt?",
        "How many sessions will I need?",
    ]
    callout = block(page, "safety_callout")
    assert callout["heading"] == "Taking blood thinners?"
    cta = block(page, "call_to_action")
    assert (cta["heading"], cta["button_label"], cta["link"]) == (
        "Ready when you are",
        "Book your first visit",
        "",
    )
    assert cta["text"] == "Most courses start with a consultation."
    quote = block(page, "quote")
    assert quote["quote"] == "My skin felt smoother after the second session."
    assert quote["attribution"] == "Priya, patient"
    # Text under the last question belongs to its answer; raw HTML is shown, never run.
    assert faq["questions"][1]["answer"].source == (
        "<p>Usually three to six.</p><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )

    listed = [(link.condition.title, link.note) for link in page.treated_conditions.all()]
    assert listed == [
        ("Acne scars", "Rolling scars respond best"),
        ("Fine lines and wrinkles", "softens them over a course"),
        ("Stretch marks", ""),
    ]
    assert page.treated_conditions.all()[2].condition.pk == existing.pk  # reused, not copied
    assert ConditionPage.objects.filter(title="Acne scars").count() == 1
    assert "created the condition page “Acne scars”" in out


def test_imports_are_drafts_unless_published(indexes, tmp_path):
    path = write(tmp_path, "microneedling.md", TREATMENT)
    out, _ = run_import(path)
    page = TreatmentPage.objects.get(slug="microneedling")
    assert not page.live and "(draft)" in out
    assert not ConditionPage.objects.get(slug="acne-scars").live

    out, _ = run_import(path, publish=True)
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert "published" in out
    assert page.revisions.count() == 1  # publishing the same content adds no revision


def test_draft_key_keeps_a_page_draft_even_with_publish(indexes, tmp_path):
    path = write(
        tmp_path,
        "t.md",
        "---\ntype: treatment\ntitle: Cupping\nsummary: S.\ndraft: true\n---\nText.\n",
    )
    run_import(path, publish=True)
    assert not TreatmentPage.objects.get(slug="cupping").live


def test_reimport_is_idempotent_and_a_change_adds_one_revision(indexes, tmp_path):
    path = write(tmp_path, "microneedling.md", TREATMENT)
    other = write(
        tmp_path, "cupping.md", "---\ntype: treatment\ntitle: Cupping\nsummary: S.\n---\n"
    )
    run_import(tmp_path, publish=True)
    before = counts()

    out, _ = run_import(tmp_path, publish=True)
    assert counts() == before
    assert out.count("] unchanged") == 2

    path.write_text(path.read_text().replace("No make-up", "No make-up for a day"))
    out, _ = run_import(tmp_path, publish=True)
    pages, revisions, images = counts()
    assert (pages, revisions, images) == (before[0], before[1] + 1, before[2])
    page = TreatmentPage.objects.get(slug="microneedling")
    assert page.revisions.count() == 2 and page.live and not page.has_unpublished_changes
    assert list(block(page, "aftercare")["stages"][0]["donts"])[0] == "No make-up for a day"
    assert TreatmentPage.objects.get(slug="cupping").revisions.count() == 1
    assert "updated" in out and str(other) in out


def test_draft_reimport_of_a_live_page_keeps_the_live_version(indexes, tmp_path):
    path = write(tmp_path, "t.md", "---\ntype: treatment\ntitle: Cupping\nsummary: Old.\n---\n")
    run_import(path, publish=True)
    path.write_text(path.read_text().replace("Old.", "New."))
    run_import(path)
    page = TreatmentPage.objects.get(slug="cupping")
    assert page.live and page.summary == "Old." and page.has_unpublished_changes
    assert page.get_latest_revision_as_object().summary == "New."


def test_dry_run_prints_and_changes_nothing(indexes, tmp_path):
    (tmp_path / "photo.jpg").write_bytes(IMAGE.read_bytes())  # images: inside the import folder
    write(
        tmp_path,
        "microneedling.md",
        TREATMENT.replace(
            "also_known_as:",
            "image: photo.jpg\n    image_alt: A pen on a cheek\n    also_known_as:",
        ),
    )
    before = counts()
    media_before = {p for p in Path(get_media_root()).rglob("*") if p.is_file()}
    out, _ = run_import(tmp_path, dry_run=True)
    assert "would be created" in out and "Dry run, nothing changed" in out
    assert counts() == before
    assert {p for p in Path(get_media_root()).rglob("*") if p.is_file()} == media_before


def get_media_root():
    from django.conf import settings

    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    return settings.MEDIA_ROOT


def test_hero_image_is_added_once_and_reused(indexes, tmp_path):
    (tmp_path / "photo.jpg").write_bytes(IMAGE.read_bytes())  # images: inside the import folder
    for slug in ("one", "two"):
        write(
            tmp_path,
            f"{slug}.md",
            f"""
            ---
            type: treatment
            title: {slug}
            summary: S.
            image: photo.jpg
            image_alt: A pen on a cheek
            ---
            """,
        )
    run_import(tmp_path)
    assert get_image_model().objects.count() == 1
    page = TreatmentPage.objects.get(slug="one")
    assert page.hero_image is not None and page.hero_image_alt == "A pen on a cheek"
    run_import(tmp_path)
    assert get_image_model().objects.count() == 1


def test_article_bodies_keep_text_and_map_faq_and_images(indexes, tmp_path):
    (tmp_path / "pic.jpg").write_bytes(IMAGE.read_bytes())
    write(
        tmp_path,
        "acne.md",
        """
        ---
        type: condition
        title: Acne
        summary: Spots that come and go.
        ---
        ## What to expect

        1. A consultation

        ![A pen on a cheek](pic.jpg "Our pen")

        ### Nested heading

        - a **bold** point

        ## Will it come back?

        It may.
        """,
    )
    out, _ = run_import(tmp_path)
    page = ConditionPage.objects.get(slug="acne")
    # A condition has no what-to-expect block: that section stays text.
    assert blocks(page, "description") == ["rich_text", "image", "rich_text", "faq"]
    assert page.description[0].value.source == (
        "<h2>What to expect</h2><ol><li>A consultation</li></ol>"
    )
    assert page.description[2].value.source == (
        "<h3>Nested heading</h3><ul><li>a <b>bold</b> point</li></ul>"
    )
    image = page.description[1].value
    assert (
        image["caption"] == "Our pen" and image["image"].contextual_alt_text == "A pen on a cheek"
    )


def test_an_eleventy_page_imports_as_a_treatment_with_type_given(indexes):
    """An Eleventy page (like shared/seeds/000_*): no `type`, a `layout`, nested sections."""
    path = Path(__file__).resolve().parent / "fixtures" / "eleventy-treatment.md"
    out, _ = run_import(path, type="treatment")
    page = TreatmentPage.objects.get(slug="cosmetic-cupping")
    assert [link.condition.title for link in page.treated_conditions.all()] == [
        "Puffy skin",
        "Dull or tired-looking skin",
        "Fine lines and wrinkles",
    ]
    assert page.summary.startswith("Cosmetic cupping uses small silicone cups")
    # Sections written as paragraphs still land in their blocks: a step per paragraph (with
    # a warning to check the steps' titles) and one at-home item named from the heading.
    assert blocks(page) == ["rich_text", "what_to_expect", "at_home_care"]
    steps = page.body[1].value["steps"]
    assert [step["title"] for step in steps][:1] == ["Consultation"]
    assert any("twenty minutes!" in step["description"].source for step in steps)
    assert "unknown key ‘layout’" in out and "unknown key ‘permalink’" in out
    assert out.count("has no list of steps") == 1
    assert "has nothing to make its block from" not in out


# --- Bad input: a clear message, a non-zero exit, nothing written ---------------------


GOOD = "---\ntype: treatment\ntitle: Cupping\nsummary: S.\n---\nText.\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "broken.md",
            "---\ntype: treatment\ntitle: [unclosed\n---\n",
            "broken.md:3: the front matter is not valid YAML",
        ),
        (
            "unknown.md",
            "---\ntitle: X\ntype: treatmnt\n---\n",
            "unknown.md:3: unknown type ‘treatmnt’",
        ),
        ("untitled.md", "---\ntype: treatment\n---\n", "untitled.md:1: no title"),
        ("nofront.md", "# Just a heading\n", "nofront.md:1: no `type`"),
        ("notes.rtf", GOOD, "notes.rtf: not a file the importer reads"),
        ("binary.md", "---\x00\x01", "binary.md: not a Markdown file: it contains binary data"),
        ("notype.md", "---\ntitle: X\n---\n", "notype.md:1: no `type`"),
        ("list.md", "---\n- a\n- b\n---\n", "list.md:2: the front matter must be"),
    ],
)
def test_unreadable_files_stop_the_whole_run(indexes, tmp_path, name, content, message):
    write(tmp_path, "a-good.md", GOOD)
    write(tmp_path, name, content)
    before = counts()
    err = failed_import(tmp_path / "a-good.md", tmp_path / name)
    assert message in err
    assert counts() == before


def test_non_utf8_file_names_the_line(indexes, tmp_path):
    (tmp_path / "latin1.md").write_bytes(b"---\ntype: treatment\ntitle: Caf\xe9\n---\n")
    before = counts()
    err = failed_import(tmp_path)
    assert "latin1.md:3: not UTF-8 text" in err
    assert counts() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "---\ntype: treatment\ntitle: X\nsummary: S.\nparent: /nowhere/\n---\n",
            "z-bad.md:5: parent: there is no page at /nowhere/",
        ),
        (
            "---\ntype: treatment\ntitle: X\nsummary: S.\nparent: /conditions/\n---\n",
            "z-bad.md:5: a treatment cannot go under “Conditions”",
        ),
        (
            "---\ntype: treatment\ntitle: X\nsummary: S.\n---\n## What to expect\n\n"
            "1. **" + ("Very long title " * 10).strip() + "**: text\n",
            "z-bad.md:6: What to expect › steps › item 1 › title:",
        ),
        (
            "---\ntype: treatment\ntitle: X\nsummary: S.\n---\n## At a glance\n\n"
            "- Needle length: 5 mm\n",
            "z-bad.md:6: Session facts › needle length min:",
        ),
        (
            "---\ntype: treatment\ntitle: X\nsummary: S.\nimage: missing.jpg\nimage_alt: A\n---\n",
            "z-bad.md:5: `image`: there is no file missing.jpg",
        ),
    ],
)
def test_a_bad_file_late_in_the_run_rolls_back_the_files_before_it(
    indexes, tmp_path, content, message
):
    """Bad posts late in the run: tests/blog/test_importing.py."""
    write(tmp_path, "a-good.md", GOOD)
    write(tmp_path, "z-bad.md", content)
    before = counts()
    err = failed_import(tmp_path, publish=True)
    assert message in err
    assert counts() == before
    assert not TreatmentPage.objects.filter(slug="cupping").exists()


def test_image_without_alt_text_and_non_image_files_are_refused(indexes, tmp_path):
    (tmp_path / "fake.jpg").write_text("not really a picture")
    write(tmp_path, "a.md", f"---\ntype: treatment\ntitle: A\nsummary: S.\nimage: {IMAGE}\n---\n")
    write(
        tmp_path, "b.md", "---\ntype: treatment\ntitle: B\nsummary: S.\n---\n![A fake](fake.jpg)\n"
    )
    before = counts()
    err = failed_import(tmp_path / "a.md")
    assert "a.md:5: `image` needs `image_alt`" in err
    err = failed_import(tmp_path / "b.md")
    assert "b.md:6: fake.jpg is not an image" in err
    assert counts() == before


def test_a_second_index_of_a_kind_is_refused(indexes, site_root, tmp_path):
    write(tmp_path, "more.md", "---\ntype: treatment-index\ntitle: More treatments\n---\n")
    before = counts()
    err = failed_import(tmp_path)
    assert f"more.md:3: “{site_root.title}” already has its treatment list" in err
    assert counts() == before


def test_reimport_replaces_an_admin_edit_with_one_revision_and_keeps_the_edit_in_history(
    indexes, tmp_path
):
    path = write(
        tmp_path, "t.md", "---\ntype: treatment\ntitle: Cupping\nsummary: From the file.\n---\n"
    )
    run_import(path, publish=True)
    page = TreatmentPage.objects.get(slug="cupping")
    page.summary = "Edited in the admin."
    page.save_revision().publish()

    out, _ = run_import(path, publish=True)
    page.refresh_from_db()
    assert page.summary == "From the file." and "updated" in out
    assert page.revisions.count() == 3
    assert page.revisions.order_by("-created_at", "-id")[1].as_object().summary == (
        "Edited in the admin."
    )


# --- Cases found by reviewing real migrations ------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("---\ntype: [treatment]\ntitle: X\n---\n", "bad.md:2: unknown type"),
        (
            "---\ntype: treatment\ntitle: X\nsummary: " + "s" * 301 + "\n---\n",
            "bad.md:4: `summary` is 301 characters long; the most is 300",
        ),
        (
            "---\ntype: treatment\ntitle: X\nsummary: S.\n---\n## Conditions\n\n- "
            + "c" * 256
            + "\n",
            "bad.md:8: a condition's name can be at most 255 characters",
        ),
        # A number is written in digits: not `true` (an int to Python), nor `.nan` or `.inf`.
        ("---\ntype: treatment\ntitle: X\nweight: true\n---\n", "bad.md:4: `weight` must"),
        ("---\ntype: treatment\ntitle: X\nweight: .nan\n---\n", "bad.md:4: `weight` must"),
        ("---\ntype: treatment\ntitle: X\nweight: .inf\n---\n", "bad.md:4: `weight` must"),
        (
            "---\ntype: clinic\ntitle: X\nopening_hours:\n"
            "  - {days: [Mo], opens: true, closes: '17:00'}\n---\n",
            # The entry's own line.
            "bad.md:5: each opening-hours entry needs",
        ),
    ],
)
def test_odd_values_are_reported_not_crashed_on(indexes, tmp_path, content, message):
    write(tmp_path, "bad.md", content)
    before = counts()
    assert message in failed_import(tmp_path)
    assert counts() == before


def test_two_files_for_one_page_are_refused(indexes, tmp_path):
    write(tmp_path, "a.md", "---\ntype: condition\ntitle: Acne\nsummary: One.\n---\n")
    write(tmp_path, "b.md", "---\ntype: condition\ntitle: Acne\nsummary: Two.\n---\n")
    err = failed_import(tmp_path)
    assert "b.md:1:" in err and "a.md already makes /conditions/acne/ in this import" in err
    assert not ConditionPage.objects.filter(slug="acne").exists()


def test_a_question_heading_without_an_answer_is_just_a_heading(indexes, tmp_path):
    write(
        tmp_path,
        "t.md",
        """
        ---
        type: treatment
        title: Cupping
        summary: S.
        ---
        Some text.

        ## Ready to book?

        > [!BOOK] Book now
        > We have slots this week.
        >
        > [Book a consultation](#book)
        """,
    )
    run_import(tmp_path)
    page = TreatmentPage.objects.get(slug="cupping")
    assert blocks(page) == ["rich_text", "call_to_action"]
    assert page.body[0].value.source == "<p>Some text.</p><h2>Ready to book?</h2>"


def test_quotes_and_code_inside_list_items_keep_their_words(indexes, tmp_path):
    write(
        tmp_path,
        "t.md",
        """
        ---
        type: treatment
        title: Cupping
        summary: S.
        ---
        1. Mix:

           ```
           two drops of oil
           ```
        2. Remember:

           > Never on broken skin.
        """,
    )
    run_import(tmp_path)
    text = TreatmentPage.objects.get(slug="cupping").body[0].value.source
    assert "two drops of oil" in text and "Never on broken skin." in text


def test_hidden_folders_are_skipped_and_a_file_named_twice_is_imported_once(indexes, tmp_path):
    write(tmp_path, ".github/ISSUE_TEMPLATE/bug.md", "---\nname: Bug\n---\n")
    path = write(tmp_path, "t.md", GOOD)
    out, _ = run_import(tmp_path, path)
    assert "1 files: 1 created" in out


def test_an_image_inside_a_list_is_kept_as_its_alt_text_with_a_warning(indexes, tmp_path):
    (tmp_path / "pic.jpg").write_bytes(IMAGE.read_bytes())
    write(
        tmp_path,
        "t.md",
        """
        ---
        type: treatment
        title: Cupping
        summary: S.
        ---
        ## What to expect

        1. **Consultation**: in our room ![A calm room](pic.jpg)
        """,
    )
    out, _ = run_import(tmp_path)
    step = block(TreatmentPage.objects.get(slug="cupping"), "what_to_expect")["steps"][0]
    assert step["description"].source == "<p>in our room A calm room</p>"
    assert "line 8: only an image on a line of its own" in out
