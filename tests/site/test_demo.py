"""The demo clinic in demo/, loaded through the importer as `make run` loads it."""

import io
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from blog.models import BlogPage
from home.models import HomePage
from treatments.models import ClinicSettings, ConditionPage, Practitioner, TreatmentPage
from treatments.results.models import ResultCase

DEMO = Path(__file__).resolve().parents[2] / "demo"

pytestmark = pytest.mark.django_db


def load(folder=DEMO):
    out = io.StringIO()
    call_command("import_content", str(folder), publish=True, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(home_page):
    return load()


def shape(stream):
    """Each block's type, with the number of items of its list, as the tests below state."""
    counted = {
        "what_to_expect": "steps",
        "at_home_care": "items",
        "aftercare": "stages",
        "faq": "questions",
        "benefits": "items",
        "provider_checklist": "items",
    }
    found = []
    for block in stream:
        if block.block_type in counted:
            found.append((block.block_type, len(block.value[counted[block.block_type]])))
        elif block.block_type == "suitability":
            value = block.value
            found.append(("suitability", len(value["suits"]), len(value["not_suitable"])))
        else:
            found.append(block.block_type)
    return found


TREATMENTS = {
    "facial-acupuncture": (
        [
            "session_facts",
            "rich_text",
            ("what_to_expect", 5),
            "safety_callout",
            ("suitability", 4, 5),
            ("aftercare", 3),
            ("at_home_care", 3),
            "results",
            ("faq", 3),
            "call_to_action",
        ],
        [
            "fine-lines-and-wrinkles",
            "puffy-skin",
            "dark-spots",
            "acne",
            "rosacea",
            "eczema-and-psoriasis",
            "tmj-jaw-tension",
            "tension-headaches",
            "bells-palsy",
        ],
    ),
    "facial-massage": (
        [
            "session_facts",
            "rich_text",
            ("benefits", 7),
            ("what_to_expect", 5),
            "safety_callout",
            ("at_home_care", 2),
            "results",
            ("aftercare", 2),
            ("suitability", 4, 4),
            ("faq", 3),
            "call_to_action",
        ],
        ["fine-lines-and-wrinkles", "puffy-skin", "dull-skin", "tmj-jaw-tension"],
    ),
    "microneedling": (
        [
            "session_facts",
            "rich_text",
            ("benefits", 6),
            ("what_to_expect", 5),
            ("suitability", 4, 6),
            ("provider_checklist", 6),
            ("aftercare", 3),
            ("at_home_care", 2),
            "results",
            ("faq", 3),
            "call_to_action",
        ],
        [
            "acne-scars",
            "fine-lines-and-wrinkles",
            "sun-damage",
            "dark-spots",
            "stretch-marks",
            "enlarged-pores",
            "dull-skin",
        ],
    ),
}

CONDITIONS = {
    "fine-lines-and-wrinkles": ["rich_text", ("faq", 2)],
    "puffy-skin": ["rich_text", "safety_callout"],
    "dark-spots": ["rich_text", "safety_callout"],
    "acne": ["rich_text", ("faq", 2)],
    "acne-scars": ["rich_text", ("faq", 2)],
    "rosacea": ["rich_text", ("faq", 1)],
    "eczema-and-psoriasis": ["rich_text", "safety_callout"],
    "tmj-jaw-tension": ["rich_text", ("faq", 1)],
    "tension-headaches": ["rich_text", "safety_callout"],
    "bells-palsy": ["rich_text", "safety_callout"],
    "sun-damage": ["rich_text", "safety_callout"],
    "stretch-marks": ["rich_text", ("faq", 1)],
    "enlarged-pores": ["rich_text"],
    "dull-skin": ["rich_text", ("faq", 1)],
}

POSTS = {
    "facial-acupuncture-jaw-tension-headaches": (
        ["rich_text", "quote", "rich_text", "safety_callout", "call_to_action"],
        ["Imogen Hart"],
        ["facial-acupuncture", "facial-massage"],
    ),
    "gua-sha-at-home-jade-or-rose-quartz": (
        ["rich_text", "safety_callout", ("faq", 3), "call_to_action"],
        [],
        ["facial-acupuncture", "facial-massage"],
    ),
    "microneedling-aftercare-week-by-week": (
        ["rich_text", "safety_callout", ("faq", 2), "call_to_action"],
        ["Priya Nair"],
        ["microneedling"],
    ),
    "why-a-chemist-dermaroller-may-only-exfoliate": (
        ["rich_text", "safety_callout", "rich_text", "call_to_action"],
        ["Priya Nair", "Ellen Okafor"],
        ["microneedling", "facial-acupuncture"],
    ),
    "five-minute-evening-face-massage": (
        ["rich_text", "quote", "rich_text", "call_to_action"],
        ["Tomasz Kowal"],
        ["facial-massage"],
    ),
    "sun-care-after-skin-treatments": (
        ["rich_text", "safety_callout", ("faq", 2), "call_to_action"],
        ["Ellen Okafor"],
        [],
    ),
}


def test_every_demo_treatment_has_its_blocks_and_ordered_conditions(demo):
    for slug, (blocks, conditions) in TREATMENTS.items():
        page = TreatmentPage.objects.get(slug=slug)
        assert page.live and page.hero_image and page.hero_image_alt, slug
        assert shape(page.body) == blocks, slug
        assert [link.condition.slug for link in page.treated_conditions.all()] == conditions, slug
    assert list(TreatmentPage.objects.order_by("path").values_list("slug", flat=True)) == list(
        TREATMENTS
    )


def test_every_demo_condition_has_its_blocks_and_conditions_are_shared(demo):
    assert len(CONDITIONS) >= 12
    for slug, blocks in CONDITIONS.items():
        page = ConditionPage.objects.get(slug=slug)
        assert page.live and page.summary, slug
        assert shape(page.description) == blocks, slug
    assert ConditionPage.objects.count() == len(CONDITIONS)  # none created by accident
    shared = ConditionPage.objects.get(slug="fine-lines-and-wrinkles")
    assert [page.slug for page in shared.treatments()] == list(TREATMENTS)


def test_every_demo_post_has_its_blocks_authors_treatments_and_picture(demo):
    for slug, (blocks, authors, treatments) in POSTS.items():
        post = BlogPage.objects.get(slug=slug)
        assert post.live and post.get_parent().url_path.endswith("/blog/"), slug
        assert shape(post.body) == blocks, slug
        assert post.author_names() == authors, slug
        assert [link.treatment.slug for link in post.related_treatments.all()] == treatments
        assert post.tags.exists(), slug
    # The journal's cards and each post's top show its picture, described for screen readers.
    pictured = {
        post.slug: bool(post.hero_image and post.hero_image_alt.strip())
        for post in BlogPage.objects.live()
    }
    assert pictured == dict.fromkeys(POSTS, True)


def test_demo_team_home_and_clinic_details(demo):
    assert {p.name: [t.slug for t in p.performs()] for p in Practitioner.objects.all()} == {
        "Ellen Okafor": ["facial-massage", "microneedling"],
        "Imogen Hart": ["facial-acupuncture"],
        "Priya Nair": ["microneedling"],
        "Tomasz Kowal": ["facial-massage"],
    }
    # Each treatment lists who performs it in the order its file gives.
    assert {
        page.slug: [person.name for _, person in page.performed_by()]
        for page in TreatmentPage.objects.all()
    } == {
        "facial-acupuncture": ["Imogen Hart"],
        "facial-massage": ["Tomasz Kowal", "Ellen Okafor"],
        "microneedling": ["Priya Nair", "Ellen Okafor"],
    }
    assert all(
        person.photo and person.bio and person.credentials for person in Practitioner.objects.all()
    )
    home = HomePage.objects.get()
    assert home.hero_heading and home.intro and home.hero_image
    assert [page.slug for page in home.featured()] == list(TREATMENTS)
    site = Site.objects.get(is_default_site=True)
    clinic = ClinicSettings.for_site(site)
    assert site.site_name == clinic.name == "Juniper Skin & Face Clinic"
    assert clinic.booking_url.startswith("https://") and len(clinic.opening_hours) == 2
    assert [link.value["network"] for link in clinic.social_links] == ["instagram", "facebook"]
    privacy = clinic.privacy_notice  # the plain page demo/privacy.md makes, published
    assert privacy.url == "/privacy/" and not privacy.show_in_menus


def test_demo_urls_serve_the_pages(client, demo):
    paths = ["/", "/treatments/", "/conditions/", "/blog/", "/team/", "/contact/", "/privacy/"]
    paths += ["/results/"]
    paths += [f"/treatments/{slug}/" for slug in TREATMENTS]
    paths += [f"/conditions/{slug}/" for slug in CONDITIONS]
    paths += [f"/blog/{slug}/" for slug in POSTS]
    for path in paths:
        assert client.get(path).status_code == 200, path
    menu = re.findall(r'<a href="(/[a-z]+/)"', client.get("/").content.decode().split("</nav>")[0])
    assert menu[:6] == [
        "/treatments/",
        "/conditions/",
        "/team/",
        "/locations/",
        "/blog/",
        "/contact/",
    ]


def test_demo_results_show_three_cases_on_two_treatments_and_not_the_withdrawn_one(client, demo):
    assert ResultCase.objects.count() == 4
    withdrawn = ResultCase.objects.get(consent__withdrawn_on__isnull=False)
    shown = client.get("/api/clinic/v1/results/").json()["items"]
    assert sorted((case["treatment"]["title"], case["sessions"]) for case in shown) == [
        ("Facial acupuncture", 8),
        ("Microneedling", 3),
        ("Microneedling", 4),
    ]
    assert withdrawn.pk not in {case["id"] for case in shown}
    assert client.get(f"/api/clinic/v1/results/{withdrawn.pk}/").status_code == 404
    for case in shown:  # illustrated pairs, described by what changes
        assert case["before"]["alt"].startswith("Illustration of a patch of skin texture")
        assert case["after"]["alt"].startswith("The same patch of skin texture")


def test_demo_reimport_changes_nothing(demo):
    before = Page.objects.count(), Revision.objects.count()
    out = load()
    assert (Page.objects.count(), Revision.objects.count()) == before
    assert re.search(r"50 files: 50 unchanged; 0 warning", out)


def test_a_changed_demo_file_adds_exactly_one_revision(home_page, tmp_path):
    pack = tmp_path / "demo"
    shutil.copytree(DEMO, pack)
    load(pack)
    before = Page.objects.count(), Revision.objects.count()
    acne = pack / "conditions" / "acne.md"
    acne.write_text(acne.read_text().replace("## ", "## Updated: ", 1))
    out = load(pack)
    assert (Page.objects.count(), Revision.objects.count()) == (before[0], before[1] + 1)
    assert ConditionPage.objects.get(slug="acne").revisions.count() == 2
    assert "1 updated" in out
