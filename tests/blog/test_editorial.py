"""Journal posts in the editorial workflow: a post is published by a marketing editor
unless it is marked as medical, when it goes through clinical review like a treatment.

Built on the plugin's editorial test case (tests/treatments/test_editorial.py): the same
roles, from the clinical review app's data migration, plus the journal.
"""

from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogIndexPage, BlogPage
from tests.treatments.factories import publish, soup
from tests.treatments.test_editorial import (
    EditorialTestCase,
    action_names,
    edit_url,
    publish_form,
)
from treatments.models import TreatmentPage


def post_form(post, **fields):
    data = {
        "title": post.title,
        "slug": post.slug,
        "date": post.date.isoformat(),
        "summary": post.summary,
        "is_medical": "on" if post.is_medical else "",
        "authors": inline_formset([]),
        "tags": "",
        "hero_image": "",
        "hero_image_alt": "",
        "body": streamfield([("rich_text", rich_text("<p>Drink water after a facial.</p>"))]),
        "related_treatments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


class JournalEditorialTestCase(EditorialTestCase):
    """The plugin's editorial set-up with a journal to write posts in."""

    def setUp(self):
        super().setUp()
        self.journal = publish(self.home, BlogIndexPage(title="Journal", slug="journal"))

    def make_post(self, title, is_medical=False, live=True):
        post = BlogPage(
            title=title,
            summary=f"About {title.lower()}.",
            is_medical=is_medical,
            live=live,
            body=[{"type": "rich_text", "value": "<p>Drink water after a facial.</p>"}],
        )
        if live:
            return publish(self.journal, post)
        self.journal.add_child(instance=post)
        post.save_revision()
        return post


class BlogPublishingTests(JournalEditorialTestCase):
    def test_editor_publishes_a_post_that_is_not_medical(self):
        post = self.make_post("Our new treatment room", live=False)
        self.client.force_login(self.editor)
        self.assertIsNone(post.get_workflow())
        response = self.client.get(edit_url(post))
        self.assertIn("action-publish", action_names(response))
        self.assertNotIn("action-submit", action_names(response))
        response = self.client.post(edit_url(post), publish_form(post_form(post)))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(BlogPage.objects.get(pk=post.pk).live)

    def test_editor_cannot_publish_a_medical_post(self):
        post = self.make_post("Retinoids and your skin", is_medical=True, live=False)
        self.client.force_login(self.editor)
        self.assertEqual(post.get_workflow().name, "Clinical review")
        response = self.client.get(edit_url(post))
        self.assertNotIn("action-publish", action_names(response))
        self.assertContains(response, "Submit to Clinical review")
        response = self.client.post(edit_url(post), publish_form(post_form(post)))
        self.assertEqual(response.status_code, 403)
        self.assertFalse(BlogPage.objects.get(pk=post.pk).live)

    def test_ticking_medical_and_publishing_at_once_is_refused_with_nothing_lost(self):
        post = self.make_post("Sun care", live=False)
        self.client.force_login(self.editor)
        data = publish_form(post_form(post, is_medical="on", summary="Use SPF every day."))
        response = self.client.post(edit_url(post), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("is_medical", response.context["form"].errors)
        self.assertContains(response, "Use SPF every day.")  # still in the form
        post.refresh_from_db()
        self.assertFalse(post.live or post.is_medical)

    def test_a_medical_draft_of_a_live_post_is_not_published_from_the_page_list(self):
        post = self.make_post("Sun care")
        post.is_medical = True
        post.save_revision()
        self.client.force_login(self.editor)
        bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        self.client.post(f"{bulk}?id={post.pk}", {})
        self.assertFalse(BlogPage.objects.get(pk=post.pk).is_medical)

    def test_reviewer_publishes_a_medical_post(self):
        post = self.make_post("Retinoids and your skin", is_medical=True, live=False)
        response = self.edit_as(self.reviewer, post, publish_form(post_form(post)))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(BlogPage.objects.get(pk=post.pk).live)


class MedicalPostWorkflowTests(JournalEditorialTestCase):
    def test_medical_posts_go_to_clinical_review_and_an_assignment_above_wins(self):
        post = self.make_post("Retinoids", is_medical=True)
        self.assertEqual(post.get_workflow().name, "Clinical review")
        self.assertIsNone(self.make_post("Opening hours").get_workflow())
        board = Workflow.objects.create(name="Board sign-off")
        task = GroupApprovalTask.objects.create(name="Board")
        board.workflow_tasks.create(task=task, sort_order=0)
        WorkflowPage.objects.create(page=self.treatments, workflow=board)
        self.assertEqual(TreatmentPage.objects.get(pk=self.treatment.pk).get_workflow(), board)
        self.assertEqual(self.acne.get_workflow().name, "Clinical review")

    def test_only_medical_posts_are_sent_to_review(self):
        post = self.make_post("Retinoids", is_medical=True, live=False)
        data = {**post_form(post, is_medical=""), "action-submit": "Submit"}
        response = self.edit_as(self.editor, post, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("is_medical", response.context["form"].errors)
        self.assertIsNone(BlogPage.objects.get(pk=post.pk).current_workflow_state)


class PostRevisionTests(JournalEditorialTestCase):
    def test_the_post_editor_loads_the_script_that_keeps_the_autosaved_revision(self):
        """As the plugin's page editors do (tests/treatments/test_editorial.py)."""
        self.client.force_login(self.editor)
        for url in (reverse("wagtailadmin_pages:add", args=["blog", "blogpage", self.journal.pk]),):
            scripts = [tag.get("src", "") for tag in soup(self.client.get(url)).select("script")]
            self.assertTrue(
                any(src.endswith("treatments/admin/autosaved-revision.js") for src in scripts), url
            )
