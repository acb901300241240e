"""Practitioner profiles: /team/<slug>/, who performs each treatment, their JSON-LD, the
clinic API's practitioners and the importer's `practitioners:` key."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from treatments.models import Practitioner, PractitionerIndexPage, TreatmentPage

from .factories import (
    build_indexes,
    default_site,
    graph,
    make_condition,
    make_treatment,
    performers,
    publish,
    soup,
)
from .test_api import get_json, make_image
from .test_importing import failed_import, run_import, write

API = "/api/clinic/v1"
SITE = "http://localhost"  # the default Site record's address


def priya_nair(**fields):
    return Practitioner.objects.create(
        name="Priya Nair",
        role="Aesthetic nurse",
        credentials="Registered Nurse, MBACN",
        registration_body="Nursing and Midwifery Council",
        registration_number="12A3456C",
        bio="Priya worked in hospital dermatology before moving into skin treatments.",
        **fields,
    )


@pytest.fixture
def clinic(site_root):
    treatments, conditions = build_indexes(site_root)
    team = publish(site_root, PractitionerIndexPage(title="Our practitioners", slug="team"))
    priya = priya_nair(photo=make_image("Priya"))
    ellen = Practitioner.objects.create(name="Ellen Okafor", role="Skin therapist")
    acne = make_condition(
        conditions,
        "Acne",
        reviewed_by=priya,
        last_reviewed=datetime.date(2026, 3, 1),
    )
    massage = make_treatment(treatments, "Facial massage", practitioner_links=performers(ellen))
    needling = make_treatment(
        treatments, "Microneedling", practitioner_links=performers(priya, ellen)
    )
    draft = make_treatment(
        treatments, "Chemical peel", live=False, practitioner_links=performers(priya)
    )
    return {
        "team": team,
        "priya": priya,
        "ellen": ellen,
        "acne": acne,
        "needling": needling,
        "massage": massage,
        "draft": draft,
        "treatments": treatments,
    }


def node(items, schema_type):
    return next(item for item in items if schema_type in item["@type"])


# --- The profile page ---------------------------------------------------------------


def test_a_profile_shows_who_they_are_and_the_live_treatments_they_perform(client, clinic):
    response = client.get("/team/priya-nair/")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text() == "Priya Nair"
    text = page.main.get_text(" ", strip=True)
    assert "Aesthetic nurse" in text
    assert "Registered with the Nursing and Midwifery Council, no. 12A3456C" in text
    assert "Priya worked in hospital dermatology" in text
    assert page.select_one(".profile__photo img")
    # Live treatments only (the draft peel is not shown), as cards linking to them.
    cards = [a["href"] for a in page.select("#profile-treatments + .cards h3 a")]
    assert cards == ["/treatments/microneedling/"]
    # The condition page she reviewed, while its published version is the reviewed one.
    reviewed = [a["href"] for a in page.select("#profile-reviewed + .condition-list a")]
    assert reviewed == ["/conditions/acne/"]


def test_a_page_published_since_its_review_leaves_the_reviewers_profile(client, clinic):
    acne = clinic["acne"]
    acne.summary = "Changed without a review."
    acne.save_revision().publish()
    assert not soup(client.get("/team/priya-nair/")).select("#profile-reviewed")


def test_an_unknown_profile_is_not_found(client, clinic):
    assert client.get("/team/nobody/").status_code == 404


def test_the_team_page_links_each_card_to_the_profile(client, clinic):
    page = soup(client.get("/team/"))
    assert [a["href"] for a in page.select(".card--person h2 a")] == [
        "/team/ellen-okafor/",
        "/team/priya-nair/",
    ]


def test_a_profile_is_a_person_of_the_clinic_for_search_engines(client, clinic):
    items = graph(client, "/team/priya-nair/")
    clinic_id = node(items, "MedicalClinic")["@id"]
    person = node(items, "Person")
    assert person["@type"] == "Person"
    assert person["url"] == f"{SITE}/team/priya-nair/"
    assert person["memberOf"] == {"@id": clinic_id}
    assert person["jobTitle"] == "Aesthetic nurse"
    assert [c["name"] for c in person["hasCredential"]] == ["Registered Nurse", "MBACN"]
    assert person["identifier"]["propertyID"] == "Nursing and Midwifery Council"
    assert person["identifier"]["value"] == "12A3456C"
    assert person["image"]["url"].startswith("http://testserver/")
    profile = node(items, "ProfilePage")
    assert profile["mainEntity"] == {"@id": person["@id"]}
    trail = node(items, "BreadcrumbList")["itemListElement"]
    assert [(crumb["name"], crumb["item"]) for crumb in trail] == [
        ("Home", f"{SITE}/"),
        ("Our practitioners", f"{SITE}/team/"),
        ("Priya Nair", f"{SITE}/team/priya-nair/"),
    ]


def test_a_doctor_is_also_an_individual_physician_practising_at_the_clinic(client, clinic):
    Practitioner.objects.filter(pk=clinic["ellen"].pk).update(is_physician=True)
    items = graph(client, "/team/ellen-okafor/")
    doctor = node(items, "IndividualPhysician")
    assert doctor["@type"] == ["Person", "IndividualPhysician"]
    assert (
        doctor["practicesAt"] == doctor["memberOf"] == {"@id": node(items, "MedicalClinic")["@id"]}
    )


def test_a_reviewer_named_on_a_page_points_to_their_profile(client, clinic):
    items = graph(client, "/conditions/acne/")
    reviewer = node(items, "MedicalWebPage")["reviewedBy"]
    assert reviewer["url"] == f"{SITE}/team/priya-nair/"
    assert reviewer["@id"] == f"{SITE}/team/priya-nair/#person"


def test_profiles_are_in_the_sitemap_beside_the_team_page(rf, clinic):
    request = rf.get("/")
    urls = [entry["location"] for entry in clinic["team"].get_sitemap_urls(request)]
    assert urls == [
        f"{SITE}/team/",
        f"{SITE}/team/ellen-okafor/",
        f"{SITE}/team/priya-nair/",
    ]


# --- Who performs a treatment ----------------------------------------------------------


def test_a_treatment_shows_who_performs_it_in_the_editors_order(client, clinic):
    page = soup(client.get("/treatments/microneedling/"))
    section = page.select_one("#who-performs-this-treatment")
    assert section.h2.get_text() == "Who performs this treatment"
    cards = section.select(".card--person")
    assert [card.h3.get_text() for card in cards] == ["Priya Nair", "Ellen Okafor"]
    assert [card.h3.a["href"] for card in cards] == ["/team/priya-nair/", "/team/ellen-okafor/"]
    assert cards[0].select_one(".card__role").get_text() == "Aesthetic nurse"
    assert cards[0].select_one("img")


def test_a_treatment_nobody_is_chosen_for_has_no_such_section(client, clinic):
    bare = make_treatment(clinic["treatments"], "Cupping")
    assert not soup(client.get(bare.url)).select("#who-performs-this-treatment")


def test_procedures_name_no_performer_for_search_engines(client, clinic):
    # schema.org gives `performer` to events only: MedicalProcedure has no such property.
    procedure = node(graph(client, "/treatments/microneedling/"), "MedicalProcedure")
    assert "performer" not in procedure


def page_queries(client, url):
    client.get(url)  # renditions made once, as on a warm site
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def grow_practitioners(treatment, total):
    people = [
        Practitioner.objects.create(name=f"Person {n}", role="Nurse", photo=make_image(f"P{n}"))
        for n in range(total)
    ]
    treatment.practitioner_links = performers(*people)
    treatment.save_revision().publish()


def test_a_treatment_page_costs_the_same_with_3_or_20_practitioners(client, clinic):
    needling = clinic["needling"]
    grow_practitioners(needling, 3)
    few = page_queries(client, needling.url)
    grow_practitioners(needling, 20)
    assert page_queries(client, needling.url) == few


def test_a_profile_costs_the_same_with_3_or_20_treatments(client, clinic):
    priya = clinic["priya"]

    def grow(total):
        for n in range(TreatmentPage.objects.filter(title__startswith="Extra").count(), total):
            make_treatment(
                clinic["treatments"],
                f"Extra {n}",
                hero_image=make_image(f"T{n}"),
                hero_image_alt="A picture",
                practitioner_links=performers(priya),
                reviewed_by=priya,
                last_reviewed=datetime.date(2026, 3, 1),
            )

    grow(3)
    few = page_queries(client, "/team/priya-nair/")
    grow(20)
    assert page_queries(client, "/team/priya-nair/") == few
    assert (
        len(soup(client.get("/team/priya-nair/")).select("#profile-treatments + .cards li")) == 21
    )


# --- The clinic API -----------------------------------------------------------------------


def test_the_api_gives_a_practitioner_by_slug_with_the_treatments_they_perform(client, clinic):
    data = get_json(client, f"{API}/practitioners/priya-nair/")
    assert {key: data[key] for key in data if key not in ("photo", "id")} == {
        "slug": "priya-nair",
        "name": "Priya Nair",
        "url": "/team/priya-nair/",
        "role": "Aesthetic nurse",
        "credentials": "Registered Nurse, MBACN",
        "registration_body": "Nursing and Midwifery Council",
        "registration_number": "12A3456C",
        "is_physician": False,
        "bio": "Priya worked in hospital dermatology before moving into skin treatments.",
        "treatments": [
            {
                "id": clinic["needling"].pk,
                "title": "Microneedling",
                "url": "/treatments/microneedling/",
                "type": "treatments.TreatmentPage",
            }
        ],
    }
    assert data["photo"]["url"].startswith("http://testserver/")
    listing = get_json(client, f"{API}/practitioners/")
    assert [person["slug"] for person in listing] == ["ellen-okafor", "priya-nair"]
    assert listing[1] == data


def test_the_api_answers_an_unknown_practitioner_with_a_json_404(client, clinic):
    data = get_json(client, f"{API}/practitioners/nobody/", status=404)
    assert data == {"message": "No practitioner has the slug 'nobody'."}


def test_a_treatment_in_the_api_lists_who_performs_it_in_the_editors_order(client, clinic):
    data = get_json(client, f"{API}/treatments/{clinic['needling'].pk}/")
    assert [(p["name"], p["url"]) for p in data["practitioners"]] == [
        ("Priya Nair", "/team/priya-nair/"),
        ("Ellen Okafor", "/team/ellen-okafor/"),
    ]


def test_the_openapi_document_types_the_practitioner_detail(client, clinic):
    document = get_json(client, f"{API}/openapi.json")
    detail = document["paths"][f"{API}/practitioners/{{slug}}/"]["get"]
    assert set(detail["responses"]) >= {"200", "404"}
    profile = document["components"]["schemas"]["PractitionerProfile"]["properties"]
    assert profile["is_physician"]["type"] == "boolean"
    assert profile["url"]["anyOf"] == [{"type": "string"}, {"type": "null"}]


# --- Editors choose and order practitioners ---------------------------------------------


class PractitionerChoiceTests(WagtailPageTestCase):
    def setUp(self):
        home = default_site().root_page.specific
        self.treatments, _ = build_indexes(home)
        self.priya = priya_nair()
        self.ellen = Practitioner.objects.create(name="Ellen Okafor")
        self.login()

    def form(self, people):
        return nested_form_data(
            {
                "title": "Microneedling",
                "slug": "microneedling",
                "summary": "Fine needles prompt the skin to renew itself.",
                "treated_conditions": inline_formset([]),
                "practitioner_links": inline_formset([{"practitioner": p.pk} for p in people]),
                "testimonial_links": inline_formset([]),
                "prices": streamfield([]),
                "body": streamfield([]),
            }
        )

    def test_editors_choose_who_performs_it_in_their_order(self):
        self.assertCanCreate(self.treatments, TreatmentPage, self.form([self.ellen, self.priya]))
        page = TreatmentPage.objects.get(slug="microneedling")
        self.assertEqual(
            [person.name for _, person in page.performed_by()], ["Ellen Okafor", "Priya Nair"]
        )

    def test_the_same_practitioner_twice_is_a_form_error(self):
        url = f"/admin/pages/add/treatments/treatmentpage/{self.treatments.pk}/"
        response = self.client.post(url, self.form([self.priya, self.ellen, self.priya]))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Priya Nair is already in “Who performs it”.")
        self.assertFalse(TreatmentPage.objects.filter(slug="microneedling").exists())


# --- Importing ------------------------------------------------------------------------


PRIYA_FILE = (
    "---\ntype: practitioner\ntitle: Priya Nair\nregistration_body: Nursing and Midwifery "
    "Council\nregistration_number: 12A3456C\n---\nPriya is a nurse.\n"
)


def test_a_treatment_file_lists_who_performs_it_in_order(site_root, tmp_path):
    build_indexes(site_root)
    write(tmp_path, "team/priya.md", PRIYA_FILE)
    write(tmp_path, "team/ellen.md", "---\ntype: practitioner\ntitle: Ellen Okafor\n---\n")
    write(
        tmp_path,
        "needling.md",
        "---\ntype: treatment\ntitle: Microneedling\nsummary: Fine needles.\n"
        "practitioners: [Ellen Okafor, Priya Nair]\n---\n",
    )
    run_import(tmp_path)
    page = TreatmentPage.objects.get(slug="microneedling").get_latest_revision_as_object()
    assert [person.name for _, person in page.performed_by()] == ["Ellen Okafor", "Priya Nair"]
    priya = Practitioner.objects.get(name="Priya Nair")
    assert (priya.slug, priya.registration) == (
        "priya-nair",
        "Registered with the Nursing and Midwifery Council, no. 12A3456C",
    )


def test_an_unknown_practitioner_in_a_treatment_file_is_an_error_at_its_line(site_root, tmp_path):
    build_indexes(site_root)
    write(
        tmp_path,
        "needling.md",
        "---\ntype: treatment\ntitle: Microneedling\nsummary: Fine needles.\n"
        "practitioners: [Nobody Known]\n---\n",
    )
    err = failed_import(tmp_path)
    assert "needling.md:5" in err
    assert "`practitioners`: there is no practitioner called ‘Nobody Known’" in err


def test_a_practitioner_file_naming_treatments_says_to_move_them(site_root, tmp_path):
    build_indexes(site_root)
    write(
        tmp_path, "priya.md", "---\ntype: practitioner\ntitle: Priya Nair\ntreatments: [x]\n---\n"
    )
    err = failed_import(tmp_path)
    assert "priya.md:4" in err
    assert "list who performs each treatment in the treatment's own file" in err
    assert "`practitioners: [Priya Nair]`" in err
