"""Result cases and consent records in the admin (Results › Result cases, Results › Consent
records): what each role sees, the checks on saving a case, the claims check on its texts
and the "Clinical review" workflow that puts it live.

The users belong to the groups of treatments.review's migration 0002, with the rights the
results app's migration 0003 gives them."""

import datetime
import re

from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.images.tests.utils import Image, get_test_image_file
from wagtail.models import WorkflowState
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import nested_form_data

from treatments.results.models import ConsentRecord, ResultCase
from treatments.review.workflow import publish_approved

from .factories import build_indexes, default_site, make_treatment, soup

EDITORS, REVIEWERS, MANAGERS = "Marketing editors", "Clinical reviewers", "Site managers"
REFERENCE = "R-2026-031"


def url(model, name, *args):
    return reverse(f"wagtailsnippets_treatments_results_{model}:{name}", args=args)


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def text(response):
    return soup(response).get_text(" ", strip=True)


class ResultsAdminTestCase(WagtailTestUtils, TestCase):
    def setUp(self):
        treatments, _ = build_indexes(default_site().root_page.specific)
        self.treatment = make_treatment(treatments, "Microneedling")
        self.editor = self.member("mia", EDITORS)
        self.reviewer = self.member("amara", REVIEWERS)
        self.manager = self.member("sam", MANAGERS)
        # A site manager records the patient's consent.
        self.consent = ConsentRecord.objects.create(
            patient_reference=REFERENCE, signed_on=days(-10), expires_on=datetime.date(2099, 3, 3)
        )
        self.before = Image.objects.create(title="Before", file=get_test_image_file())
        self.after = Image.objects.create(title="After", file=get_test_image_file())

    def member(self, username, group):
        user = User.objects.create_user(username, f"{username}@example.com", "pw")
        user.groups.add(Group.objects.get(name=group))
        return user

    def case_form(self, **fields):
        data = {
            "treatment": self.treatment.pk,
            "practitioner": "",
            "sessions": "3",
            "time_between": "12 weeks",
            "before_image": self.before.pk,
            "before_alt": "Cheek with rolling scars, before treatment",
            "after_image": self.after.pk,
            "after_alt": "The same cheek with shallower scars after three sessions",
            "caption": "Shallower scars and smoother texture after three sessions.",
            "consent": self.consent.pk,
            "photos_unretouched": "on",
        }
        data.update(fields)
        return nested_form_data({k: v for k, v in data.items() if v is not None})

    def create_as(self, user, **fields):
        self.client.force_login(user)
        return self.client.post(url("resultcase", "add"), self.case_form(**fields))

    def make_case(self, **fields):
        fields = {
            "treatment": self.treatment,
            "sessions": 3,
            "time_between": "12 weeks",
            "before_image": self.before,
            "before_alt": "Cheek, before",
            "after_image": self.after,
            "after_alt": "Cheek, after",
            "caption": "Smoother texture.",
            "consent": self.consent,
            "photos_unretouched": True,
            **fields,
        }
        return ResultCase.objects.create(**fields)


# --- Who sees what ---------------------------------------------------------------------


