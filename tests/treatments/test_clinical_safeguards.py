"""Medical content cannot reach visitors with a false "reviewed by" line or without review.

- "Medically reviewed by X on D" holds only for the version X approved: any other way of
  publishing (a direct publish, an import, a copy, a restored version) drops the line from
  the page, both APIs and the JSON-LD until the next approval, and the Reviews due report
  lists the page as "Not reviewed since changed".
- Approving needs a practitioner entry, so the line always names the real reviewer.
- Marketing editors cannot take the home page or a section list off the site.
- Copies of medical content made by editors are drafts; copies published at once pass the
  claims check on their new title and slug.

The site's own sections (its home page, the journal) and copies of journal posts are tested
in tests/site/test_composition.py and tests/blog/test_clinical_safeguards.py.
"""

import io
import json

from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text

from treatments.models import Practitioner, TreatmentPage

from .factories import soup
from .test_editorial import (
    EditorialTestCase,
    edit_url,
    latest_draft,
    publish_form,
    treatment_form,
)


def today_long():
    day = timezone.localdate()
    return f"{day.day} {day:%B %Y}"


class ReviewedByTests(EditorialTestCase):
    """The line follows the approved version, in HTML, both APIs and JSON-LD."""

    def setUp(self):
        super().setUp()
        self.submit_and_approve(self.treatment)
        self.treatment = TreatmentPage.objects.get(pk=self.treatment.pk)

    def submit_and_approve(self, page, **fields):
        data = {**treatment_form(page, **fields), "action-submit": "Submit"}
        self.assertEqual(self.edit_as(self.editor, page, data).status_code, 302)
        page = TreatmentPage.objects.get(pk=page.pk)
        task_state = page.current_workflow_task_state
        self.client.force_login(self.reviewer)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
        )
        self.assertEqual(self.client.post(url, {"comment": ""}).status_code, 302)
        self.client.logout()

    def review_everywhere(self, page):
        """What the page, API v2, the clinic content API and the JSON-LD say about its review."""
        self.client.logout()
        html = soup(self.client.get(page.url))
        line = html.select_one(".reviewed-by")
        graph = json.loads(html.find("script", type="application/ld+json").string)["@graph"]
        web_page = next(item for item in graph if item["@type"] == "MedicalWebPage")
        v2 = self.client.get(f"/api/v2/pages/{page.pk}/").json()
        clinic = self.client.get(f"/api/clinic/v1/treatments/{page.pk}/").json()
        return {
            "html": line.get_text(" ", strip=True) if line else None,
            "json-ld": (web_page.get("reviewedBy", {}).get("name"), web_page.get("lastReviewed")),
            "v2": ((v2["reviewed_by"] or {}).get("name"), v2["last_reviewed"]),
            "clinic": ((clinic["reviewed_by"] or {}).get("name"), clinic["last_reviewed"]),
        }

    def assert_reviewed_by_amara(self, page):
        today = timezone.localdate().isoformat()
        self.assertEqual(
            self.review_everywhere(page),
            {
                "html": f"Medically reviewed by Dr Amara Osei, MBBS, MRCP on {today_long()}",
                "json-ld": ("Dr Amara Osei", today),
                "v2": ("Dr Amara Osei", today),
                "clinic": ("Dr Amara Osei", today),
            },
        )

    def assert_not_reviewed(self, page):
        self.assertEqual(
            self.review_everywhere(page),
            {"html": None, "json-ld": (None, None), "v2": (None, None), "clinic": (None, None)},
        )

    def report_status(self, page):
        self.client.force_login(self.reviewer)
        response = self.client.get("/admin/reviews-due/")
        rows = {
            row.select_one("td a").get_text(strip=True): row.get_text(" ", strip=True)
            for row in soup(response).select("tbody tr")
        }
        return rows.get(page.title)

    def test_an_approval_shows_the_reviewer_everywhere(self):
        self.assert_reviewed_by_amara(self.treatment)
        self.assertIsNone(self.report_status(self.treatment), "not due for a year")

    def test_a_direct_publish_by_a_reviewer_drops_the_line_until_the_next_approval(self):
        data = publish_form(treatment_form(self.treatment, summary="New, unreviewed wording."))
        self.assertEqual(self.edit_as(self.reviewer, self.treatment, data).status_code, 302)
        page = TreatmentPage.objects.get(pk=self.treatment.pk)
        self.assertEqual(page.summary, "New, unreviewed wording.")
        self.assert_not_reviewed(page)
        self.assertIn("Not reviewed since changed", self.report_status(page))

        self.submit_and_approve(page)
        self.assert_reviewed_by_amara(TreatmentPage.objects.get(pk=page.pk))

    def test_restoring_an_old_version_drops_the_line(self):
        first = self.treatment.revisions.order_by("pk").first()
        revert = reverse("wagtailadmin_pages:revisions_revert", args=[self.treatment.pk, first.pk])
        self.client.force_login(self.reviewer)
        response = self.client.post(revert, publish_form(treatment_form(self.treatment)))
        self.assertEqual(response.status_code, 302)
        self.assert_not_reviewed(TreatmentPage.objects.get(pk=self.treatment.pk))

    def test_an_import_without_review_keys_drops_the_line(self):
        from django.core.management import call_command

        folder = self.tmp_folder()
        (folder / "microneedling.md").write_text(
            "---\ntype: treatment\ntitle: Microneedling\nsummary: Imported wording.\n---\n\n"
            "## What to expect\n\n1. **Numbing** Cream for twenty minutes.\n"
        )
        call_command(
            "import_content",
            str(folder),
            publish=True,
            publish_unreviewed=True,
            stdout=io.StringIO(),
        )
        page = TreatmentPage.objects.get(pk=self.treatment.pk)
        self.assertEqual(page.summary, "Imported wording.")
        self.assert_not_reviewed(page)

    def test_a_copy_published_by_a_reviewer_is_not_reviewed(self):
        self.client.force_login(self.reviewer)
        url = reverse("wagtailadmin_pages:copy", args=[self.treatment.pk])
        data = {
            "new_title": "Microneedling for the body",
            "new_slug": "microneedling-body",
            "new_parent_page": self.treatments.pk,
            "publish_copies": "on",
        }
        self.assertEqual(self.client.post(url, data).status_code, 302)
        copy = TreatmentPage.objects.get(slug="microneedling-body")
        self.assertTrue(copy.live)
        self.assert_not_reviewed(copy)

    def tmp_folder(self):
        import tempfile
        from pathlib import Path

        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        return Path(folder.name)


