"""What a non-technical editor notices in the admin (issue 16, point 7).

The page explorer lists each section in its public order, inline rows are headed by the
chosen page's title, page choosers list pages A to Z, Wagtail's unused sample groups are
gone, each role's dashboard shows what it needs, and the focus outline is blue
(docs/editorial.md, "Finding your way in the admin").
"""

import datetime
import importlib
import json
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import NavigableString, TemplateString
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset

from blog.models import BlogIndexPage, BlogPage, BlogPageAuthor, BlogRelatedTreatment
from home.models import EnquiryPage, HomeFeaturedTreatment
from tests.factories import build_indexes, default_site, make_condition, make_treatment, publish
from tests.factories import soup as parse
from tests.test_editorial import treatment_form
from treatments.models import Practitioner

EDITORS, REVIEWERS, MANAGERS = "Marketing editors", "Clinical reviewers", "Site managers"
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


def text(element):
    return element.get_text(" ", strip=True)


def chooser_html(response):
    """The modal's HTML from a chooser response (Wagtail answers with JSON)."""
    return BeautifulSoup(json.loads(response.content)["html"], "html.parser")


class AdminTestCase(WagtailPageTestCase):
    def setUp(self):
        self.home = default_site().root_page.specific
        self.treatments, self.conditions = build_indexes(self.home)
        self.editor = self.member("mia", EDITORS)
        self.reviewer = self.member("amara", REVIEWERS)
        self.manager = self.member("sam", MANAGERS)

    def member(self, username, group):
        user = User.objects.create_user(username, f"{username}@example.com", "pw")
        user.groups.add(Group.objects.get(name=group))
        return user

    def get_as(self, user, url, data=None):
        self.client.force_login(user)
        response = self.client.get(url, data)
        self.assertEqual(response.status_code, 200, url)
        return response

    def make_journal(self):
        return publish(self.home, BlogIndexPage(title="Journal", slug="journal"))

    def make_post(self, journal, title, day, **fields):
        return publish(
            journal,
            BlogPage(
                title=title,
                date=day,
                summary=f"About {title.lower()}.",
                body=[{"type": "rich_text", "value": "<p>Drink water after a facial.</p>"}],
                **fields,
            ),
        )


# --- 1. The page explorer lists each section as visitors see it ----------------------------


class ExplorerOrderTests(AdminTestCase):
    def explorer_titles(self, parent, user=None):
        response = self.get_as(
            user or self.editor, reverse("wagtailadmin_explore", args=[parent.pk])
        )
        return response, [
            text(a) for a in parse(response).select("tbody td.title .title-wrapper a")
        ]

    def test_treatments_are_listed_in_the_public_order_ready_to_drag(self):
        for title in ["Microneedling", "Facial acupuncture", "Facial massage"]:
            make_treatment(self.treatments, title)
        public = [text(a) for a in parse(self.client.get("/treatments/")).select("main h2 a")]

        response, titles = self.explorer_titles(self.treatments)

        self.assertEqual(titles, ["Microneedling", "Facial acupuncture", "Facial massage"])
        self.assertEqual(titles, public)
        # Each row has its drag handle; a marketing editor's drag changes the order, in
        # the admin and on the site (reordering is not moving: treatments/permissions.py).
        handles = parse(response).select("tbody tr button[data-w-orderable-target=handle]")
        self.assertEqual(len(handles), 3)
        massage = self.treatments.get_children().get(title="Facial massage")
        move = reverse("wagtailadmin_pages:set_page_position", args=[massage.pk])
        self.assertEqual(self.client.post(f"{move}?position=0").status_code, 200)
        reordered = ["Facial massage", "Microneedling", "Facial acupuncture"]
        self.assertEqual(self.explorer_titles(self.treatments)[1], reordered)
        public = [text(a) for a in parse(self.client.get("/treatments/")).select("main h2 a")]
        self.assertEqual(public, reordered)
        # Moving a treatment out of its list is still for site managers only.
        rights = massage.specific.permissions_for_user(self.editor)
        self.assertFalse(rights.can_move())
        self.assertFalse(rights.can_move_to(self.conditions))

    def test_conditions_are_listed_a_to_z(self):
        for title in ["Rosacea", "Acne", "Melasma"]:
            make_condition(self.conditions, title)
        self.assertEqual(self.explorer_titles(self.conditions)[1], ["Acne", "Melasma", "Rosacea"])

    def test_journal_posts_are_listed_newest_first_like_the_journal(self):
        journal = self.make_journal()
        newest = self.make_post(journal, "Sun care in May", datetime.date(2025, 5, 1))
        self.make_post(journal, "Winter skin", datetime.date(2024, 12, 1))
        oldest = self.make_post(journal, "Why we opened", datetime.date(2023, 3, 1))
        oldest.save_revision(user=self.editor)  # edited last: still listed by its date
        newest.save_revision(user=self.editor)
        oldest.save_revision(user=self.editor)

        titles = self.explorer_titles(journal)[1]

        self.assertEqual(titles, ["Sun care in May", "Winter skin", "Why we opened"])
        public = [text(a) for a in parse(self.client.get("/journal/")).select("main h2 a")]
        self.assertEqual(titles, public)


