"""The claims check: risky wording found where editors wrote it, warnings in the admin,
and only users allowed to publish clinical content can publish a flagged page.

A writer may publish no treatment or condition at all, so the flagged-wording rules in the
admin are tested on journal posts (tests/blog/test_claims.py) and the enquiry page
(tests/home/test_claims.py); the phrase list's settings and the finding are tested here."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from treatments.models import ConditionPage, TreatmentCondition, TreatmentPage
from treatments.review.claims import Finding, page_findings
from treatments.review.models import ClaimsCheckSettings

CALM = "Gentle care for calmer skin."


def treatment(*body, **fields):
    fields.setdefault("title", "Microneedling")
    fields.setdefault("summary", CALM)
    return TreatmentPage(body=list(body), **fields)


def what_to_expect(description):
    steps = [
        {"title": "Consultation", "description": "<p>We talk first.</p>", "duration": ""},
        {"title": "Treatment", "description": description, "duration": "30 minutes"},
    ]
    return {"type": "what_to_expect", "value": {"heading": "What to expect", "steps": steps}}


def at_home_care(caution):
    item = {
        "name": "Gua sha",
        "description": "<p>Glide outwards from the middle.</p>",
        "materials": [{"material": "Jade", "why": "Stays cool"}],
        "cautions": ["Skip broken skin", caution],
    }
    return {"type": "at_home_care", "value": {"heading": "At-home care", "items": [item]}}


def faq(answer):
    question = {"question": "Does it last?", "answer": answer}
    return {"type": "faq", "value": {"heading": "Questions people ask", "questions": [question]}}


def aftercare(do):
    stage = {"when": "First 24 hours", "dos": ["Rinse with cool water", do], "donts": []}
    return {"type": "aftercare", "value": {"heading": "Aftercare", "stages": [stage]}}


def suitability(suits):
    value = {"heading": "Is it right for me?", "suits": [suits], "not_suitable": []}
    return {"type": "suitability", "value": value}


def session_facts(price_note):
    return {"type": "session_facts", "value": {"heading": "At a glance", "price_note": price_note}}


def text(html):
    return {"type": "rich_text", "value": html}


# --- Finding each phrase where it is -------------------------------------------------

DEFAULT_PHRASE_CASES = [
    ("guaranteed", lambda: treatment(summary="Smoother skin, guaranteed."), "Summary"),
    (
        "permanent",
        lambda: treatment(at_home_care("The glow is permanent.")),
        "At-home care › Tool or technique 1 “Gua sha” › Caution 2",
    ),
    (
        "cure",
        lambda: treatment(what_to_expect("<p>A <b>cure</b> for dull skin.</p>")),
        "What to expect › Step 2 “Treatment” › Description",
    ),
    (
        "cures",
        lambda: treatment(faq("<p>One course cures acne.</p>")),
        "FAQ “Questions people ask” › Question 1 “Does it last?” › Answer",
    ),
    (
        "painless",
        lambda: ConditionPage(
            title="Rosacea",
            summary=CALM,
            description=[text("<h2>What helps</h2><p>A painless option.</p>")],
        ),
        "Text",
    ),
    (
        "risk-free",
        lambda: treatment(aftercare("Enjoy risk free results")),
        "Aftercare › Stage 1 “First 24 hours” › Do 2",
    ),
    (
        "no side effects",
        lambda: treatment(suitability("Anyone who wants no side-effects")),
        "Who it suits “Is it right for me?” › Suits 1",
    ),
    (
        "FDA-approved",
        lambda: treatment(session_facts("Uses an FDA approved pen")),
        "Session facts “At a glance” › Price or insurance note",
    ),
    (
        "miracle",
        lambda: ConditionPage(
            title="Dull skin", summary=CALM, description=[text("<p>A miracle?</p>")]
        ),
        "Text",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "phrase, build, where", DEFAULT_PHRASE_CASES, ids=[c[0] for c in DEFAULT_PHRASE_CASES]
)
def test_each_default_phrase_is_found_in_its_block(phrase, build, where):
    assert page_findings(build()) == [Finding(phrase, where)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "wording, phrase",
    [
        ("CURE", "cure"),
        ("(Cure)", "cure"),
        ("a cure-all", "cure"),
        ("Risk-Free", "risk-free"),
        ("risk–free", "risk-free"),  # en dash
        ("FDA\u2011approved", "FDA-approved"),  # non-breaking hyphen
        ("No side\u00a0effects", "no side effects"),  # non-breaking space
    ],
)
def test_capitals_and_hyphen_variants_still_match(wording, phrase):
    page = treatment(summary=f"It is {wording}.")
    assert page_findings(page) == [Finding(phrase, "Summary")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "wording",
    # Whole words only: "permanent" does not flag "permanently" (add it to the list for
    # that), just as "cure" does not flag "cures", which is listed on its own.
    ["secure", "curettage", "procured", "permanently", "guarantee", "miracles", "side effects"],
)
def test_words_that_only_contain_a_phrase_are_not_flagged(wording):
    page = treatment(what_to_expect(f"<p>We explain {wording} first.</p>"), summary=wording)
    assert page_findings(page) == []


@pytest.mark.django_db
def test_fields_outside_the_body_are_checked_with_their_admin_names():
    page = treatment(
        title="A miracle facial",
        treated_conditions=[
            TreatmentCondition(note="Fine lines"),
            TreatmentCondition(note="Cures"),
        ],
        search_description="Painless and guaranteed.",
    )
    assert page_findings(page) == [
        Finding("miracle", "Title"),
        Finding("cures", "Conditions it treats › Condition 2 › Note"),
        Finding("guaranteed", "Promote › For search engines › Meta description"),
        Finding("painless", "Promote › For search engines › Meta description"),
    ]


@pytest.mark.django_db
def test_repeated_blocks_are_numbered_and_a_phrase_is_listed_once_per_place():
    page = ConditionPage(
        title="Dull skin",
        summary=CALM,
        description=[text("<p>Calm.</p>"), text("<p>Cure? A cure!</p>")],
    )
    assert page_findings(page) == [Finding("cure", "Text 2")]


@pytest.mark.django_db
def test_reading_a_page_costs_one_query_for_the_phrase_list(django_assert_num_queries):
    page = treatment(*(case[1]().body.raw_data[0] for case in DEFAULT_PHRASE_CASES[1:4]))
    ClaimsCheckSettings.load()  # the first read of all also stores the defaults
    with django_assert_num_queries(1):
        assert len(page_findings(page)) == 3


@pytest.mark.django_db
def test_an_empty_phrase_list_turns_the_check_off():
    ClaimsCheckSettings.objects.update_or_create(defaults={"risky_phrases": ""})
    assert page_findings(treatment(summary="A guaranteed miracle cure.")) == []


# --- In the admin ----------------------------------------------------------------------


class ClaimsSettingsTests(WagtailPageTestCase):
    def setUp(self):
        settings = ClaimsCheckSettings.load()
        self.url = reverse(
            "wagtailsettings:edit",
            args=("treatments_review", "claimschecksettings", settings.pk),
        )

    def user(self, *codenames):
        user = User.objects.create_user("user", "user@clinic.example", "password")
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=["access_admin", *codenames])
        )
        self.client.force_login(user)
        return user

    def test_only_site_managers_can_change_the_phrase_list(self):
        self.user()  # may use the admin, not change this setting
        for response in (
            self.client.get(self.url),
            self.client.post(self.url, {"risky_phrases": ""}),
        ):
            self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertIn("guaranteed", ClaimsCheckSettings.load().phrases)

    def test_of_the_clinic_roles_only_site_managers_may_open_the_list(self):
        for role, allowed in [
            ("Marketing editors", False),
            ("Clinical reviewers", False),
            ("Site managers", True),
        ]:
            user = User.objects.create_user(role, f"{role[:4]}@clinic.example", "password")
            user.groups.add(Group.objects.get(name=role))
            self.client.force_login(user)
            with self.subTest(role):
                self.assertEqual(self.client.get(self.url).status_code, 200 if allowed else 302)

    def test_editing_the_list_changes_what_is_flagged(self):
        self.user("change_claimschecksettings")
        page = treatment(summary="A bespoke cure.")
        self.assertEqual(page_findings(page), [Finding("cure", "Summary")])

        # A stray dash is no phrase: it must not flag every page.
        data = {"risky_phrases": "Bespoke\n\n  instant results \n-\n"}
        response = self.client.post(self.url, data)

        self.assertEqual(response.status_code, 302)
        self.assertEqual(ClaimsCheckSettings.load().phrases, ["Bespoke", "instant results", "-"])
        self.assertEqual(page_findings(page), [Finding("Bespoke", "Summary")])


@pytest.mark.django_db
def test_prices_are_checked_and_named_by_their_tab():
    option = {
        "name": "Guaranteed glow",
        "duration_minutes": 60,
        "amount": "120",
        "is_from": False,
        "courses": [],
    }
    page = treatment(prices=[("option", option)], price_note="Permanent results at this price.")
    assert page_findings(page) == [
        Finding("guaranteed", "Prices and booking › Price option “Guaranteed glow” › Name"),
        Finding("permanent", "Prices and booking › Price note"),
    ]
