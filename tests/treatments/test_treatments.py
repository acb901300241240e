"""Treatment and condition pages: what editors create and what visitors see."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images.tests.utils import Image, get_test_image_file
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import treatments as plugin
from treatments.models import (
    ClinicSettings,
    ConditionIndexPage,
    ConditionPage,
    Practitioner,
    PractitionerIndexPage,
    TreatmentIndexPage,
    TreatmentPage,
)

from .factories import (
    AFTERCARE,
    WHAT_TO_EXPECT,
    build_indexes,
    default_site,
    list_block,
    make_condition,
    make_treatment,
    performers,
    soup,
)


def step(title, description, duration=""):
    return {"title": title, "description": rich_text(description), "duration": duration}


# --- Admin: creating pages ----------------------------------------------------


class TreatmentAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.home = default_site().root_page.specific
        self.treatments, self.conditions = build_indexes(self.home)
        self.acne = make_condition(self.conditions, "Acne")
        self.scars = make_condition(self.conditions, "Acne scars")
        self.login()

    def treatment_form(self, conditions=None, steps=None, facts=None, **fields):
        if conditions is None:
            conditions = [
                {"condition": self.scars.pk, "note": "shallow scars"},
                {"condition": self.acne.pk},
            ]
        body = [
            (
                "what_to_expect",
                {
                    "heading": "What to expect",
                    "intro": rich_text(""),
                    "steps": list_block(
                        steps
                        or [
                            step("Consultation", "<p>We look at your skin.</p>", "15 minutes"),
                            step("Treatment", "<p>A pen glides over the skin.</p>"),
                        ]
                    ),
                },
            )
        ]
        if facts is not None:
            body.append(("session_facts", {"heading": "At a glance", **facts}))
        data = {
            "title": "Microneedling",
            "slug": "microneedling",
            "summary": "Fine needles prompt the skin to renew itself.",
            "also_known_as": "Collagen induction therapy, skin needling",
            "hero_image": "",
            "hero_image_alt": "",
            "treated_conditions": inline_formset(conditions),
            "practitioner_links": inline_formset([]),
            "testimonial_links": inline_formset([]),
            "prices": streamfield([]),
            "body": streamfield(body),
        }
        data.update(fields)
        return nested_form_data(data)

    def post_create(self, data, action_publish=True):
        url = f"/admin/pages/add/treatments/treatmentpage/{self.treatments.pk}/"
        if action_publish:
            data["action-publish"] = "Publish"
        return self.client.post(url, data)

    def test_editor_creates_a_treatment_with_ordered_conditions_and_steps(self):
        self.assertCanCreate(self.treatments, TreatmentPage, self.treatment_form())
        page = TreatmentPage.objects.get(slug="microneedling")
        self.assertEqual(
            [link.condition.title for link in page.treated_conditions.all()], ["Acne scars", "Acne"]
        )
        steps = page.block("what_to_expect").value["steps"]
        self.assertEqual([s["title"] for s in steps], ["Consultation", "Treatment"])

    def test_editor_creates_index_and_condition_pages(self):
        # One treatment list per parent: make room for the new one.
        self.treatments.delete()
        self.assertCanCreate(
            self.home,
            TreatmentIndexPage,
            nested_form_data(
                {
                    "title": "Our treatments",
                    "slug": "our-treatments",
                    "intro": rich_text("<p>Hi</p>"),
                }
            ),
        )
        self.assertCanCreate(
            self.conditions,
            ConditionPage,
            nested_form_data(
                {
                    "title": "Rosacea",
                    "slug": "rosacea",
                    "summary": "Redness that comes and goes.",
                    "hero_image": "",
                    "hero_image_alt": "",
                    "description": streamfield([("rich_text", rich_text("<p>Flushing.</p>"))]),
                }
            ),
        )

    def test_page_types_are_created_only_where_they_belong(self):
        # Which of them the site's own pages take: tests/home/test_home_page.py.
        self.assertAllowedSubpageTypes(TreatmentIndexPage, {TreatmentPage})
        self.assertAllowedSubpageTypes(ConditionIndexPage, {ConditionPage})
        self.assertAllowedSubpageTypes(TreatmentPage, set())
        self.assertAllowedSubpageTypes(ConditionPage, set())
        self.assertAllowedParentPageTypes(TreatmentPage, {TreatmentIndexPage})
        self.assertAllowedParentPageTypes(ConditionPage, {ConditionIndexPage})
        self.assertCanNotCreateAt(ConditionIndexPage, TreatmentPage)
        self.assertCanNotCreateAt(TreatmentIndexPage, ConditionPage)

    def test_a_new_treatment_and_condition_preview_before_their_first_save(self):
        for model, parent, data in (
            (
                "treatmentpage",
                self.treatments,
                self.treatment_form(title="Cupping", slug="cupping"),
            ),
            (
                "conditionpage",
                self.conditions,
                nested_form_data(
                    {
                        "title": "Melasma",
                        "slug": "melasma",
                        "summary": "Patches of darker skin.",
                        "hero_image": "",
                        "hero_image_alt": "",
                        "description": streamfield([]),
                    }
                ),
            ),
        ):
            url = reverse(
                "wagtailadmin_pages:preview_on_add", args=("treatments", model, parent.pk)
            )
            self.assertEqual(self.client.post(url, data).json()["is_valid"], True)
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, model)
            self.assertContains(
                response, "<h1>Cupping</h1>" if model == "treatmentpage" else "<h1>Melasma</h1>"
            )

    def test_every_page_type_is_previewable(self):
        treatment = make_treatment(
            self.treatments, "Facial massage", [self.acne], body=[WHAT_TO_EXPECT]
        )
        for page in (self.treatments, self.conditions):
            self.assertPageIsPreviewable(page)
        # Wagtail 8 renders StreamFields with JavaScript, so the helper cannot scrape their
        # form data from the edit page: post what the editor would.
        self.assertPageIsPreviewable(treatment, post_data=self.treatment_form())
        self.assertPageIsPreviewable(
            self.acne,
            post_data=nested_form_data(
                {
                    "title": "Acne",
                    "slug": "acne",
                    "summary": "Spots and blocked pores.",
                    "hero_image": "",
                    "hero_image_alt": "",
                    "description": streamfield([("rich_text", rich_text("<p>Spots.</p>"))]),
                }
            ),
        )

    def assert_field_error(self, response, fragment):
        self.assertEqual(response.status_code, 200, "the form should be shown again, not saved")
        self.assertContains(response, fragment)
        self.assertFalse(TreatmentPage.objects.filter(slug="microneedling").exists())

    def test_an_empty_step_is_rejected(self):
        response = self.post_create(self.treatment_form(steps=[step("", "")]))
        self.assert_field_error(response, "This field is required")

    def test_needle_length_outside_the_safe_range_is_rejected(self):
        for shortest, longest in (("0.05", "1.0"), ("0.5", "3.5")):
            response = self.post_create(
                self.treatment_form(
                    facts={"needle_length_min": shortest, "needle_length_max": longest}
                )
            )
            self.assert_field_error(response, "Ensure this value is")

    def test_shortest_needle_longer_than_longest_is_rejected(self):
        response = self.post_create(
            self.treatment_form(facts={"needle_length_min": "2.0", "needle_length_max": "1.0"})
        )
        self.assert_field_error(response, "at least as long as the shortest")

    def test_the_same_condition_twice_is_rejected(self):
        response = self.post_create(
            self.treatment_form(
                conditions=[{"condition": self.acne.pk}, {"condition": self.acne.pk}]
            )
        )
        self.assert_field_error(response, "“Acne” is already in this treatment’s list.")

    def test_hero_image_without_alt_text_is_rejected(self):
        image = Image.objects.create(title="Hero", file=get_test_image_file())
        response = self.post_create(self.treatment_form(hero_image=str(image.pk)))
        self.assert_field_error(response, "Describe the hero image")
        response = self.post_create(
            self.treatment_form(hero_image=str(image.pk), hero_image_alt="A pen device on a cheek")
        )
        self.assertEqual(response.status_code, 302)

    def test_two_what_to_expect_sections_are_rejected(self):
        data = self.treatment_form()
        data.update(
            {
                "body-count": "2",
                "body-1-type": "what_to_expect",
                "body-1-deleted": "",
                "body-1-order": "1",
                "body-1-value-heading": "Again",
                "body-1-value-intro": rich_text(""),
                **nested_form_data({"body-1-value-steps": list_block([step("A", "<p>B</p>")])}),
            }
        )
        response = self.post_create(data)
        self.assert_field_error(response, "What to expect: The maximum number of items is 1")

    def swapped_conditions_form(self, page):
        """The edit form with the page's two conditions dragged into the other order."""
        first, second = page.treated_conditions.all()
        form = self.treatment_form(
            conditions=[
                {"id": second.pk, "condition": second.condition_id, "ORDER": "0"},
                {"id": first.pk, "condition": first.condition_id, "ORDER": "1"},
            ]
        )
        form["treated_conditions-INITIAL_FORMS"] = "2"
        return form

    def test_reordering_conditions_in_the_admin_changes_the_public_order(self):
        page = make_treatment(
            self.treatments, "Microneedling", [self.scars, self.acne], slug="microneedling"
        )
        form = self.swapped_conditions_form(page)
        form["action-publish"] = "Publish"
        response = self.client.post(f"/admin/pages/{page.pk}/edit/", form)
        self.assertEqual(response.status_code, 302)

        html = self.client.get(page.url)
        items = [a.get_text() for a in soup(html).select("#what-it-treats li a")]
        self.assertEqual(items, ["Acne", "Acne scars"])

    def test_preview_shows_reordered_conditions_before_they_are_saved(self):
        page = make_treatment(
            self.treatments, "Microneedling", [self.scars, self.acne], slug="microneedling"
        )
        form = self.swapped_conditions_form(page)
        preview_url = f"/admin/pages/{page.pk}/edit/preview/"
        self.assertEqual(self.client.post(preview_url, form).json()["is_valid"], True)
        preview = self.client.get(preview_url)
        items = [a.get_text() for a in soup(preview).select("#what-it-treats li a")]
        self.assertEqual(items, ["Acne", "Acne scars"])
        # Nothing was saved: the public page keeps the published order.
        public = [
            a.get_text() for a in soup(self.client.get(page.url)).select("#what-it-treats li a")
        ]
        self.assertEqual(public, ["Acne scars", "Acne"])

    def test_editor_creates_a_team_page_and_a_practitioner_visitors_see(self):
        microneedling = make_treatment(self.treatments, "Microneedling")
        # Alphabetical order is Amy then Zoe: the editor's order must win.
        Practitioner.objects.create(name="Amy Brown", credentials="MBAcC")
        Practitioner.objects.create(name="Zoe Adams", credentials="Lic.Ac.")
        self.assertCanCreate(
            self.home,
            PractitionerIndexPage,
            nested_form_data({"title": "Our team", "slug": "team", "intro": rich_text("")}),
        )
        response = self.client.post(
            "/admin/snippets/treatments/practitioner/add/",
            {
                "name": "Dr Mira Patel",
                "role": "Acupuncturist",
                "credentials": "Lic.Ac., MBAcC",
                "slug": "",
                "registration_body": "",
                "registration_number": "",
                "photo": "",
                "bio": "Mira founded the clinic.",
            },
        )
        self.assertEqual(response.status_code, 302)
        mira = Practitioner.objects.get(name="Dr Mira Patel")
        self.assertEqual(mira.slug, "dr-mira-patel")
        # Who performs a treatment is chosen on the treatment, and published with it.
        microneedling.practitioner_links = performers(mira)
        microneedling.save_revision().publish()

        team_page = PractitionerIndexPage.objects.get(slug="team")
        html = soup(self.client.get(team_page.url))
        cards = {card.h2.get_text(): card for card in html.select(".cards .card")}
        self.assertEqual(list(cards), ["Amy Brown", "Dr Mira Patel", "Zoe Adams"])
        card = cards["Dr Mira Patel"]
        self.assertIn("Lic.Ac., MBAcC", " ".join(card.get_text().split()))
        self.assertEqual(card.find("a", string="Microneedling")["href"], microneedling.url)
        self.assertEqual(card.h2.a["href"], "/team/dr-mira-patel/")

    def test_non_web_booking_link_is_rejected_in_clinic_settings(self):
        site = default_site()
        url = f"/admin/settings/treatments/clinicsettings/{site.pk}/"
        base = {
            "name": "Clinic",
            "phone": "",
            "email": "",
            "address": "",
            "booking_provider": "link",
            "currency": "GBP",
            "opening_hours-count": "0",
            "social_links-count": "0",
        }
        response = self.client.post(url, base | {"booking_url": "ftp://book.example.com/"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Enter a web address starting with https://")
        self.assertEqual(ClinicSettings.for_site(site).booking_url, "")

        response = self.client.post(url, base | {"booking_url": "https://book.example.com/"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ClinicSettings.for_site(site).booking_url, "https://book.example.com/")


# --- Visitors -----------------------------------------------------------------


@pytest.fixture
def tree(site_root):
    treatments, conditions = build_indexes(site_root)
    return treatments, conditions


def test_treatment_index_lists_live_treatments_in_page_tree_order(client, tree):
    treatments, _ = tree
    first = make_treatment(treatments, "Facial acupuncture")
    second = make_treatment(treatments, "Facial massage")
    make_treatment(treatments, "Draft treatment", live=False)

    def titles():
        return [a.get_text() for a in soup(client.get(treatments.url)).select(".cards h2 a")]

    assert titles() == ["Facial acupuncture", "Facial massage"]
    # Dragging in the admin moves the page in the tree; the public list follows.
    second.move(first, pos="left")
    assert titles() == ["Facial massage", "Facial acupuncture"]


def test_condition_page_lists_exactly_the_live_treatments_that_treat_it(client, tree):
    treatments, conditions = tree
    acne = make_condition(conditions, "Acne")
    rosacea = make_condition(conditions, "Rosacea")
    make_treatment(treatments, "Facial acupuncture", [acne, rosacea])
    make_treatment(treatments, "Facial massage", [rosacea])
    make_treatment(treatments, "Microneedling", [acne])
    make_treatment(treatments, "Draft peel", [acne], live=False)
    withdrawn = make_treatment(treatments, "Withdrawn", [acne])
    withdrawn.unpublish()

    listed = [a.get_text() for a in soup(client.get(acne.url)).select(".cards h3 a")]
    assert listed == ["Facial acupuncture", "Microneedling"]


def test_private_treatments_are_not_listed_on_a_condition(client, tree):
    treatments, conditions = tree
    acne = make_condition(conditions, "Acne")
    hidden = make_treatment(treatments, "Members only", [acne])
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    assert "Members only" not in client.get(acne.url).content.decode()


def test_treatment_page_shows_sections_with_headings_contents_and_condition_links(client, tree):
    treatments, conditions = tree
    acne = make_condition(conditions, "Acne")
    page = make_treatment(
        treatments,
        "Microneedling",
        [acne],
        also_known_as="Collagen induction therapy",
        body=[WHAT_TO_EXPECT, AFTERCARE],
    )
    html = soup(client.get(page.url))
    assert html.h1.get_text() == "Microneedling"
    assert "Also known as Collagen induction therapy" in html.get_text()
    toc = [(a["href"], a.get_text()) for a in html.select("nav.toc a")]
    assert toc == [
        ("#what-it-treats", "What it treats"),
        ("#what-to-expect", "What to expect"),
        ("#aftercare", "Aftercare"),
    ]
    for anchor, heading in toc:
        assert html.select_one(anchor).h2.get_text() == heading
    assert html.select_one("#what-it-treats a")["href"] == acne.url
    steps = [h.get_text() for h in html.select("#what-to-expect ol.steps h3")]
    assert steps == ["Consultation", "Treatment"]


def test_preparation_notes_come_just_before_what_to_expect(client, tree):
    treatments, _ = tree
    page = make_treatment(
        treatments,
        "Microneedling",
        preparation="Stop retinoids three days before.\nCome without make-up.",
        body=[AFTERCARE, WHAT_TO_EXPECT],
    )
    html = soup(client.get(page.url))
    toc = [a.get_text() for a in html.select("nav.toc a")]
    assert toc == ["Aftercare", "Before your appointment", "What to expect"]
    section = html.select_one("#before-your-appointment")
    assert section.h2.get_text() == "Before your appointment"
    assert "Stop retinoids three days before." in section.get_text()
    # Without a what-to-expect section, the notes close the page's sections.
    page.body = [AFTERCARE]
    page.save_revision().publish()
    toc = [a.get_text() for a in soup(client.get(page.url)).select("nav.toc a")]
    assert toc == ["Aftercare", "Before your appointment"]


def test_booking_button_uses_the_clinic_booking_link(client, tree):
    treatments, _ = tree
    page = make_treatment(treatments, "Microneedling")
    assert "Book a consultation" not in client.get(page.url).content.decode()

    clinic = ClinicSettings.for_site(default_site())
    clinic.booking_url = "https://book.example.com/"
    clinic.save()
    html = soup(client.get(page.url))
    button = html.select_one("header .button-row a.button[data-booking-primary]")
    assert button["href"] == "https://book.example.com/"
    # The side panel (desktops) and the booking bar (phones) book in the same place.
    assert html.select_one(".side-panel a.button") is None  # no session facts, no panel card
    assert html.select_one("[data-booking-bar] a.button")["href"] == "https://book.example.com/"


def test_printable_aftercare_sheet(client, tree):
    treatments, _ = tree
    page = make_treatment(treatments, "Microneedling", body=[WHAT_TO_EXPECT, AFTERCARE])
    treatment_html = soup(client.get(page.url))
    link = treatment_html.find("a", string="Printable aftercare sheet")
    assert link["href"] == page.url + "aftercare/"

    sheet = client.get(link["href"])
    assert sheet.status_code == 200
    html = soup(sheet)
    assert html.h1.get_text() == "Aftercare after microneedling"
    assert "No make-up" in html.get_text()
    assert "Consultation" not in html.get_text()  # only the aftercare, not the whole page

    bare = make_treatment(treatments, "Facial massage", body=[WHAT_TO_EXPECT])
    assert client.get(bare.url + "aftercare/").status_code == 404


def test_condition_index_lists_conditions_a_to_z(client, tree):
    _, conditions = tree
    for title in ("Rosacea", "Acne", "Sun damage"):
        make_condition(conditions, title)
    listed = [a.get_text() for a in soup(client.get(conditions.url)).select(".cards h2 a")]
    assert listed == ["Acne", "Rosacea", "Sun damage"]


# --- Query counts ---------------------------------------------------------------


def count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# These tests add that the counts do not grow with the number of conditions or treatments
# listed. The ceilings are the clinic site's exact page budgets (BUDGETS in
# tests/site/test_page_queries.py, which checks that these stay equal to them): this site's
# pages cost no more, and a bare site's, without the clinic's menu and footer, less.
PAGE_QUERY_CEILINGS = {"treatment page": 27, "condition page": 14, "treatment index": 13}
TREATMENT_PAGE_QUERIES = PAGE_QUERY_CEILINGS["treatment page"]
CONDITION_PAGE_QUERIES = PAGE_QUERY_CEILINGS["condition page"]
TREATMENT_INDEX_QUERIES = PAGE_QUERY_CEILINGS["treatment index"]


def test_treatment_page_queries_do_not_grow_with_its_conditions(client, tree):
    treatments, conditions = tree
    few = [make_condition(conditions, f"Condition {i}") for i in range(2)]
    many = few + [make_condition(conditions, f"Condition {i}") for i in range(2, 20)]
    small = make_treatment(treatments, "Small", few, body=[WHAT_TO_EXPECT, AFTERCARE])
    large = make_treatment(treatments, "Large", many, body=[WHAT_TO_EXPECT, AFTERCARE])
    small_count = count_queries(client, small.url)
    assert small_count == count_queries(client, large.url)
    assert small_count <= TREATMENT_PAGE_QUERIES


def test_condition_and_index_queries_do_not_grow_with_treatments(client, tree):
    treatments, conditions = tree
    few, many = make_condition(conditions, "Few"), make_condition(conditions, "Many")
    for i in range(20):
        # Every card has its own hero image: renditions must be fetched in bulk.
        image = Image.objects.create(title=f"Hero {i}", file=get_test_image_file())
        make_treatment(
            treatments,
            f"Treatment {i}",
            [many, few] if i < 2 else [many],
            hero_image=image,
            hero_image_alt="A treatment room",
        )
    few_count = count_queries(client, few.url)
    assert few_count == count_queries(client, many.url)
    assert few_count <= CONDITION_PAGE_QUERIES
    assert count_queries(client, treatments.url) <= TREATMENT_INDEX_QUERIES


def test_the_plugin_imports_nothing_from_the_site_that_composes_it():
    plugin_folder = Path(plugin.__file__).resolve().parent  # the source, or the installed wheel
    site_apps = re.compile(r"^\s*(from|import)\s+(home|blog|clinicsite)\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(plugin_folder))
        for path in plugin_folder.rglob("*.py")
        if site_apps.search(path.read_text())
    ]
    assert offenders == []
