"""The claims check: risky wording found where editors wrote it, warnings in the admin,
and only users allowed to publish clinical content can publish a flagged page."""

import json

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogPage
from home.models import EnquiryPage, HomePage
from tests.factories import default_site, soup
from tests.test_blog import make_index, make_post
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
        lambda: BlogPage(title="Our journal", summary=CALM, body=[text("<p>A miracle?</p>")]),
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
def test_any_clinic_page_type_is_checked_the_same_way():
    home = HomePage(title="Home", intro="<p>Risk-free glow.</p>", hero_heading="Our miracle")
    assert page_findings(home) == [
        Finding("miracle", "Welcome › Hero heading"),
        Finding("risk-free", "Welcome › Intro"),
    ]


@pytest.mark.django_db
def test_repeated_blocks_are_numbered_and_a_phrase_is_listed_once_per_place():
    page = BlogPage(
        title="Journal",
        summary=CALM,
        body=[text("<p>Calm.</p>"), text("<p>Cure? A cure!</p>")],
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


class ClaimsAdminTests(WagtailPageTestCase):
    """A writer may publish journal posts but not clinical content; a reviewer may both."""

    def setUp(self):
        self.journal = make_index(default_site().root_page)
        self.writer = self.make_user("writer")
        self.reviewer = self.make_user("reviewer", clinical=True)

    def make_user(self, name, clinical=False, group=None):
        group = group or Group.objects.create(name=f"{name}s")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        if clinical:
            group.permissions.add(Permission.objects.get(codename="publish_clinical_content"))
        for permission in ("add", "change", "publish"):
            GroupPagePermission.objects.create(
                group=group, page=self.journal, permission_type=permission
            )
        user = User.objects.create_user(name, f"{name}@clinic.example", "password")
        user.groups.add(group)
        return user

    def form(self, body="<p>Be gentle with your skin.</p>", **fields):
        data = {
            "title": "After microneedling",
            "slug": "after-microneedling",
            "date": "2024-05-01",
            "summary": "What to do in the week after.",
            "authors": inline_formset([]),
            "tags": "",
            "hero_image": "",
            "hero_image_alt": "",
            "body": streamfield([("rich_text", rich_text(body))]),
            "related_treatments": inline_formset([]),
        }
        data.update(fields)
        return nested_form_data(data)

    def add_url(self):
        return reverse("wagtailadmin_pages:add", args=("blog", "blogpage", self.journal.pk))

    def edit_url(self, page):
        return reverse("wagtailadmin_pages:edit", args=(page.pk,))

    def draft(self, body="<p>A miracle serum.</p>"):
        return make_post(self.journal, "Serums", live=False, body=[text(body)])

    def messages(self, response, level):
        return [
            " ".join(li.get_text().split()) for li in soup(response).select(f".messages li.{level}")
        ]

    def claims_warnings(self, response):
        return [m for m in self.messages(response, "warning") if "claims check" in m]

    def test_saving_a_draft_shows_each_phrase_and_where_it_is(self):
        self.client.force_login(self.writer)
        data = self.form(body="<p>A miracle serum.</p>", summary="Guaranteed calm.")

        response = self.client.post(self.add_url(), data, follow=True)

        post = BlogPage.objects.get(slug="after-microneedling")
        self.assertFalse(post.live)
        [warning] = self.claims_warnings(response)  # once, not again from the edit page
        self.assertIn("“guaranteed” in Summary", warning)
        self.assertIn("“miracle” in Text", warning)
        self.assertIn("Only a clinical reviewer can publish", warning)

    def test_the_edit_page_lists_the_wording_until_it_is_changed(self):
        self.client.force_login(self.writer)
        post = self.draft()
        [warning] = self.claims_warnings(self.client.get(self.edit_url(post)))
        self.assertIn("“miracle” in Text", warning)

        self.client.post(self.edit_url(post), self.form(body="<p>A calming serum.</p>"))

        self.assertEqual(self.claims_warnings(self.client.get(self.edit_url(post))), [])

    def test_submitting_for_review_shows_the_warning(self):
        self.proofreading_workflow()
        self.client.force_login(self.writer)
        post = self.draft()

        response = self.client.post(
            self.edit_url(post), self.form(body="<p>Painless.</p>", **{"action-submit": "1"})
        )

        self.assertRedirects(
            response,
            reverse("wagtailadmin_explore", args=(self.journal.pk,)),
            fetch_redirect_response=False,
        )
        [warning] = self.claims_warnings(self.client.get(response.url))
        self.assertIn("“painless” in Text", warning)
        self.assertTrue(BlogPage.objects.get(pk=post.pk).workflow_in_progress)

    def test_a_writer_cannot_publish_flagged_wording_and_loses_nothing(self):
        self.client.force_login(self.writer)
        post = self.draft(body="<p>Calm.</p>")
        revisions = post.revisions.count()
        typed = "<p>Our risk-free serum, typed with care.</p>"

        response = self.client.post(
            self.edit_url(post), self.form(body=typed, **{"action-publish": "1"})
        )

        self.assertEqual(response.status_code, 200)
        [error] = self.messages(response, "error")
        self.assertIn(
            "Only a clinical reviewer can publish this page while it uses wording the claims "
            "check flags: “risk-free” (Text).",
            error,
        )
        self.assertFalse(BlogPage.objects.get(pk=post.pk).live)
        self.assertEqual(post.revisions.count(), revisions)
        self.assertIn("typed with care", response.content.decode())  # the form comes back

        response = self.client.post(
            self.edit_url(post),
            self.form(body="<p>Our calming serum.</p>", **{"action-publish": "1"}),
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(BlogPage.objects.get(pk=post.pk).live)

    def test_the_enquiry_page_is_checked_like_every_clinic_page(self):
        home = default_site().root_page
        GroupPagePermission.objects.create(
            group=self.writer.groups.get(), page=home, permission_type="publish"
        )
        GroupPagePermission.objects.create(
            group=self.writer.groups.get(), page=home, permission_type="change"
        )
        contact = home.add_child(
            instance=EnquiryPage(title="Contact us", slug="contact", live=False)
        )
        self.client.force_login(self.writer)
        data = nested_form_data(
            {
                "title": "Contact us",
                "slug": "contact",
                "intro": rich_text("<p>Results guaranteed, or your money back.</p>"),
                "thank_you_text": rich_text(""),
                "to_address": "",
                "subject": "New enquiry",
                "action-publish": "1",
            }
        )
        response = self.client.post(self.edit_url(contact), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("“guaranteed”", self.messages(response, "error")[0])
        self.assertFalse(EnquiryPage.objects.get(pk=contact.pk).live)

    def test_a_writer_cannot_publish_a_new_post_with_flagged_wording(self):
        self.client.force_login(self.writer)

        response = self.client.post(
            self.add_url(), self.form(summary="No side effects at all.", **{"action-publish": "1"})
        )

        self.assertEqual(response.status_code, 200)
        self.assertIn("“no side effects” (Summary)", self.messages(response, "error")[0])
        self.assertFalse(BlogPage.objects.filter(slug="after-microneedling").exists())
        self.assertIn("No side effects at all.", response.content.decode())

    def test_a_reviewer_can_publish_flagged_wording_and_is_reminded_to_check_it(self):
        self.client.force_login(self.reviewer)
        post = self.draft()

        response = self.client.post(
            self.edit_url(post),
            self.form(body="<p>A miracle serum.</p>", **{"action-publish": "1"}),
            follow=True,
        )

        self.assertTrue(BlogPage.objects.get(pk=post.pk).live)
        [warning] = self.claims_warnings(response)
        self.assertIn("“miracle” in Text", warning)
        self.assertIn("Check that each claim is accurate", warning)

    def bulk_publish(self, *pages):
        ids = "&".join(f"id={page.pk}" for page in pages)
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        return self.client.post(f"{url}?{ids}&next=/admin/", {"include_descendants": ""})

    def test_bulk_publishing_flagged_pages_needs_the_permission(self):
        flagged, calm = self.draft(), make_post(self.journal, "Calm", live=False)
        self.client.force_login(self.writer)

        response = self.bulk_publish(flagged, calm)

        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        [error] = self.messages(self.client.get("/admin/"), "error")
        self.assertIn("Nothing was published.", error)
        self.assertIn("“Serums”: “miracle” (Text)", error)
        self.assertFalse(BlogPage.objects.filter(live=True, pk__in=[flagged.pk, calm.pk]))

        self.client.force_login(self.reviewer)
        self.bulk_publish(flagged, calm)
        self.assertEqual(
            BlogPage.objects.filter(live=True, pk__in=[flagged.pk, calm.pk]).count(), 2
        )

    def proofreading_workflow(self):
        """A workflow whose only approvers may publish pages but not clinical content."""
        proofreaders = Group.objects.create(name="Proofreaders")
        task = GroupApprovalTask.objects.create(name="Proofread")
        task.groups.set([proofreaders, Group.objects.get(name="reviewers")])
        workflow = Workflow.objects.create(name="Proofreading")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=self.journal)
        return self.make_user("proofreader", group=proofreaders)

    def submitted(self, body):
        post = self.draft(body)
        post.get_workflow().start(post, self.writer)
        return BlogPage.objects.get(pk=post.pk)

    def approve_from_dashboard(self, post):
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=(post.pk, "approve", post.current_workflow_task_state.pk),
        )
        return self.client.post(url, {"comment": ""})

    def test_approving_flagged_wording_needs_the_permission(self):
        proofreader = self.proofreading_workflow()
        calm, flagged = self.submitted("<p>Calm.</p>"), self.submitted("<p>Guaranteed.</p>")
        self.client.force_login(proofreader)

        self.approve_from_dashboard(calm)
        self.assertTrue(BlogPage.objects.get(pk=calm.pk).live)

        # Wagtail answers a refusal from its workflow modal with its general "no permission".
        response = self.approve_from_dashboard(flagged)
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        [error] = self.messages(self.client.get("/admin/"), "error")
        self.assertIn("you do not have permission", error)
        flagged = BlogPage.objects.get(pk=flagged.pk)
        self.assertFalse(flagged.live)
        self.assertEqual(flagged.current_workflow_task_state.status, "in_progress")

        # Approving from the edit page says why, and keeps what the approver typed.
        response = self.client.post(
            self.edit_url(flagged),
            self.form(
                body="<p>Guaranteed, edited.</p>",
                **{"action-workflow-action": "1", "workflow-action-name": "approve"},
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("“guaranteed” (Text)", self.messages(response, "error")[0])
        self.assertIn("Guaranteed, edited.", response.content.decode())
        self.assertFalse(BlogPage.objects.get(pk=flagged.pk).live)

        self.client.force_login(self.reviewer)
        self.approve_from_dashboard(flagged)
        self.assertTrue(BlogPage.objects.get(pk=flagged.pk).live)

    def test_an_approval_that_does_not_publish_is_not_stopped(self):
        proofreader = self.proofreading_workflow()
        workflow = Workflow.objects.get(name="Proofreading")
        clinical = GroupApprovalTask.objects.create(name="Clinical check")
        clinical.groups.set([Group.objects.get(name="reviewers")])
        WorkflowTask.objects.create(workflow=workflow, task=clinical, sort_order=1)
        post = self.submitted("<p>Guaranteed.</p>")
        self.client.force_login(proofreader)

        response = self.client.post(
            self.edit_url(post),
            self.form(
                body="<p>Guaranteed.</p>",
                **{"action-workflow-action": "1", "workflow-action-name": "approve"},
            ),
        )

        self.assertEqual(response.status_code, 302)
        post = BlogPage.objects.get(pk=post.pk)
        self.assertFalse(post.live)
        self.assertEqual(post.current_workflow_task.name, "Clinical check")

    def test_publishing_through_the_admin_api_needs_the_permission(self):
        flagged = self.draft()
        url = f"/admin/api/main/pages/{flagged.pk}/action/publish/"
        self.client.force_login(self.writer)

        response = self.client.post(url, content_type="application/json", data="{}")

        self.assertEqual(response.status_code, 403)
        self.assertIn("“miracle” (Text)", json.loads(response.content)["detail"])
        self.assertFalse(BlogPage.objects.get(pk=flagged.pk).live)

        self.client.force_login(self.reviewer)
        response = self.client.post(url, content_type="application/json", data="{}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(BlogPage.objects.get(pk=flagged.pk).live)


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


def test_every_clinic_page_type_is_edited_through_the_checked_form():
    """The claims and conflict checks live in ClinicPageForm: no page type may skip it."""
    from wagtail.models import get_page_models

    from treatments.models import ClinicPageForm

    clinic_types = [
        m for m in get_page_models() if m._meta.app_label in {"treatments", "blog", "home"}
    ]
    assert len(clinic_types) >= 10
    for model in clinic_types:
        assert issubclass(model.base_form_class, ClinicPageForm), model.__name__