class ApprovalNeedsAPractitionerTests(EditorialTestCase):
    def setUp(self):
        super().setUp()
        data = {**treatment_form(self.treatment, summary="Checked?"), "action-submit": "Submit"}
        self.assertEqual(self.edit_as(self.editor, self.treatment, data).status_code, 302)
        # A reviewer whose login is not linked to a practitioner, and the previous reviewer.
        self.unlinked = self.member("lee", "Clinical reviewers")
        self.treatment = TreatmentPage.objects.get(pk=self.treatment.pk)

    def test_a_reviewer_without_a_practitioner_entry_is_told_how_to_get_one(self):
        self.client.force_login(self.unlinked)
        response = self.client.get(edit_url(self.treatment))
        self.assertContains(response, "your login must be linked to your entry under Practitioners")
        self.assertNotContains(response, 'data-workflow-action-name="approve"')
        self.assertContains(response, 'data-workflow-action-name="reject"')

    def test_their_approval_is_refused_and_names_no_one(self):
        task_state = self.treatment.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[self.treatment.pk, "approve", task_state.pk]
        )
        self.client.force_login(self.unlinked)
        self.client.post(url, {"comment": ""})
        page = TreatmentPage.objects.get(pk=self.treatment.pk)
        self.assertEqual(page.summary, "Fine needles renew the skin.", "nothing was published")
        self.assertIsNone(page.medical_review)
        self.assertEqual(page.current_workflow_state.status, "in_progress")

    def test_once_linked_they_approve_and_the_line_names_them(self):
        Practitioner.objects.create(name="Dr Lee Chan", credentials="MBBS", user=self.unlinked)
        task_state = self.treatment.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[self.treatment.pk, "approve", task_state.pk]
        )
        self.client.force_login(self.unlinked)
        self.assertEqual(self.client.post(url, {"comment": ""}).status_code, 302)
        page = TreatmentPage.objects.get(pk=self.treatment.pk)
        self.assertEqual(page.medical_review.reviewer.name, "Dr Lee Chan")
        self.assertEqual(page.summary, "Checked?")