class MenuAndListingTests(ResultsAdminTestCase):
    def test_editors_get_result_cases_and_only_site_managers_get_consent_records(self):
        cases, records = url("resultcase", "list"), url("consentrecord", "list")
        self.client.force_login(self.editor)
        dashboard = self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.assertIn(cases, dashboard)
        self.assertNotIn(records, dashboard)
        self.assertEqual(self.client.get(records).status_code, 302, "no right, sent away")
        self.assertEqual(
            self.client.get(url("consentrecord", "edit", self.consent.pk)).status_code, 302
        )

        self.client.force_login(self.manager)
        self.assertIn(records, self.client.get(reverse("wagtailadmin_home")).content.decode())
        self.assertEqual(self.client.get(records).status_code, 200)

    def test_the_case_list_shows_the_consent_status_never_the_reference(self):
        self.make_case(live=False)
        withdrawn = ConsentRecord.objects.create(
            patient_reference="R-2025-002", signed_on=days(-400), withdrawn_on=days(-1)
        )
        self.make_case(consent=withdrawn, sessions=6, time_between="4 months")
        self.client.force_login(self.editor)
        response = self.client.get(url("resultcase", "list"))
        self.assertEqual(response.status_code, 200)
        headings = [th.get_text(" ", strip=True) for th in soup(response).select("thead th")]
        for heading in ["Treatment", "Sessions", "Time between", "Practitioner", "Consent"]:
            self.assertIn(heading, headings)
        rows = [tr.get_text(" ", strip=True) for tr in soup(response).select("tbody tr")]
        self.assertIn("Withdrawn", rows[0])
        self.assertIn("4 months", rows[0])
        self.assertIn("Valid until 3 March 2099", rows[1])
        self.assertIn("draft", rows[1].lower())
        self.assertNotIn(REFERENCE, response.content.decode())
        self.assertNotIn("R-2025-002", response.content.decode())

    def test_the_case_list_filters_by_treatment(self):
        other = make_treatment(self.treatment.get_parent().specific, "Facial massage")
        self.make_case(time_between="6 weeks")
        self.make_case(treatment=other, time_between="9 weeks")
        self.client.force_login(self.editor)
        response = self.client.get(url("resultcase", "list"), {"treatment": other.pk})
        self.assertContains(response, "9 weeks")
        self.assertNotContains(response, "6 weeks")

    def test_the_case_list_costs_the_same_queries_for_3_cases_as_for_20(self):
        self.client.force_login(self.editor)

        def queries(count):
            ResultCase.objects.all().delete()
            for _ in range(count):
                self.make_case()
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(url("resultcase", "list")).status_code, 200)
            return len(captured)

        self.assertEqual(queries(3), queries(20))

    def test_site_managers_list_consent_records_by_number_scope_and_status(self):
        ConsentRecord.objects.create(
            patient_reference="R-2025-002",
            signed_on=datetime.date(2025, 5, 1),
            scope_social=True,
            withdrawn_on=days(-1),
        )
        self.client.force_login(self.manager)
        response = self.client.get(url("consentrecord", "list"))
        headings = [th.get_text(" ", strip=True) for th in soup(response).select("thead th")]
        for heading in ["#", "Signed", "Scope", "Expires", "Status"]:
            self.assertIn(heading, headings)
        rows = [tr.get_text(" ", strip=True) for tr in soup(response).select("tbody tr")]
        self.assertIn(f"#{self.consent.pk}", rows[0])
        self.assertIn("Valid until 3 March 2099", rows[0])
        self.assertIn("this website, social media", rows[1])
        self.assertIn("Withdrawn", rows[1])
        self.assertNotIn(REFERENCE, response.content.decode())
        # The reference finds its record (a patient asking to withdraw quotes it).
        found = self.client.get(url("consentrecord", "list"), {"q": REFERENCE})
        self.assertEqual([f"#{self.consent.pk}" in row for row in self.rows(found)], [True])

    def rows(self, response):
        return [tr.get_text(" ", strip=True) for tr in soup(response).select("tbody tr")]


# --- Creating a case -----------------------------------------------------------------


class CreatingACaseTests(ResultsAdminTestCase):
    def test_an_editor_chooses_a_consent_record_by_its_number_and_status_only(self):
        ConsentRecord.objects.create(
            patient_reference="R-2025-002", signed_on=days(-400), withdrawn_on=days(-1)
        )
        self.client.force_login(self.editor)
        response = self.client.get(url("resultcase", "add"))
        self.assertEqual(response.status_code, 200)
        options = [
            option.get_text(strip=True)
            for option in soup(response).select("select[name=consent] option")
        ]
        self.assertEqual(
            options,
            [
                "Choose the patient's consent record",
                f"Consent record #{self.consent.pk} · Valid until 3 March 2099",
            ],
            "a withdrawn record cannot be chosen",
        )
        self.assertNotIn(REFERENCE, response.content.decode())

        response = self.create_as(self.editor)
        self.assertEqual(response.status_code, 302)
        case = ResultCase.objects.get()
        self.assertEqual(case.consent, self.consent)
        self.assertFalse(case.live, "a draft until a clinical reviewer approves it")
        edit_page = self.client.get(url("resultcase", "edit", case.pk))
        self.assertContains(
            edit_page, f"Consent record #{self.consent.pk} · Valid until 3 March 2099"
        )
        self.assertNotIn(REFERENCE, edit_page.content.decode())

    def test_a_case_without_consent_is_not_saved(self):
        response = self.create_as(self.editor, consent="")
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Choose the patient's consent record: a case cannot be saved without one.",
            text(response),
        )
        self.assertFalse(ResultCase.objects.exists())

    def test_a_withdrawn_consent_cannot_be_chosen_by_posting_it(self):
        self.consent.withdrawn_on = days(-1)
        self.consent.save()
        response = self.create_as(self.editor)
        self.assertIn("That consent record does not allow this website", text(response))
        self.assertFalse(ResultCase.objects.exists())

    def test_a_case_without_the_unretouched_declaration_is_not_saved(self):
        response = self.create_as(self.editor, photos_unretouched=None)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Confirm the photos are unretouched and comparable.", text(response))
        self.assertFalse(ResultCase.objects.exists())

    def test_a_case_keeps_its_withdrawn_consent_listed_with_its_status(self):
        case = self.make_case()
        self.consent.withdrawn_on = days(-1)
        self.consent.save()
        self.client.force_login(self.editor)
        response = self.client.get(url("resultcase", "edit", case.pk))
        selected = soup(response).select_one("select[name=consent] option[selected]")
        self.assertEqual(
            selected.get_text(strip=True), f"Consent record #{self.consent.pk} · Withdrawn"
        )


