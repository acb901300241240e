"""What a non-technical editor notices in the admin that the home app adds: page choosers
list pages A to Z, each role's dashboard shows what it needs, and the focus outline is blue
(docs/editorial.md, "Finding your way in the admin"; the plugin's own admin comforts:
tests/treatments/test_admin_editor_comfort.py).
"""

import datetime
import json
from pathlib import Path

from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from home.models import EnquiryPage
from tests.blog.test_admin_editor_comfort import JournalAdminTestCase
from tests.treatments.factories import make_condition, make_treatment, publish
from tests.treatments.factories import soup as parse
from tests.treatments.test_admin_editor_comfort import AdminTestCase, text
from treatments.models import Practitioner

ADMIN_CSS = "home/css/admin.css"

# The dashboard panels, by the id of their <section> (Wagtail's panel template adds
# "-section"): the clinic's, and Wagtail's own that the roles rely on.
QUICK_ACTIONS = "clinic-quick-actions-section"
YOUR_DRAFTS = "clinic-your-drafts-section"
REVIEWS_DUE = "clinic-reviews-due-section"
ENQUIRIES = "clinic-recent-enquiries-section"
AWAITING_YOUR_REVIEW = "awaiting-review-section"  # Wagtail's
YOUR_PAGES_IN_REVIEW = "objects-in-workflow-section"  # Wagtail's
CLINIC_PANELS = {QUICK_ACTIONS, YOUR_DRAFTS, REVIEWS_DUE, ENQUIRIES}


def chooser_html(response):
    """The modal's HTML from a chooser response (Wagtail answers with JSON)."""
    return BeautifulSoup(json.loads(response.content)["html"], "html.parser")


# --- 1. Page choosers list pages A to Z ------------------------------------------------


class ChooserOrderTests(AdminTestCase):
    def test_the_condition_chooser_lists_conditions_a_to_z_and_still_searches(self):
        for title in ["Rosacea", "Acne", "Melasma", "Dark circles"]:
            make_condition(self.conditions, title)
        self.client.force_login(self.editor)

        # What the "Choose a condition" button opens: the conditions, under their list page.
        browse = self.client.get(
            reverse("wagtailadmin_choose_page"), {"page_type": "treatments.conditionpage"}
        )
        titles = [text(a) for a in chooser_html(browse).select("a.choose-page")]
        self.assertEqual(titles, ["Acne", "Dark circles", "Melasma", "Rosacea"])

        search = self.client.get(
            reverse("wagtailadmin_choose_page_search"),
            {"page_type": "treatments.conditionpage", "q": "rosacea"},
        )
        found = BeautifulSoup(search.content, "html.parser").select("a.choose-page")
        self.assertEqual([text(a) for a in found], ["Rosacea"])

    def test_browsing_into_a_section_lists_its_pages_a_to_z(self):
        for title in ["Microneedling", "Facial massage", "Chemical peel"]:
            make_treatment(self.treatments, title)
        self.client.force_login(self.editor)
        response = self.client.get(
            reverse("wagtailadmin_choose_page_child", args=[self.treatments.pk])
        )
        rows = chooser_html(response).select("tbody tr:not(.parent-page) .title-wrapper")
        self.assertEqual(
            [text(r) for r in rows], ["Chemical peel", "Facial massage", "Microneedling"]
        )


# --- 2. Each role's dashboard ----------------------------------------------------------


