"""Structure by meaning: imported clinic pages land in the blocks their sections mean.

The Markdown below is shaped like the plain-text pages of tests/treatments/fixtures/seeds/
once converted (a `# Title`, every section title a `##` heading, `- ` and `1. ` lists, no
bold), in words of our own. Each test states what an editor or a visitor would see: the
blocks and their items, the conditions linked, the warnings that name a line."""

# Pages copied from the web have one paragraph a line, as these examples do.
# ruff: noqa: E501

import io
import re
import textwrap

import pytest
from django.core.management import call_command

from treatments.blocks import TreatmentBodyBlock
from treatments.importer import import_types
from treatments.importer.run import ImportRun
from treatments.importer.sections import classify, section_patterns, squash
from treatments.models import ConditionPage, TreatmentPage

from .factories import build_indexes, make_condition

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexes(site_root):
    return build_indexes(site_root)


def write(folder, name, text):
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def run_import(*paths, **options):
    out = io.StringIO()
    call_command("import_content", *map(str, paths), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def shape(page):
    """Each block's type, with the number of items of its list."""
    counted = {
        "what_to_expect": "steps",
        "at_home_care": "items",
        "aftercare": "stages",
        "faq": "questions",
        "benefits": "items",
        "provider_checklist": "items",
    }
    found = []
    for block in page.body:
        name = block.block_type
        found.append((name, len(block.value[counted[name]])) if name in counted else name)
    return found


def block(page, block_type):
    return next(b.value for b in page.body if b.block_type == block_type)


def text_of(page):
    """What visitors read in the page's text blocks."""
    html = "".join(b.value.source for b in page.body if b.block_type == "rich_text")
    return re.sub(r"<[^>]+>", " ", html)


def linked(page):
    return [link.condition.title for link in page.treated_conditions.all()]


# --- A guide with plain section titles (like seed 003) ----------------------------------

GUIDE = """
    ---
    type: treatment
    title: Microneedling Treatment for Smoother Skin
    ---

    # Microneedling Treatment for Smoother Skin

    Microneedling is a gentle skin procedure with a growing following. Also known as collagen induction therapy, it uses fine needles to make tiny channels that the skin then repairs.

    ## What is Microneedling?

    A pen fitted with very fine needles makes tiny punctures, and the skin mends them with fresh collagen.

    ## Benefits of Micro-Needling Treatment

    Microneedling can help with several concerns, including:

    1. Softer Fine Lines: Prompts new collagen, so fine lines look softer.
    2. Smoother Texture: Skin feels finer and more even.
    3. Fewer Visible Scars: Acne scars, marks left by surgery and stretch marks may look flatter and paler as the skin rebuilds its collagen over a course of several sessions. Deeper scars usually need more sessions than shallow ones.
    4. More Even Tone: Dark patches may fade.
    5. Better Serum Absorption: The tiny channels let serums sink in.

    ## The Microneedling Procedure

    A typical appointment follows these steps:

    1. Consultation: We look at your skin and medical history.
    2. Preparation: We cleanse your skin and apply numbing cream.
    3. Treatment: The pen passes over each area in gentle strokes.
    4. Serum: A soothing serum goes on straight afterwards.
    5. Aftercare Advice: We explain how to look after your skin.

    ## Choosing a Provider for Microneedling

    When you compare clinics, check these:

    1. Training: Your practitioner is trained and insured.
    2. Hygiene: Needles are sterile and used once.
    3. Reviews: Other clients were happy with their results.
    4. Tailored Plans: The plan fits your skin and goals.

    ## What to Expect After Microneedling Treatment

    After microneedling your skin may look pink and feel tight, a little like mild sunburn. These side effects usually settle within a few days. It’s important to follow your practitioner’s aftercare instructions, which may include avoiding strong sun, using a gentle cleanser, and drinking plenty of water.

    ## Results and Maintenance

    Changes build gradually over several months. A course of sessions spaced four weeks apart is usual. Maintenance sessions once or twice a year can help sustain the results.

    ## Conclusion

    Microneedling is a gentle way to refresh tired skin.
"""


def test_a_guide_with_plain_section_titles_gets_its_structured_blocks(indexes, tmp_path):
    out = run_import(write(tmp_path, "guide.md", GUIDE))
    page = TreatmentPage.objects.get()
    assert shape(page) == [
        "session_facts",
        "rich_text",  # the rest of the opening, "What is Microneedling?" and the benefits' lead-in
        ("benefits", 5),
        ("what_to_expect", 5),
        ("provider_checklist", 4),
        ("aftercare", 1),
        "results",
        "rich_text",  # the conclusion
    ]
    assert page.also_known_as == "Collagen induction therapy"
    # "What is Microneedling?" introduces the treatment: text, not a question for an FAQ.
    assert "<h2>What is Microneedling?</h2>" in page.body[1].value.source

    benefits = list(block(page, "benefits")["items"])
    assert benefits[0] == "Softer Fine Lines: Prompts new collagen, so fine lines look softer."
    # Too long for a benefit (200 characters): its label and first sentence.
    assert benefits[2].startswith("Fewer Visible Scars: Acne scars") and len(benefits[2]) <= 200
    assert "Deeper scars" not in benefits[2]

    expect = block(page, "what_to_expect")
    assert expect["heading"] == "The Microneedling Procedure"
    assert expect["intro"].source == "<p>A typical appointment follows these steps:</p>"
    assert [step["title"] for step in expect["steps"]] == [
        "Consultation",
        "Preparation",
        "Treatment",
        "Serum",
        "Aftercare Advice",
    ]
    assert expect["steps"][0]["description"].source == (
        "<p>We look at your skin and medical history.</p>"
    )

    checklist = block(page, "provider_checklist")
    assert checklist["items"][1] == "Hygiene: Needles are sterile and used once."

    # "After" wins over "What to expect": the section is the aftercare, from its sentences.
    aftercare = block(page, "aftercare")
    assert aftercare["heading"] == "What to Expect After Microneedling Treatment"
    stage = aftercare["stages"][0]
    assert list(stage["dos"]) == [
        "Follow your practitioner’s aftercare instructions",
        "Use a gentle cleanser",
        "Drink plenty of water",
    ]
    assert list(stage["donts"]) == ["Avoid strong sun"]
    assert "look pink and feel tight" in aftercare["intro"].source
    assert "aftercare instructions" not in aftercare["intro"].source  # not said twice

    results = block(page, "results")
    assert "Changes build gradually" in results["results"].source
    assert "Maintenance sessions once or twice a year" in results["maintenance"].source
    assert "Maintenance" not in results["results"].source

    facts = block(page, "session_facts")
    assert facts["downtime"] == "A few days"
    assert facts["spacing"] == "Four weeks"
    assert "check them" in out


# --- A page with a list of conditions (like seed 000) -----------------------------------

ACUPUNCTURE = """
    ---
    title: Facial Acupuncture
    layout: 'layouts/page.html'
    ---

    # Facial Acupuncture

    Facial acupuncture may be familiar to you as cosmetic acupuncture. It places fine needles in the face and body.

    ## What to Expect

    First we treat the main concern, then place needles on the face, followed by cupping and gua sha.

    The fine needles make tiny marks that the skin hurries to repair. You will hardly notice them.

    Cupping and gua sha on the face are much gentler than on the back. They help fluid drain.

    We finish with advice on skincare and diet. Wear sunscreen every day.

    ### What does Facial Acupuncture treat?

    - Fine lines and wrinkles
    - Stimulate collagen and elastin production
    - Acne
    - Eczema or Psoriasis
    - TMJ
    - Headaches
    - Bells Palsy or stroke
    - Hair thinning

    ### At home treatments

    Many people try gua sha, cupping or dermarolling at home. Ask us to show you first.

    Stones come in jade or rose quartz.
"""


@pytest.fixture
def conditions(indexes):
    _, index = indexes
    names = [
        "Fine lines and wrinkles",
        "Acne scars",
        "Acne",
        "Eczema",
        "Psoriasis",
        "TMJ and jaw tension",
        "Tension headaches",
        "Bell's palsy",
    ]
    return {name: make_condition(index, name) for name in names}


def test_a_list_of_conditions_links_existing_pages_and_drafts_new_ones(conditions, tmp_path):
    path = write(tmp_path, "facial-acupuncture.md", ACUPUNCTURE)
    lines = []
    run = ImportRun(
        import_types(),
        publish=True,
        publish_unreviewed=True,
        default_type="treatment",
        report=lines.append,
    )
    run.prepare([path])
    run.execute()
    out = "\n".join(lines)
    page = TreatmentPage.objects.get()

    assert linked(page) == [
        "Fine lines and wrinkles",
        "Acne",
        "Eczema",  # "Eczema or Psoriasis": the first that exists
        "TMJ and jaw tension",
        "Tension headaches",
        "Bell's palsy",
        "Hair thinning",
    ]
    assert "line 26: “TMJ” is linked to the condition “TMJ and jaw tension”" in out
    # "Acne" is Acne, not "Acne scars"; nothing was duplicated.
    assert ConditionPage.objects.filter(title__icontains="acne").count() == 2

    # A genuinely new condition is a draft, even with --publish, with a note for the editor.
    new = ConditionPage.objects.get(title="Hair thinning")
    assert not new.live
    assert new.summary.startswith("Draft made by an import from facial-acupuncture.md")
    assert [(name, line) for name, _, line, _ in run.new_conditions] == [("Hair thinning", 29)]
    assert "line 29: created the condition page “Hair thinning”" in out
    assert "as a draft" in out

    # A benefit in the list is a benefit, not a condition.
    assert list(block(page, "benefits")["items"]) == ["Stimulate collagen and elastin production"]
    assert not ConditionPage.objects.filter(title__istartswith="Stimulate").exists()

    # The short opening paragraph became the summary, so the body starts with the sections.
    assert page.summary.startswith("Facial acupuncture may be familiar to you as")
    assert shape(page) == [
        ("what_to_expect", 3),
        ("benefits", 1),
        ("at_home_care", 1),
    ]
    # A paragraph-only "What to Expect": the first paragraph is its intro, one step each.
    expect = block(page, "what_to_expect")
    assert expect["intro"].source.startswith("<p>First we treat the main concern")
    assert [step["title"] for step in expect["steps"]] == [
        "The treatment",
        "Cupping and gua sha",
        "Skincare and diet advice",
    ]
    assert "line 10: section “What to Expect” has no list of steps" in out
    home = block(page, "at_home_care")
    assert home["heading"] == "At home treatments"
    assert home["items"][0]["name"] == "Gua sha, cupping and dermarolling"
    assert "jade or rose quartz" in home["items"][0]["description"].source
    assert page.also_known_as == "Cosmetic acupuncture"


@pytest.mark.parametrize(
    ("existing", "item", "expected"),
    [
        (["TMJ and jaw tension"], "TMJ", "TMJ and jaw tension"),
        (["Tension headaches"], "Headaches", "Tension headaches"),
        (["Bell's palsy"], "Bells Palsy or stroke", "Bell's palsy"),
        (["Bell’s palsy"], "Bells palsy (facial weakness)", "Bell’s palsy"),
        (["Eczema and psoriasis"], "Eczema or Psoriasis", "Eczema and psoriasis"),
        (["Psoriasis"], "Eczema or Psoriasis", "Psoriasis"),
        (["Stretch mark"], "Stretch marks", "Stretch mark"),
        (["Stretch marks"], "Stretch-marks and scars", "Stretch marks"),
        (
            ["Dark spots and uneven tone"],
            "Dark spots or discoloration",
            "Dark spots and uneven tone",
        ),
        (["Rosacea"], "Rosaceae", "Rosacea"),
        (["Acne scars"], "Acne", "Acne"),  # a new page: acne is not acne scars
        (["Dull or tired-looking skin"], "Skin", "Skin"),  # too vague to link
    ],
)
def test_condition_names_match_existing_pages_by_meaning(
    indexes, tmp_path, existing, item, expected
):
    _, index = indexes
    for name in existing:
        make_condition(index, name)
    run_import(
        write(
            tmp_path,
            "t.md",
            f"---\ntype: treatment\ntitle: Cupping\nsummary: S.\n---\n"
            f"## Conditions we treat\n\n- {item}\n",
        )
    )
    assert linked(TreatmentPage.objects.get()) == [expected]
    assert ConditionPage.objects.filter(title=expected).count() == 1


# --- Sections written as prose (like seed 002) --------------------------------------------

SKIN_CLINIC = """
    ---
    type: treatment
    title: Micro-needling
    ---

    Ageing shows on the face first. So many products promise so much.

    One procedure that has grown quickly is called micro-needling (also known as Collagen Induction Therapy). It helps the skin repair itself.

    ## What Skin Conditions Can Micro-Needling Treat?

    Micro-needling helps with several skin concerns. It can help treat:

    - Acne scars
    - Uneven skin tone
    - Stretch marks

    It also helps serums soak in.

    ## Is Micro-Needling For Me?

    Most people can be considered, but only our aesthetician can make that determination. Some reasons why you might not qualify include having an active infection, skin lesions or problems with blood clotting. Most healthy adults are eligible for micro-needling treatments

    Call our office today to schedule your appointment. We look forward to meeting you.
"""


def test_prose_sections_make_suitability_and_a_call_to_action(indexes, tmp_path):
    _, index = indexes
    for name in ("Acne scars", "Dark spots and uneven tone", "Stretch marks"):
        make_condition(index, name)
    out = run_import(write(tmp_path, "micro-needling.md", SKIN_CLINIC))
    page = TreatmentPage.objects.get()
    assert page.summary == "Ageing shows on the face first. So many products promise so much."
    assert page.also_known_as == "Collagen Induction Therapy"
    assert linked(page) == ["Acne scars", "Dark spots and uneven tone", "Stretch marks"]
    # The text around the list stays, in one text block, and the editor is told.
    assert shape(page) == ["rich_text", "suitability", "call_to_action"]
    assert "It also helps serums soak in." in text_of(page)
    assert "line 12: the list under “What Skin Conditions Can Micro-Needling Treat?”" in out

    suitability = block(page, "suitability")
    assert suitability["heading"] == "Is Micro-Needling For Me?"
    assert list(suitability["suits"]) == ["Most healthy adults"]
    assert list(suitability["not_suitable"]) == [
        "An active infection",
        "Skin lesions",
        "Problems with blood clotting",
    ]
    assert suitability["consult_prompt"] == (
        "Most people can be considered, but only our aesthetician can make that determination."
    )
    cta = block(page, "call_to_action")
    assert cta["text"].startswith("Call our office today") and cta["link"] == ""
    assert "Call our office" not in text_of(page)


# --- Facts in sentences (like seed 004) ---------------------------------------------------

SPA = """
    ---
    type: treatment
    title: Microneedling at the Spa
    ---

    # Microneedling at the Spa

    Microneedling is a skin treatment that uses fine needles to prompt new collagen. The practice is also known as collagen induction therapy or skin needling. Clinics now offer it widely for many concerns on the face, the neck and the body, and it suits most skin types.

    Our pens use needles that are between 0.5 and 1.5 mm in length, chosen for each area.

    The best results can take up to six or eight weeks, and most people need several sessions.

    After the treatment your skin will be red for a few days. You should use a gentle moisturiser to calm any redness after the procedure. In addition, you should avoid direct sunlight for two to seven days.

    Each appointment can last 45 minutes or longer. You should avoid make-up until the skin has recovered.

    The treatment is generally safe for healthy adults. If you are prone to keloid scarring or scleroderma, microneedling may not be right for you.

    Call our clinic today to book your appointment.
"""


def test_facts_in_sentences_fill_session_facts_aftercare_and_suitability(indexes, tmp_path):
    out = run_import(write(tmp_path, "spa.md", SPA))
    page = TreatmentPage.objects.get()
    assert shape(page) == [
        "session_facts",
        "rich_text",
        ("aftercare", 1),
        "rich_text",
        "suitability",
        "call_to_action",
    ]
    facts = block(page, "session_facts")
    assert (str(facts["needle_length_min"]), str(facts["needle_length_max"])) == ("0.5", "1.5")
    assert facts["duration"] == "45 minutes or longer"
    assert facts["time_to_results"] == "Up to six or eight weeks"
    assert facts["sessions"] == "Several"
    assert facts["downtime"] == "A few days of redness"

    stage = block(page, "aftercare")["stages"][0]
    assert list(stage["dos"]) == [
        "Use a gentle moisturiser to calm any redness after the procedure"
    ]
    assert list(stage["donts"]) == [
        "Avoid direct sunlight for two to seven days",
        "Avoid make-up until the skin has recovered",
    ]
    assert "line 14: made “Aftercare” from advice in the text" in out

    suitability = block(page, "suitability")
    assert list(suitability["suits"]) == ["Healthy adults"]
    assert list(suitability["not_suitable"]) == ["Keloid scarring", "Scleroderma"]

    cta = block(page, "call_to_action")
    assert cta["text"] == "Call our clinic today to book your appointment."
    assert cta["link"] == ""  # the clinic's booking link

    assert page.also_known_as == "Collagen induction therapy, Skin needling"
    # Sentences that became items are not shown twice; facts stated in passing stay.
    text = text_of(page)
    for moved in ("avoid direct sunlight", "avoid make-up", "keloid", "Call our clinic"):
        assert moved not in text
    assert "can last 45 minutes or longer" in text


def test_only_the_digits_0_to_9_make_numbers_in_imported_text(indexes, tmp_path):
    """int(), Decimal() and a pattern's `\\d` read any script's digits ("١" is 1); the
    importer reads numbers in the digits 0-9 only, so other digits stay text."""
    text = SPA.replace("between 0.5 and 1.5 mm", "between \u0660.\u0665 and \u0661.\u0665 mm")
    run_import(write(tmp_path, "spa.md", text))
    facts = block(TreatmentPage.objects.get(), "session_facts")
    assert (facts["needle_length_min"], facts["needle_length_max"]) == (None, None)
    assert facts["duration"] == "45 minutes or longer"  # the rest is read as before


def test_a_file_that_gives_the_blocks_keeps_them_and_its_other_names(indexes, tmp_path):
    """Facts in sentences never add a second block, nor replace the file's own names."""
    path = write(
        tmp_path,
        "t.md",
        """
        ---
        type: treatment
        title: Microneedling
        summary: Fine needles that prompt the skin to repair itself.
        also_known_as: Skin needling
        ---

        Microneedling, also known as collagen induction therapy, uses needles between 0.5 and 1.5 mm in length. You should avoid direct sunlight after the treatment.

        ## At a glance

        - Duration: 60 minutes

        ## Aftercare

        - Wear sunscreen
        """,
    )
    run_import(path)
    page = TreatmentPage.objects.get()
    assert shape(page) == ["rich_text", "session_facts", ("aftercare", 1)]
    assert block(page, "session_facts")["needle_length_min"] is None
    assert list(block(page, "aftercare")["stages"][0]["donts"]) == []
    assert "avoid direct sunlight" in text_of(page)
    assert page.also_known_as == "Skin needling"


# --- Headings by meaning ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Benefits of Microneedling Treatment", "benefits"),
        ("The Microneedling Procedure", "what_to_expect"),
        ("Choosing a Provider for Microneedling", "provider_checklist"),
        ("What Skin Conditions Can Micro-Needling Treat?", "conditions"),
        ("What skin conditions can micro needling treat", "conditions"),
        ("What does Facial Acupuncture treat?", "conditions"),
        ("Is Micro-Needling For Me?", "suitability"),
        ("Who shouldn’t have it?", "suitability"),
        ("Facial massage at home", "at_home_care"),
        ("At home treatments", "at_home_care"),
        ("What to Expect After Microneedling Treatment", "aftercare"),
        ("What to Expect", "what_to_expect"),
        ("What to expect:", "what_to_expect"),
        ("Results and Maintenance", "results"),
        ("What is Microneedling?", "text"),
        ("What is Collagen Induction Therapy?", "text"),
        ("What is “Micro-needling”?", "text"),
        ("Conclusion", "text"),
        ("What is PRP?", None),  # another subject: a question, for the FAQ
        ("Japanese facial massage", None),
    ],
)
def test_headings_are_matched_by_meaning_without_the_pages_own_names(heading, kind):
    patterns = section_patterns(TreatmentBodyBlock(), with_conditions=True)
    names = {
        squash(n) for n in ["Microneedling", "Facial Acupuncture", "Collagen induction therapy"]
    }
    assert classify(heading, patterns, names) == kind