# --- The claims check ----------------------------------------------------------------


class ClaimsCheckTests(ResultsAdminTestCase):
    def test_risky_wording_in_a_caption_is_reported_to_the_editor(self):
        response = self.create_as(self.editor, caption="Clear skin, guaranteed.")
        self.assertEqual(response.status_code, 302)
        case = ResultCase.objects.get()
        response = self.client.get(url("resultcase", "edit", case.pk))
        self.assertIn(
            "The claims check found risky wording: “guaranteed” in Caption", text(response)
        )

    def test_the_alt_texts_are_checked_too_and_reported_after_submitting(self):
        response = self.create_as(
            self.editor,
            after_alt="The same cheek, scars gone for good: permanent",
            **{"action-submit": "Submit"},
        )
        self.assertEqual(response.status_code, 302)
        messages = text(self.client.get(response["Location"]))
        self.assertIn("“permanent” in After › After photo alt text", messages)

    def test_only_a_clinical_reviewer_publishes_flagged_wording(self):
        # A site that lets a group publish cases without clinical rights.
        publishers = Group.objects.create(name="Case publishers")
        publishers.permissions.add(
            Permission.objects.get(codename="access_admin"),
            *Permission.objects.filter(
                content_type__app_label="treatments_results",
                codename__in=["add_resultcase", "change_resultcase", "publish_resultcase"],
            ),
        )
        publisher = User.objects.create_user("pat", "pat@example.com", "pw")
        publisher.groups.add(publishers)
        response = self.create_as(
            publisher, caption="A painless way to clear skin.", **{"action-publish": "Publish"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Only a clinical reviewer can publish this page while it uses wording the claims "
            "check flags: “painless” (Caption).",
            text(response),
        )
        self.assertFalse(ResultCase.objects.exists())

        response = self.create_as(publisher, **{"action-publish": "Publish"})
        self.assertEqual(response.status_code, 302, "calm wording is published")
        self.assertTrue(ResultCase.objects.get().live)


# --- Clinical review -----------------------------------------------------------------


class ClinicalReviewTests(ResultsAdminTestCase):
    def submit(self, **fields):
        response = self.create_as(self.editor, **fields, **{"action-submit": "Submit"})
        self.assertEqual(response.status_code, 302)
        return ResultCase.objects.get()

    def workflow_action(self, user, case, action):
        self.client.force_login(user)
        task_state = case.current_workflow_task_state
        return self.client.post(
            url("resultcase", "workflow_action", case.pk, action, task_state.pk), {"comment": ""}
        )

    def test_an_editor_submits_a_case_and_a_clinical_reviewer_puts_it_live(self):
        self.client.force_login(self.editor)
        add_page = self.client.get(url("resultcase", "add"))
        self.assertIn(
            "action-submit", {b.get("name") for b in soup(add_page).select("button[name]")}
        )
        self.assertNotIn(
            "action-publish", {b.get("name") for b in soup(add_page).select("button[name]")}
        )

        case = self.submit()
        state = case.current_workflow_state
        self.assertEqual((state.workflow.name, state.status), ("Clinical review", "in_progress"))
        self.assertFalse(case.live)
        self.assertFalse(ResultCase.objects.shown().exists())

        # The reviewer sees Approve on the case (no practitioner entry is needed for a case).
        self.client.force_login(self.reviewer)
        edit_page = self.client.get(url("resultcase", "edit", case.pk))
        self.assertRegex(edit_page.content.decode(), re.compile(r"Approve", re.I))
        response = self.workflow_action(self.reviewer, case, "approve")
        self.assertEqual(response.status_code, 302)
        case = ResultCase.objects.get(pk=case.pk)
        self.assertTrue(case.live)
        self.assertEqual(list(ResultCase.objects.shown()), [case])
        self.assertEqual(WorkflowState.objects.get(pk=state.pk).status, "approved")

    def test_a_reviewer_can_send_a_case_back(self):
        case = self.submit()
        self.workflow_action(self.reviewer, case, "reject")
        case = ResultCase.objects.get(pk=case.pk)
        self.assertFalse(case.live)
        self.assertEqual(case.current_workflow_state.status, WorkflowState.STATUS_NEEDS_CHANGES)

    def test_finishing_the_review_refuses_flagged_wording_to_an_approver_without_the_right(self):
        case = self.submit(caption="Results guaranteed.")
        with self.assertRaisesMessage(PermissionDenied, "“guaranteed” (Caption)"):
            publish_approved(case.current_workflow_state, user=self.editor)
        self.assertFalse(ResultCase.objects.get(pk=case.pk).live)
        publish_approved(case.current_workflow_state, user=self.reviewer)
        self.assertTrue(ResultCase.objects.get(pk=case.pk).live)