class SiteSectionTests(EditorialTestCase):
    """Only site managers take the home page or a section list off the site."""

    def sections(self):
        """The pages that hold the rest of the site: here the plugin's section lists; a site
        adds its own (tests/site/test_composition.py adds the home page and the journal)."""
        return [self.treatments, self.conditions]

    def section_lists(self):
        """The sections below the home page."""
        return [section for section in self.sections() if section.pk != self.home.pk]

    def expiry_form(self):
        """A section list and its edit form, with an expiry date set."""
        return self.treatments, nested_form_data(
            {
                "title": "Treatments",
                "slug": "treatments",
                "intro": rich_text("<p>What we offer.</p>"),
                "expire_at": "2030-01-01 09:00",
                "action-publish": "Publish",
            }
        )

    def test_editors_and_reviewers_cannot_unpublish_restrict_move_or_delete_a_section(self):
        for user in (self.editor, self.reviewer):
            for section in self.sections():
                rights = section.specific.permissions_for_user(user)
                self.assertTrue(rights.can_edit() and rights.can_publish(), (user, section))
                for right in ("unpublish", "set_view_restrictions", "move", "delete"):
                    self.assertFalse(getattr(rights, f"can_{right}")(), (user, section, right))

    def test_site_managers_can(self):
        for section in self.section_lists():
            rights = section.specific.permissions_for_user(self.manager)
            for right in ("unpublish", "set_view_restrictions", "move"):
                self.assertTrue(getattr(rights, f"can_{right}")(), (section, right))

    def test_the_admin_refuses_an_editors_unpublish_and_privacy_requests(self):
        self.client.force_login(self.editor)
        for section in self.section_lists():
            unpublish = reverse("wagtailadmin_pages:unpublish", args=[section.pk])
            self.assertEqual(self.client.post(unpublish).status_code, 302)  # sent away
            privacy = reverse("wagtailadmin_pages:set_privacy", args=[section.pk])
            self.client.post(privacy, {"restriction_type": "password", "password": "x"})
        for section in self.section_lists():
            section.refresh_from_db()
            self.assertTrue(section.live, section)
        self.assertFalse(PageViewRestriction.objects.exists())
        self.client.logout()
        self.assertEqual(self.client.get(self.treatment.url).status_code, 200)

    def test_an_editor_cannot_schedule_a_section_to_expire(self):
        section, data = self.expiry_form()
        response = self.edit_as(self.editor, section, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Only site managers can set an expiry date", str(response.context["form"].errors)
        )
        section.refresh_from_db()
        self.assertIsNone(section.expire_at)


class CopyTests(EditorialTestCase):
    def copy(self, user, page, **data):
        self.client.force_login(user)
        url = reverse("wagtailadmin_pages:copy", args=[page.pk])
        data.setdefault("new_parent_page", page.get_parent().pk)
        return self.client.post(url, data)

    def test_reviewers_still_publish_copies_of_medical_content(self):
        response = self.copy(
            self.reviewer,
            self.treatment,
            new_title="Microneedling (body)",
            new_slug="microneedling-body",
            publish_copies="on",
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(TreatmentPage.objects.get(slug="microneedling-body").live)
        self.assertEqual(latest_draft(self.treatment).title, "Microneedling")