# --- 2. Inline rows are headed by what they chose --------------------------------------


class InlineRowTitleTests(AdminTestCase):
    def row_headings(self, response, relation):
        html = parse(response)
        rows = html.select(f"#id_{relation}-FORMS > [data-inline-panel-child]")
        return [text(row.select_one("[data-panel-heading-text]")) for row in rows]

    def new_row_heading(self, response, relation):
        template = parse(response).select_one(f"#id_{relation}-EMPTY_FORM_TEMPLATE")
        heading = template.select_one("[data-panel-heading-text]")
        # Beautiful Soup leaves the text inside a <template> out of get_text() unless asked.
        return heading.get_text(" ", strip=True, types=(NavigableString, TemplateString))

    def test_condition_rows_show_the_chosen_conditions(self):
        rosacea = make_condition(self.conditions, "Rosacea")
        acne = make_condition(self.conditions, "Acne")
        needling = make_treatment(self.treatments, "Microneedling", conditions=[rosacea, acne])

        response = self.get_as(self.editor, reverse("wagtailadmin_pages:edit", args=[needling.pk]))

        self.assertEqual(self.row_headings(response, "treated_conditions"), ["Rosacea", "Acne"])
        # A row added with nothing chosen yet is numbered, as before.
        self.assertEqual(self.new_row_heading(response, "treated_conditions"), "Condition")
        # The heading follows the chooser as the editor picks another condition.
        script = "/static/treatments/admin/chosen-titles.js"
        self.assertIn(script, [s.get("src") for s in parse(response).select("script[src]")])
        self.assertIn("data-chosen-title-for", Path(finders.find(script[8:])).read_text())

    def test_a_form_shown_again_after_a_mistake_keeps_the_chosen_titles(self):
        acne = make_condition(self.conditions, "Acne")
        needling = make_treatment(self.treatments, "Microneedling")
        data = treatment_form(
            needling,
            title="",  # the mistake
            treated_conditions=inline_formset(
                [{"condition": acne.pk, "note": ""}, {"condition": "", "note": "later"}]
            ),
        )
        self.client.force_login(self.editor)
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[needling.pk]), data)

        self.assertEqual(response.status_code, 200)
        headings = self.row_headings(response, "treated_conditions")
        self.assertEqual(headings[0], "Acne")
        self.assertEqual(headings[1], "Condition")

    def test_post_and_home_page_rows_show_their_authors_and_treatments(self):
        needling = make_treatment(self.treatments, "Microneedling")
        amara = Practitioner.objects.create(name="Dr Amara Osei")
        post = self.make_post(
            self.make_journal(),
            "Sun care",
            datetime.date(2025, 5, 1),
            authors=[BlogPageAuthor(practitioner=amara)],
            related_treatments=[BlogRelatedTreatment(treatment=needling)],
        )
        self.home.featured_treatments.add(HomeFeaturedTreatment(treatment=needling))
        self.home.save_revision().publish()

        post_edit = self.get_as(self.editor, reverse("wagtailadmin_pages:edit", args=[post.pk]))
        self.assertEqual(self.row_headings(post_edit, "authors"), ["Dr Amara Osei"])
        self.assertEqual(self.row_headings(post_edit, "related_treatments"), ["Microneedling"])
        home_edit = self.get_as(
            self.editor, reverse("wagtailadmin_pages:edit", args=[self.home.pk])
        )
        self.assertEqual(self.row_headings(home_edit, "featured_treatments"), ["Microneedling"])


# --- 3. Page choosers list pages A to Z ------------------------------------------------


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


# --- 4. Wagtail's sample groups are gone -----------------------------------------------


class SampleGroupTests(AdminTestCase):
    def test_only_the_clinics_groups_are_offered(self):
        names = set(Group.objects.values_list("name", flat=True))
        self.assertTrue({EDITORS, REVIEWERS, MANAGERS} <= names)
        self.assertFalse(names & {"Editors", "Moderators"})

        superuser = User.objects.create_superuser("root", "root@example.com", "pw")
        groups = parse(self.get_as(superuser, reverse("wagtailusers_groups:index")))
        listed = {text(a) for a in groups.select("tbody td.title a")}
        self.assertEqual(listed, {EDITORS, REVIEWERS, MANAGERS})

    def test_a_sample_group_with_members_is_kept(self):
        migration = importlib.import_module("treatments.review.migrations.0002_editorial_roles")
        in_use = Group.objects.create(name="Editors")
        self.editor.groups.add(in_use)
        Group.objects.create(name="Moderators")

        migration.create_roles(apps, None)

        self.assertEqual(
            set(
                Group.objects.filter(name__in=["Editors", "Moderators"]).values_list(
                    "name", flat=True
                )
            ),
            {"Editors"},
        )
        self.assertIn(in_use, self.editor.groups.all())


# --- 5. Each role's dashboard ----------------------------------------------------------


class DashboardTests(AdminTestCase):
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


# --- 6. A blue focus outline -----------------------------------------------------------


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