class DashboardTests(JournalAdminTestCase):
    def setUp(self):
        super().setUp()
        self.journal = self.make_journal()
        Practitioner.objects.create(name="Dr Amara Osei", user=self.reviewer)

    def dashboard(self, user):
        return parse(self.get_as(user, reverse("wagtailadmin_home")))

    def panels(self, html):
        return {section["id"] for section in html.select("section.w-panel[id]")}

    def panel(self, html, panel_id):
        section = html.find(id=panel_id)
        self.assertIsNotNone(section, f"no {panel_id} panel")
        return section

    def content(self, html, panel_id):
        """What a panel shows, without its heading's anchor links."""
        return self.panel(html, panel_id).select_one(".w-panel__content")

    def submit_for_review(self, page, user):
        page.save_revision(user=user)
        page.get_workflow().start(page, user)

    def test_a_marketing_editor_sees_quick_actions_drafts_and_pages_in_review(self):
        acne = make_condition(self.conditions, "Acne")
        massage = make_treatment(self.treatments, "Facial massage")
        peel = make_treatment(self.treatments, "Chemical peel", live=False)
        in_review = make_treatment(self.treatments, "Microneedling")
        others = make_treatment(self.treatments, "LED therapy")
        massage.save_revision(user=self.editor)
        peel.save_revision(user=self.editor)  # newest
        others.save_revision(user=self.reviewer)  # someone else's draft
        self.submit_for_review(in_review, self.editor)
        acne.save_revision(user=self.editor).publish()  # published: not a draft

        html = self.dashboard(self.editor)

        self.assertTrue({QUICK_ACTIONS, YOUR_DRAFTS, YOUR_PAGES_IN_REVIEW} <= self.panels(html))
        self.assertFalse({REVIEWS_DUE, ENQUIRIES} & self.panels(html))
        actions = {text(a): a["href"] for a in self.content(html, QUICK_ACTIONS).select("a")}
        self.assertEqual(
            actions,
            {
                "Add a treatment": reverse(
                    "wagtailadmin_pages:add",
                    args=("treatments", "treatmentpage", self.treatments.pk),
                ),
                "Add a condition": reverse(
                    "wagtailadmin_pages:add",
                    args=("treatments", "conditionpage", self.conditions.pk),
                ),
                "Write a journal post": reverse(
                    "wagtailadmin_pages:add", args=("blog", "blogpage", self.journal.pk)
                ),
            },
        )
        for url in actions.values():
            self.assertEqual(self.client.get(url).status_code, 200, url)
        drafts = self.panel(html, YOUR_DRAFTS)
        self.assertEqual(
            [text(a) for a in drafts.select("td.title a")], ["Chemical peel", "Facial massage"]
        )
        self.assertEqual(
            [text(td) for td in drafts.select("tbody tr td:nth-of-type(3)")],
            ["Current page status: draft", "Current page status: live + draft"],
        )
        self.assertIn("Microneedling", text(self.panel(html, YOUR_PAGES_IN_REVIEW)))

    def test_quick_actions_only_offer_lists_that_exist(self):
        self.journal.delete()
        html = self.dashboard(self.editor)
        labels = [text(a) for a in self.content(html, QUICK_ACTIONS).select("a")]
        self.assertEqual(labels, ["Add a treatment", "Add a condition"])

    def test_a_clinical_reviewer_sees_what_awaits_them_and_reviews_due(self):
        for title in ["Acne", "Melasma", "Rosacea", "Eczema", "Dark circles"]:
            make_condition(self.conditions, title)
        needling = make_treatment(self.treatments, "Microneedling")
        make_treatment(self.treatments, "Facial massage")
        self.submit_for_review(needling, self.editor)

        html = self.dashboard(self.reviewer)

        self.assertTrue({AWAITING_YOUR_REVIEW, REVIEWS_DUE} <= self.panels(html))
        self.assertFalse({QUICK_ACTIONS, YOUR_DRAFTS, ENQUIRIES} & self.panels(html))
        self.assertIn("Microneedling", text(self.panel(html, AWAITING_YOUR_REVIEW)))
        due = self.panel(html, REVIEWS_DUE)
        self.assertIn("7 pages need a clinical review", text(due))
        self.assertEqual(len(due.select("tbody tr")), 5)  # the most urgent few
        self.assertIn("Never reviewed", text(due.select_one("tbody tr")))
        report = reverse("treatments_reviews_due")
        self.assertIn(report, [a["href"] for a in due.select(".w-panel__content a")])
        self.assertEqual(self.client.get(report).status_code, 200)

    def test_a_site_manager_sees_recent_enquiries_and_reviews_due(self):
        make_condition(self.conditions, "Acne")
        contact = publish(self.home, EnquiryPage(title="Contact us", slug="contact"))
        for name in ["Jane Doe", "Sam Lee", "Old Enquirer"]:
            FormSubmission.objects.create(page=contact, form_data=self.enquiry(name))
        FormSubmission.objects.filter(form_data__name="Old Enquirer").update(
            submit_time=timezone.now() - datetime.timedelta(days=10)
        )

        html = self.dashboard(self.manager)

        self.assertTrue({ENQUIRIES, REVIEWS_DUE} <= self.panels(html))
        self.assertFalse({QUICK_ACTIONS, YOUR_DRAFTS} & self.panels(html))
        enquiries = self.panel(html, ENQUIRIES)
        self.assertIn("2 enquiries in the last 7 days", text(enquiries))
        listing = parse(self.client.get(enquiries.select_one(".w-panel__content a")["href"]))
        rows = text(listing.select_one("table tbody"))
        self.assertIn("Jane Doe", rows)
        self.assertIn("Sam Lee", rows)
        self.assertNotIn("Old Enquirer", rows)
        self.assertIn("1 page needs a clinical review", text(self.panel(html, REVIEWS_DUE)))
        # Nobody else reads enquiries, so nobody else is told about them.
        for user in (self.editor, self.reviewer):
            self.assertNotIn(ENQUIRIES, self.panels(self.dashboard(user)))

    def test_a_superuser_sees_every_panel(self):
        superuser = User.objects.create_superuser("root", "root@example.com", "pw")
        self.assertTrue(CLINIC_PANELS <= self.panels(self.dashboard(superuser)))

    def enquiry(self, name):
        return {
            "name": name,
            "email": f"{name.split()[0].lower()}@example.com",
            "phone": "",
            "treatment": "Not sure yet",
            "message": "",
            "consent": True,
        }

    # Queries do not grow with the number of rows.

    def dashboard_queries(self, user, panel_id):
        """The queries of a dashboard, and the number of rows its `panel_id` panel lists."""
        self.client.force_login(user)
        self.client.get(reverse("wagtailadmin_home"))  # caches warmed, as on a running site
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(reverse("wagtailadmin_home"))
        rows = self.panel(parse(response), panel_id).select("tbody tr")
        return len(queries), len(rows)

    def test_the_editors_dashboard_costs_the_same_with_many_drafts(self):
        def add_drafts(titles):
            for title in titles:
                make_treatment(self.treatments, title, live=False).save_revision(user=self.editor)

        add_drafts(["Peel 1", "Peel 2"])
        few, rows = self.dashboard_queries(self.editor, YOUR_DRAFTS)
        self.assertEqual(rows, 2)
        add_drafts([f"Peel {n}" for n in range(3, 15)])
        many, rows = self.dashboard_queries(self.editor, YOUR_DRAFTS)
        self.assertEqual(rows, 10)  # the newest ten
        self.assertEqual(many, few)

    def test_the_reviewers_dashboard_costs_the_same_with_many_reviews_due(self):
        make_condition(self.conditions, "Acne")
        make_treatment(self.treatments, "Microneedling")
        few, rows = self.dashboard_queries(self.reviewer, REVIEWS_DUE)
        self.assertEqual(rows, 2)
        for n in range(12):
            make_condition(self.conditions, f"Condition {n}")
        many, rows = self.dashboard_queries(self.reviewer, REVIEWS_DUE)
        self.assertEqual(rows, 5)  # the most urgent five
        self.assertEqual(many, few)


# --- 3. A blue focus outline -----------------------------------------------------------


class AdminStylesheetTests(AdminTestCase):
    def test_admin_pages_load_the_clinic_stylesheet_with_a_blue_focus_outline(self):
        needling = make_treatment(self.treatments, "Microneedling")
        for url in [
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_pages:edit", args=[needling.pk]),
        ]:
            links = [
                link["href"]
                for link in parse(self.get_as(self.editor, url)).select("link[rel=stylesheet]")
            ]
            self.assertIn(f"/static/{ADMIN_CSS}", links, url)
            # After Wagtail's own, so it wins.
            self.assertGreater(
                links.index(f"/static/{ADMIN_CSS}"),
                links.index(next(link for link in links if "wagtailadmin/css/core.css" in link)),
            )
        stylesheet = Path(finders.find(ADMIN_CSS)).read_text()
        self.assertIn("--w-color-focus: #2b7fff;", stylesheet)
