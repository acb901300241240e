"""What a non-technical editor notices in the admin (issue 16, point 7).

The page explorer lists each section in its public order, inline rows are headed by the
chosen page's title and Wagtail's unused sample groups are gone (docs/editorial.md,
"Finding your way in the admin"). The site's own admin comforts (page choosers A to Z,
each role's dashboard, the blue focus outline, the journal and home page rows) are tested
in tests/home/ and tests/blog/ test_admin_editor_comfort.py.
"""

import importlib
from pathlib import Path

from bs4.element import NavigableString, TemplateString
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.staticfiles import finders
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset

from .factories import build_indexes, default_site, make_condition, make_treatment
from .factories import soup as parse
from .test_editorial import treatment_form

EDITORS, REVIEWERS, MANAGERS = "Marketing editors", "Clinical reviewers", "Site managers"


def text(element):
    return element.get_text(" ", strip=True)


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


# --- 3. Wagtail's sample groups are gone -----------------------------------------------


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