def test_a_prose_section_loses_its_block_to_a_section_with_a_list(indexes, tmp_path):
    out = run_import(
        write(
            tmp_path,
            "t.md",
            """
            ---
            type: treatment
            title: Cupping
            summary: Gentle suction.
            ---

            ## What to expect

            It is relaxing.

            ## Your appointment

            1. Consultation: we talk first.
            2. Cupping: cups glide over oiled skin.
            """,
        )
    )
    page = TreatmentPage.objects.get()
    assert shape(page) == ["rich_text", ("what_to_expect", 2)]
    assert "<h2>What to expect</h2><p>It is relaxing.</p>" == page.body[0].value.source
    assert (
        "line 7: section “What to expect” kept as text: the page has one What to expect "
        "block, made from “Your appointment” (line 11)"
    ) in out


def test_a_section_that_cannot_make_its_block_stays_text_with_a_warning(indexes, tmp_path):
    out = run_import(
        write(
            tmp_path,
            "t.md",
            """
            ---
            type: treatment
            title: Cupping
            summary: Gentle suction.
            ---

            ## Benefits

            Many clients say they sleep better afterwards.

            ## Is it right for me?

            We will talk it through with you.
            """,
        )
    )
    page = TreatmentPage.objects.get()
    assert shape(page) == ["rich_text"]
    text = text_of(page)
    assert "sleep better" in text and "talk it through" in text
    assert "line 7: section “Benefits” kept as text: a Benefits block needs a list" in out
    assert "line 11: section “Is it right for me?” kept as text: no list" in out


