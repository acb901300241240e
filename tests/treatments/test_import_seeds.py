"""Five real clinic pages, as they are, become structured drafts (issue 18).

The files in fixtures/seeds/ are byte-for-byte copies of shared/seeds/: plain text copied
from clinic websites (one is Markdown with Eleventy front matter saved as .txt). Each is
imported as a clinic moving its site would: `--type treatment --parent /treatments/`, no
editing. The assertions are what an editor then finds in the admin.
"""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from treatments.models import ConditionPage, Practitioner, TreatmentPage

from .factories import build_indexes, make_condition, make_treatment, soup
from .test_importing import counts

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"

# The demo clinic's conditions (demo/conditions/), which the seeds' lists should link to.
CONDITIONS = [
    "Fine lines and wrinkles",
    "Puffy skin",
    "Dark spots and uneven tone",
    "Acne",
    "Acne scars",
    "Rosacea",
    "Eczema and psoriasis",
    "TMJ and jaw tension",
    "Tension headaches",
    "Bell's palsy",
    "Sun damage",
    "Stretch marks",
]


@pytest.fixture
def clinic(site_root):
    treatments, conditions = build_indexes(site_root)
    for name in CONDITIONS:
        make_condition(conditions, name)
    return treatments, conditions


def seed(number):
    return next(SEEDS.glob(f"{number:03d}_*.txt"))


def import_seed(number, **options):
    out = io.StringIO()
    call_command(
        "import_content",
        str(seed(number)),
        type="treatment",
        parent="/treatments/",
        stdout=out,
        stderr=io.StringIO(),
        **options,
    )
    return out.getvalue()


def draft(title):
    return TreatmentPage.objects.get(title=title).get_latest_revision_as_object()


def block_types(page):
    return [block.block_type for block in page.body]


def block(page, block_type):
    return next(b.value for b in page.body if b.block_type == block_type)


def body_text(page):
    return " ".join(str(b.render()) for b in page.body)


def test_the_seeds_are_the_shared_pages_unchanged():
    shared = Path(__file__).resolve().parents[3] / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("shared/seeds/ is not beside this checkout")
    for path in SEEDS.glob("*.txt"):
        assert path.read_bytes() == (shared / path.name).read_bytes(), path.name


def test_000_facial_acupuncture_steps_conditions_benefit_and_at_home_tools(clinic):
    out = import_seed(0)
    page = draft("Facial Acupuncture")
    assert not page.live
    assert block_types(page)[1:] == ["what_to_expect", "benefits", "at_home_care"]
    assert len(block(page, "what_to_expect")["steps"]) == 3
    # "Stimulate collagen…" is a benefit, not a condition.
    assert list(block(page, "benefits")["items"]) == ["Stimulate collagen and elastin production"]
    assert len(block(page, "at_home_care")["items"]) == 1
    # Every condition in the list links to an existing page, near duplicates included.
    assert [link.condition.title for link in page.treated_conditions.all()] == [
        "Fine lines and wrinkles",
        "Puffy skin",
        "Dark spots and uneven tone",
        "Acne",
        "Rosacea",
        "Eczema and psoriasis",
        "TMJ and jaw tension",
        "Tension headaches",
        "Bell's palsy",
    ]
    assert ConditionPage.objects.count() == len(CONDITIONS)
    assert page.also_known_as == "Facial Rejuvenation Acupuncture, Cosmetic Acupuncture"
    assert "line 31: “TMJ” is linked to the condition “TMJ and jaw tension”" in out
    assert "line 16: the claims check flags “won't feel”" in out


def test_001_facial_massage_titles_itself_and_keeps_one_copy_of_the_caption(clinic):
    out = import_seed(1)
    page = draft("Facial massage")
    assert "took the title “Facial massage” from line 1" in out
    assert "line 31: this line repeats the line before it" in out
    care = block(page, "at_home_care")["items"][0]
    assert (care["frequency"], care["session_length"], care["course_length"]) == (
        "Daily",
        "15-20 minutes",
        "1-2 months",
    )
    text = body_text(page)
    assert text.count("Classic massage lines of facial massage against wrinkles") == 1
    # The "•" bullets after "…massage results in:" are what it does: a Benefits block.
    assert "line 23: the list after “…" in out
    benefits = list(block(page, "benefits")["items"])
    assert len(benefits) == 7
    assert benefits[2] == "Upper and lower eyelid lift"


