"""Copies of journal posts follow the publishing rules: an editor's copy of a medical post
is a draft for review, and a copy published at once passes the claims check on its new
title and slug (copies of treatments: tests/treatments/test_clinical_safeguards.py)."""

from django.urls import reverse

from blog.models import BlogPage
from tests.blog.test_editorial import JournalEditorialTestCase
from tests.treatments.factories import soup


class PostCopyTests(JournalEditorialTestCase):
    def copy(self, user, page, **data):
        self.client.force_login(user)
        url = reverse("wagtailadmin_pages:copy", args=[page.pk])
        data.setdefault("new_parent_page", page.get_parent().pk)
        return self.client.post(url, data)

    def test_an_editors_copy_of_a_medical_post_is_a_draft_for_review(self):
        post = self.make_post("Retinoids and needling", is_medical=True)
        self.client.force_login(self.editor)
        form = soup(self.client.get(reverse("wagtailadmin_pages:copy", args=[post.pk])))
        self.assertIsNone(form.select_one('input[name="publish_copies"]'))
        # Asked anyway, by a hand-made request:
        response = self.copy(
            self.editor,
            post,
            new_title="Retinoids cure acne scars permanently",
            new_slug="retinoids-cure",
            publish_copies="on",
        )
        self.assertEqual(response.status_code, 302)
        copy = BlogPage.objects.get(slug="retinoids-cure")
        self.assertFalse(copy.live)
        self.assertFalse(copy.permissions_for_user(self.editor).can_publish())

    def test_a_published_copy_passes_the_claims_check_on_its_title_and_slug(self):
        post = self.make_post("Opening hours")
        response = self.copy(
            self.editor,
            post,
            new_title="Our facials cure acne",
            new_slug="facials",
            publish_copies="on",
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "“cure” (Title)")
        response = self.copy(
            self.editor,
            post,
            new_title="Our facials",
            new_slug="guaranteed-results",
            publish_copies="on",
        )
        self.assertContains(response, "“guaranteed” (Slug)")
        self.assertFalse(BlogPage.objects.filter(title__startswith="Our facials").exists())

        response = self.copy(
            self.editor, post, new_title="Our facials", new_slug="facials", publish_copies="on"
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(BlogPage.objects.get(slug="facials").live)
