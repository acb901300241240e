"""The claims check on journal posts: risky wording in a post is found, and only users
allowed to publish clinical content can publish it, however they publish (the plugin's
rules: tests/treatments/test_claims.py; a post is the page a writer may otherwise publish)."""

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
from tests.blog.test_blog import make_index, make_post
from tests.treatments.factories import default_site, soup
from tests.treatments.test_claims import CALM, text
from treatments.review.claims import Finding, page_findings


@pytest.mark.django_db
def test_a_post_body_is_checked_like_the_clinic_pages():
    page = BlogPage(title="Our journal", summary=CALM, body=[text("<p>A miracle?</p>")])
    assert page_findings(page) == [Finding("miracle", "Text")]


@pytest.mark.django_db
def test_repeated_blocks_in_a_post_are_numbered_and_a_phrase_is_listed_once_per_place():
    page = BlogPage(
        title="Journal",
        summary=CALM,
        body=[text("<p>Calm.</p>"), text("<p>Cure? A cure!</p>")],
    )
    assert page_findings(page) == [Finding("cure", "Text 2")]


class ClaimsAdminTestCase(WagtailPageTestCase):
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


class ClaimsAdminTests(ClaimsAdminTestCase):
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