def test_002_micro_needling_who_qualifies_conditions_and_a_call_to_book(clinic):
    import_seed(2)
    page = draft("Micro-needling")
    suitability = block(page, "suitability")
    assert list(suitability["not_suitable"]) == [
        "An active infection",
        "Skin lesions",
        "Problems with blood clotting",
    ]
    assert block(page, "call_to_action")["link"] == ""  # the clinic's booking link
    assert [link.condition.title for link in page.treated_conditions.all()] == [
        "Acne scars",
        "Sun damage",
        "Fine lines and wrinkles",
        "Dark spots and uneven tone",
        "Stretch marks",
    ]
    assert page.also_known_as == "Collagen Induction Therapy"


def test_003_the_guide_fills_benefits_steps_checklist_aftercare_and_results(clinic):
    import_seed(3)
    page = draft("Microneedling Treatment Skin Health and Appearance")
    assert [(block_type, len(value)) for block_type, value in structured_counts(page)] == [
        ("benefits", 5),
        ("what_to_expect", 5),
        ("provider_checklist", 4),
        ("aftercare", 1),
    ]
    steps = [step["title"] for step in block(page, "what_to_expect")["steps"]]
    assert steps[:2] == ["Consultation", "Preparation"]
    results = block(page, "results")
    assert "gradual and cumulative" in results["results"].source
    assert "Maintenance treatments" in results["maintenance"].source
    # The summary is the opening sentence, not the title line, and is not repeated below.
    assert page.summary.startswith("Microneedling has gained significant popularity")
    assert "gained significant popularity" not in body_text(page)


def structured_counts(page):
    sizes = {
        "benefits": lambda v: v["items"],
        "what_to_expect": lambda v: v["steps"],
        "provider_checklist": lambda v: v["items"],
        "aftercare": lambda v: v["stages"],
    }
    return [
        (b.block_type, sizes[b.block_type](b.value)) for b in page.body if b.block_type in sizes
    ]


def test_004_day_spa_needles_session_length_aftercare_and_who_should_not(clinic):
    import_seed(4)
    page = draft("Microneedling at Day Spa")
    facts = block(page, "session_facts")
    assert (str(facts["needle_length_min"]), str(facts["needle_length_max"])) == ("0.5", "1.5")
    assert facts["duration"] == "15 minutes or longer"
    donts = block(page, "aftercare")["stages"][0]["donts"]
    assert "Avoid direct sunlight for two to seven days" in donts
    assert list(block(page, "suitability")["not_suitable"]) == ["Keloid scarring", "Scleroderma"]
    assert page.summary != "Microneedling at Day Spa"


@pytest.mark.parametrize("number", range(5))
def test_each_seed_imports_twice_to_the_same_draft(clinic, number):
    first = import_seed(number)
    assert "1 created" in first
    before = counts()
    second = import_seed(number)
    assert "1 unchanged" in second
    assert counts() == before
    assert not TreatmentPage.objects.get().live


def test_new_conditions_from_a_list_are_drafts_for_an_editor(site_root):
    build_indexes(site_root)  # no conditions yet
    out = import_seed(0, publish=True, publish_unreviewed=True)
    made = ConditionPage.objects.all()
    assert made.count() == 9  # ten items; "Stimulate collagen…" went to benefits
    assert not any(page.live for page in made)
    assert "New condition pages made as drafts, for an editor to finish and publish:" in out
    assert "  TMJ: /conditions/tmj/" in out
    # Even with both publish flags the page stays a draft: its wording needs a clinician.
    assert not TreatmentPage.objects.get(title="Facial Acupuncture").live
    assert "not published: the claims check flags its wording" in out


def test_a_seed_over_a_reviewed_page_drops_the_line_and_names_lost_sections(client, clinic):
    treatments, _ = clinic
    reviewer = Practitioner.objects.create(name="Priya Nair")
    page = make_treatment(
        treatments,
        "Microneedling",
        reviewed_by=reviewer,
        last_reviewed=datetime.date(2026, 3, 3),
        body=[
            {
                "type": "faq",
                "value": {
                    "heading": "Questions",
                    "questions": [{"question": "Does it hurt?", "answer": "<p>A little.</p>"}],
                },
            }
        ],
    )
    assert soup(client.get(page.url)).select_one(".reviewed-by") is not None
    # The guide (003) has no wording the claims check flags, so it can be published.
    out = import_seed(3, title="Microneedling", publish=True, publish_unreviewed=True)
    assert "the page's “FAQ” section is not in this file" in out
    page = TreatmentPage.objects.get(title="Microneedling")
    assert "Choosing a Provider" in soup(client.get(page.url)).get_text()
    assert soup(client.get(page.url)).select_one(".reviewed-by") is None
