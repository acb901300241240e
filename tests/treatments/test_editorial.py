"""Editorial roles, the "Clinical review" workflow, review dates, revisions and conflicts.

The users belong to the groups the clinical review app's data migration makes
(treatments/review/migrations/0002_editorial_roles.py, docs/editorial.md). Journal posts and
the enquiry page, which the site adds, are in tests/blog/ and tests/home/ test_editorial.py.
"""

import datetime
import json

from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    Revision,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from treatments.models import (
    ClinicSettings,
    ConditionPage,
    Practitioner,
    TreatmentPage,
    twelve_months_after,
)

from .factories import build_indexes, default_site, make_condition, make_treatment, soup

EDITORS, REVIEWERS, MANAGERS = "Marketing editors", "Clinical reviewers", "Site managers"


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def action_names(response):
    """The names of the buttons in the edit form's action menu (e.g. "action-publish")."""
    return {button.get("name") for button in soup(response).select("footer button[name]")}


def treatment_form(page, **fields):
    """The edit form as a browser sends it, with `fields` changed."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "also_known_as": page.also_known_as,
        "preparation": "",
        "procedure_type": "",
        "body_location": "",
        "hero_image": "",
        "hero_image_alt": "",
        "treated_conditions": inline_formset([]),
        "practitioner_links": inline_formset([]),
        "testimonial_links": inline_formset([]),
        "prices": streamfield([]),
        "body": streamfield([]),
    }
    data.update(fields)
    return nested_form_data(data)


def latest_draft(page):
    """The page as its latest revision has it, read afresh from the database."""
    return type(page).objects.get(pk=page.pk).get_latest_revision_as_object()


def publish_form(data):
    return {**data, "action-publish": "Publish"}


class EditorialTestCase(WagtailPageTestCase):
    def setUp(self):
        self.home = default_site().root_page.specific
        self.treatments, self.conditions = build_indexes(self.home)
        self.acne = make_condition(self.conditions, "Acne")
        self.treatment = make_treatment(
            self.treatments, "Microneedling", summary="Fine needles renew the skin."
        )
        self.editor = self.member("mia", EDITORS)
        self.reviewer = self.member("amara", REVIEWERS)
        self.manager = self.member("sam", MANAGERS)
        self.amara = Practitioner.objects.create(
            name="Dr Amara Osei", credentials="MBBS, MRCP", user=self.reviewer
        )

    def member(self, username, group):
        user = User.objects.create_user(username, f"{username}@example.com", "pw")
        user.groups.add(Group.objects.get(name=group))
        return user

    def edit_as(self, user, page, data):
        self.client.force_login(user)
        return self.client.post(edit_url(page), data)


# --- Roles ------------------------------------------------------------------------


class RoleTests(EditorialTestCase):
    def test_the_migration_gives_each_role_its_rights(self):
        home_rights = {
            user: self.home.permissions_for_user(user)
            for user in (self.editor, self.reviewer, self.manager)
        }
        for user, rights in home_rights.items():
            self.assertTrue(rights.can_edit() and rights.can_publish(), user)
        self.assertFalse(self.editor.has_perm("treatments.publish_clinical_content"))
        self.assertTrue(self.reviewer.has_perm("treatments.publish_clinical_content"))
        for perm in [
            "treatments.publish_clinical_content",
            "treatments.delete_treatmentpage",
            "auth.change_user",
            "auth.change_group",
            "treatments.change_clinicsettings",
            "treatments_review.change_claimschecksettings",
            "wagtailcore.change_workflow",
        ]:
            self.assertTrue(self.manager.has_perm(perm), perm)
            self.assertFalse(self.editor.has_perm(perm), perm)
        self.assertTrue(home_rights[self.manager].can_lock())
        self.assertFalse(home_rights[self.editor].can_lock())

    def test_each_role_reaches_its_part_of_the_admin(self):
        settings_url = reverse(
            "wagtailsettings:edit", args=["treatments", "clinicsettings", default_site().pk]
        )
        ClinicSettings.for_site(default_site())
        places = {
            "/admin/users/": {self.manager},
            "/admin/workflows/list/": {self.manager},
            settings_url: {self.manager},
            "/admin/images/multiple/add/": {self.manager, self.editor},
            "/admin/snippets/treatments/practitioner/": {self.manager, self.editor, self.reviewer},
        }
        for url, allowed in places.items():
            for user in (self.editor, self.reviewer, self.manager):
                self.client.force_login(user)
                response = self.client.get(url)
                expected = 200 if user in allowed else 302  # Wagtail sends others home
                self.assertEqual(response.status_code, expected, (url, user.username))

    def test_the_clinical_review_workflow_is_reviewed_by_clinical_reviewers(self):
        workflow = Workflow.objects.get(name="Clinical review")
        [task] = [task.specific for task in workflow.tasks]
        self.assertEqual(task.name, "Clinical review")
        self.assertEqual(type(task).__name__, "ClinicalReviewTask")
        self.assertEqual([g.name for g in task.groups.all()], [REVIEWERS])
        # Wagtail's sample workflow would otherwise cover every page from the root.
        self.assertFalse(WorkflowPage.objects.exists())


# --- Publishing rights --------------------------------------------------------------


class PublishingRightsTests(EditorialTestCase):
    def test_editor_sees_no_publish_action_on_treatment_and_condition_pages(self):
        self.client.force_login(self.editor)
        for page in (self.treatment, self.acne):
            response = self.client.get(edit_url(page))
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("action-publish", action_names(response))
            self.assertIn("action-submit", action_names(response))
            self.assertContains(response, "Submit to Clinical review")

    def test_reviewer_sees_the_publish_action(self):
        self.client.force_login(self.reviewer)
        self.assertIn("action-publish", action_names(self.client.get(edit_url(self.treatment))))

    def test_direct_publish_by_an_editor_is_refused_with_403_and_nothing_changes(self):
        revisions = self.treatment.revisions.count()
        response = self.edit_as(
            self.editor,
            self.treatment,
            publish_form(treatment_form(self.treatment, summary="Edited by the editor.")),
        )
        self.assertEqual(response.status_code, 403)
        self.assertContains(response, "published by a clinical reviewer", status_code=403)
        self.treatment.refresh_from_db()
        self.assertEqual(self.treatment.summary, "Fine needles renew the skin.")
        self.assertEqual(self.treatment.revisions.count(), revisions)

    def test_create_and_publish_by_an_editor_is_refused(self):
        self.client.force_login(self.editor)
        url = reverse(
            "wagtailadmin_pages:add", args=["treatments", "treatmentpage", self.treatments.pk]
        )
        self.assertNotIn("action-publish", action_names(self.client.get(url)))
        new = TreatmentPage(title="Facial massage", slug="facial-massage", summary="Relaxing.")
        response = self.client.post(url, publish_form(treatment_form(new)))
        self.assertEqual(response.status_code, 403)
        self.assertFalse(TreatmentPage.objects.filter(slug="facial-massage").exists())

    def test_editor_creates_a_treatment_and_submits_it_for_review_in_one_go(self):
        self.client.force_login(self.editor)
        url = reverse(
            "wagtailadmin_pages:add", args=["treatments", "treatmentpage", self.treatments.pk]
        )
        self.assertContains(self.client.get(url), "Submit to Clinical review")
        new = TreatmentPage(title="Facial massage", slug="facial-massage", summary="Relaxing.")
        response = self.client.post(url, {**treatment_form(new), "action-submit": "Submit"})
        self.assertEqual(response.status_code, 302)
        page = TreatmentPage.objects.get(slug="facial-massage")
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_state.workflow.name, "Clinical review")

    def test_reviewer_publishes_a_treatment(self):
        response = self.edit_as(
            self.reviewer,
            self.treatment,
            publish_form(treatment_form(self.treatment, summary="Checked wording.")),
        )
        self.assertEqual(response.status_code, 302)
        self.treatment.refresh_from_db()
        self.assertEqual(self.treatment.summary, "Checked wording.")
        self.assertFalse(self.treatment.has_unpublished_changes)

    def test_editor_can_neither_unpublish_nor_bulk_publish_a_treatment(self):
        self.client.force_login(self.editor)
        unpublish = reverse("wagtailadmin_pages:unpublish", args=[self.treatment.pk])
        response = self.client.post(unpublish)
        self.assertRedirects(response, reverse("wagtailadmin_home"))
        self.assertTrue(TreatmentPage.objects.get(pk=self.treatment.pk).live)

        draft = make_treatment(self.treatments, "Chemical peel", live=False)
        bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        self.client.post(f"{bulk}?id={draft.pk}&id={self.treatment.pk}", {})
        self.assertFalse(TreatmentPage.objects.get(pk=draft.pk).live)
        bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
        self.client.post(f"{bulk}?id={self.treatment.pk}", {})
        self.assertTrue(TreatmentPage.objects.get(pk=self.treatment.pk).live)

    def test_only_a_site_manager_deletes_a_treatment(self):
        delete = reverse("wagtailadmin_pages:delete", args=[self.treatment.pk])
        bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        for user in (self.editor, self.reviewer):
            self.client.force_login(user)
            self.assertRedirects(self.client.post(delete), reverse("wagtailadmin_home"))
            self.client.post(f"{bulk}?id={self.treatment.pk}", {})
            self.assertTrue(TreatmentPage.objects.filter(pk=self.treatment.pk).exists())
        self.client.force_login(self.manager)
        self.client.post(delete)
        self.assertFalse(TreatmentPage.objects.filter(pk=self.treatment.pk).exists())

    def test_editor_deletes_a_draft_condition_but_not_a_live_one(self):
        draft = ConditionPage(title="Rosacea", summary="Redness.", live=False)
        self.conditions.add_child(instance=draft)
        self.client.force_login(self.editor)
        for page in (draft, self.acne):
            self.client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        self.assertFalse(ConditionPage.objects.filter(pk=draft.pk).exists())
        self.assertTrue(ConditionPage.objects.filter(pk=self.acne.pk).exists())

    def test_superusers_keep_every_right(self):
        admin = User.objects.create_superuser("root", "root@example.com", "pw")
        rights = self.treatment.permissions_for_user(admin)
        self.assertTrue(rights.can_publish() and rights.can_unpublish() and rights.can_delete())


# --- Workflow -----------------------------------------------------------------------


class ClinicalReviewWorkflowTests(EditorialTestCase):
    def submit_for_review(self, page):
        data = {**treatment_form(page), "action-submit": "Submit"}
        self.assertEqual(self.edit_as(self.editor, page, data).status_code, 302)

    def workflow_action(self, user, page, action, comment=""):
        task_state = page.current_workflow_task_state
        self.client.force_login(user)
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
        return self.client.post(url, {"comment": comment})

    def test_submit_reject_with_comment_resubmit_approve(self):
        today = timezone.localdate()
        # The editor rewrites the summary and submits it.
        data = treatment_form(self.treatment, summary="Tiny needles prompt new collagen.")
        response = self.edit_as(self.editor, self.treatment, {**data, "action-submit": "Submit"})
        self.assertEqual(response.status_code, 302)
        page = TreatmentPage.objects.get(pk=self.treatment.pk)
        state = page.current_workflow_state
        self.assertEqual((state.workflow.name, state.status), ("Clinical review", "in_progress"))
        self.assertEqual(page.summary, "Fine needles renew the skin.", "still the live text")
        self.client.force_login(self.editor)
        self.assertContains(self.client.get(edit_url(page)), "In Moderation")

        # The reviewer asks for changes; the editor sees why in the page's status panel.
        self.workflow_action(self.reviewer, page, "reject", "Say how many sessions are usual.")
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        self.client.force_login(self.editor)
        response = self.client.get(edit_url(page))
        self.assertContains(response, "Say how many sessions are usual.")
        self.assertContains(response, "Changes requested")
        self.assertContains(response, "Resubmit to Clinical review")

        # The editor resubmits the same review with the change asked for.
        data = treatment_form(page, summary="Tiny needles prompt new collagen over 3 sessions.")
        self.edit_as(self.editor, page, {**data, "action-submit": "Resubmit"})
        page.refresh_from_db()
        self.assertEqual(page.current_workflow_state.pk, state.pk)
        self.assertEqual(page.current_workflow_state.status, "in_progress")

        # Approval publishes the reviewed text with the review recorded, in the same revision.
        revisions = page.revisions.count()
        response = self.workflow_action(self.reviewer, page, "approve", "Accurate.")
        self.assertEqual(response.status_code, 302)
        page = TreatmentPage.objects.get(pk=page.pk)
        self.assertTrue(page.live)
        self.assertFalse(page.has_unpublished_changes)
        self.assertEqual(page.summary, "Tiny needles prompt new collagen over 3 sessions.")
        self.assertEqual(page.reviewed_by, self.amara)
        self.assertEqual(page.last_reviewed, today)
        self.assertEqual(page.next_review_due, twelve_months_after(today))
        self.assertEqual(page.revisions.count(), revisions)
        self.assertEqual(page.live_revision.content["reviewed_by"], self.amara.pk)
        self.assertIsNone(page.current_workflow_state)
        approved = TaskState.objects.filter(workflow_state=state, status="approved").get()
        self.assertEqual((approved.finished_by, approved.comment), (self.reviewer, "Accurate."))

    def test_a_date_the_reviewer_sets_while_approving_is_kept(self):
        self.submit_for_review(self.treatment)
        later = timezone.localdate() + datetime.timedelta(days=540)
        data = treatment_form(self.treatment, next_review_due=later.isoformat())
        data.update(
            {
                "action-workflow-action": "true",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": json.dumps({"comment": ""}),
            }
        )
        self.assertEqual(self.edit_as(self.reviewer, self.treatment, data).status_code, 302)
        page = TreatmentPage.objects.get(pk=self.treatment.pk)
        self.assertTrue(page.live and not page.has_unpublished_changes)
        self.assertEqual((page.next_review_due, page.reviewed_by), (later, self.amara))

    def test_last_years_due_date_is_replaced(self):
        today = timezone.localdate()
        self.treatment.next_review_due = today - datetime.timedelta(days=3)
        self.treatment.save_revision().publish()
        self.submit_for_review(self.treatment)
        self.workflow_action(self.reviewer, self.treatment, "approve")
        page = TreatmentPage.objects.get(pk=self.treatment.pk)
        self.assertEqual(page.next_review_due, twelve_months_after(today))

    def test_a_rejection_records_nothing(self):
        self.submit_for_review(self.treatment)
        self.workflow_action(self.reviewer, self.treatment, "reject", "Not yet.")
        page = TreatmentPage.objects.get(pk=self.treatment.pk)
        self.assertEqual((page.reviewed_by, page.last_reviewed), (None, None))
        self.assertIsNone(page.get_latest_revision().content.get("last_reviewed"))


class ReviewPanelTests(EditorialTestCase):
    def test_review_fields_are_read_only_and_the_due_date_is_for_reviewers(self):
        self.treatment.reviewed_by = self.amara
        self.treatment.save_revision()
        self.client.force_login(self.editor)
        response = self.client.get(edit_url(self.treatment))
        self.assertContains(response, "Clinical review")
        self.assertContains(response, "Dr Amara Osei")
        form = response.context["form"]
        for name in ("reviewed_by", "last_reviewed", "next_review_due"):
            self.assertNotIn(name, form.fields)
        self.client.force_login(self.reviewer)
        form = self.client.get(edit_url(self.treatment)).context["form"]
        self.assertIn("next_review_due", form.fields)
        self.assertNotIn("reviewed_by", form.fields)

    def test_an_editor_cannot_set_review_data_by_posting_it(self):
        data = treatment_form(
            self.treatment, next_review_due="2040-01-01", reviewed_by=str(self.amara.pk)
        )
        self.edit_as(self.editor, self.treatment, data)
        draft = latest_draft(self.treatment)
        self.assertEqual((draft.next_review_due, draft.reviewed_by), (None, None))

    def test_a_practitioner_is_linked_to_their_login(self):
        self.client.force_login(self.manager)
        url = reverse("wagtailsnippets_treatments_practitioner:edit", args=[self.amara.pk])
        self.assertIn("user", self.client.get(url).context["form"].fields)


# --- Revisions and conflicts ---------------------------------------------------------------


def loaded_revision(response):
    """The hidden fields that tell the server which version the form was opened on."""
    page = soup(response)
    return {
        name: page.select_one(f'input[name="{name}"]')["value"]
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


class RevisionTests(EditorialTestCase):
    def save_draft(self, user, summary):
        return self.edit_as(user, self.treatment, treatment_form(self.treatment, summary=summary))

    def test_every_save_is_a_revision_that_can_be_compared_and_restored(self):
        before = self.treatment.revisions.count()
        self.save_draft(self.editor, "First rewrite.")
        self.save_draft(self.editor, "Second rewrite.")
        self.assertEqual(self.treatment.revisions.count(), before + 2)
        first, second = list(self.treatment.revisions.order_by("pk"))[-2:]

        self.client.force_login(self.editor)
        compare = reverse(
            "wagtailadmin_pages:revisions_compare", args=[self.treatment.pk, first.pk, second.pk]
        )
        response = self.client.get(compare)
        self.assertEqual(response.status_code, 200)
        change = soup(response).select_one("td.comparison")
        self.assertEqual(change.select_one(".deletion").get_text(), "First")
        self.assertEqual(change.select_one(".addition").get_text(), "Second")

        revert = reverse("wagtailadmin_pages:revisions_revert", args=[self.treatment.pk, first.pk])
        shown = soup(self.client.get(revert)).select_one('textarea[name="summary"]').get_text()
        self.assertEqual(shown.strip(), "First rewrite.")
        response = self.client.post(revert, treatment_form(self.treatment, summary=shown.strip()))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(latest_draft(self.treatment).summary, "First rewrite.")
        self.assertEqual(self.treatment.revisions.count(), before + 3, "the old text is kept too")

    def test_a_save_based_on_an_older_version_is_refused_until_confirmed(self):
        # Both open the page; A saves first.
        self.client.force_login(self.editor)
        opened_by_a = loaded_revision(self.client.get(edit_url(self.treatment)))
        self.client.force_login(self.reviewer)
        opened_by_b = loaded_revision(self.client.get(edit_url(self.treatment)))
        a_saves = {**treatment_form(self.treatment, summary="A's wording."), **opened_by_a}
        self.assertEqual(self.edit_as(self.editor, self.treatment, a_saves).status_code, 302)

        # B saves on the version they opened: refused, B's text kept in the form.
        b_saves = {**treatment_form(self.treatment, summary="B's wording."), **opened_by_b}
        response = self.edit_as(self.reviewer, self.treatment, b_saves)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "mia saved a newer version of this page")
        self.assertContains(response, "B&#x27;s wording.")
        self.assertEqual(latest_draft(self.treatment).summary, "A's wording.")

        # The form now carries A's version: saving again replaces it knowingly.
        b_confirms = {**b_saves, **loaded_revision(response)}
        self.assertEqual(self.edit_as(self.reviewer, self.treatment, b_confirms).status_code, 302)
        self.assertEqual(latest_draft(self.treatment).summary, "B's wording.")
        history = Revision.objects.filter(object_id=str(self.treatment.pk))
        self.assertTrue(history.filter(content__summary="A's wording.").exists())

    def test_wagtail_tells_an_open_editor_about_the_newer_version(self):
        self.client.force_login(self.reviewer)
        response = self.client.get(edit_url(self.treatment))
        opened = loaded_revision(response)
        ping = response.context["editing_sessions"].ping_url
        self.save_draft(self.editor, "A's wording.")
        self.client.force_login(self.reviewer)
        response = self.client.post(
            ping,
            {
                "revision_id": opened["loaded_revision_id"],
                "revision_created_at": opened["loaded_revision_created_at"],
            },
        )
        [other] = response.json()["other_sessions"]
        self.assertEqual(
            other["revision_id"], TreatmentPage.objects.get(pk=self.treatment.pk).latest_revision_id
        )
        self.assertEqual(other["user"], "mia")

    # --- Wagtail 8's background autosave ----------------------------------------------

    def autosave(self, user, data):
        """A background autosave as the admin's script sends it: the form, as JSON."""
        self.client.force_login(user)
        response = self.client.post(edit_url(self.treatment), data, HTTP_ACCEPT="application/json")
        self.assertTrue(response.json()["success"], response.json())
        return response.json()["revision_id"]

    def test_a_save_after_the_editors_own_autosave_goes_through(self):
        self.client.force_login(self.editor)
        opened = loaded_revision(self.client.get(edit_url(self.treatment)))
        typing = {**treatment_form(self.treatment, summary="Half-typed"), **opened}
        autosaved = self.autosave(self.editor, typing)
        # The editor script keeps the autosaved revision in the form (overwrite_revision_id).
        done = {
            **treatment_form(self.treatment, summary="Finished wording."),
            **opened,
            "overwrite_revision_id": str(autosaved),
        }
        response = self.edit_as(self.editor, self.treatment, done)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(latest_draft(self.treatment).summary, "Finished wording.")
        # Saving replaced the autosave: one revision for the whole edit.
        self.assertEqual(
            TreatmentPage.objects.get(pk=self.treatment.pk).latest_revision_id, autosaved
        )

    def test_a_save_after_someone_elses_autosave_is_refused(self):
        self.client.force_login(self.editor)
        opened = loaded_revision(self.client.get(edit_url(self.treatment)))
        theirs = self.autosave(
            self.reviewer, {**treatment_form(self.treatment, summary="B's"), **opened}
        )
        # A form claiming that autosave as its own (it is not the editor's) is out of date.
        mine = {
            **treatment_form(self.treatment, summary="A's"),
            **opened,
            "overwrite_revision_id": str(theirs),
        }
        response = self.edit_as(self.editor, self.treatment, mine)
        self.assertContains(response, "amara saved a newer version of this page")
        self.assertEqual(latest_draft(self.treatment).summary, "B's")

    def test_the_editor_loads_the_script_that_keeps_the_autosaved_revision(self):
        self.client.force_login(self.editor)
        for url in (
            edit_url(self.treatment),
            reverse(
                "wagtailadmin_pages:add", args=["treatments", "conditionpage", self.conditions.pk]
            ),
        ):
            scripts = [tag.get("src", "") for tag in soup(self.client.get(url)).select("script")]
            self.assertTrue(
                any(src.endswith("treatments/admin/autosaved-revision.js") for src in scripts), url
            )