# --- Summaries --------------------------------------------------------------------------


def summary_case(tmp_path, body):
    run_import(write(tmp_path, "t.md", f"---\ntype: treatment\ntitle: Microneedling\n---\n{body}"))
    return TreatmentPage.objects.get()


def test_a_short_opening_paragraph_is_the_summary_and_leaves_the_body(indexes, tmp_path):
    page = summary_case(
        tmp_path,
        "\nMicroneedling at Day Spa\n\nFine needles prompt new collagen. It takes an hour.\n\n"
        "More about it.\n",
    )
    # The title-like first line is not a summary.
    assert page.summary == "Fine needles prompt new collagen. It takes an hour."
    assert "prompt new collagen" not in text_of(page)
    assert "More about it." in text_of(page)


def test_a_long_opening_paragraph_gives_its_first_sentences_and_keeps_the_rest(indexes, tmp_path):
    first = "Microneedling prompts the skin to renew itself with fine needles."
    second = "It is popular for scars and fine lines on the face, neck and hands."
    rest = " ".join(["It suits most skin types, and many people come back for more of it."] * 4)
    page = summary_case(tmp_path, f"\n{first} {second} {rest}\n")
    assert page.summary == f"{first} {second}"
    assert len(page.summary) <= 300
    body = page.body[0].value.source
    assert body.startswith("<p>It suits most skin types")
    assert first not in body and second not in body
