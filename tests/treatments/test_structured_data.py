"""schema.org JSON-LD that the plugin's pages carry, whatever site composes them: a
condition's possible treatments, escaping editors' text, and the procedure details
editors, the importer and the APIs set and serve (the demo clinic's JSON-LD, page by page,
is checked in tests/site/test_structured_data.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from treatments.models import TreatmentPage

from .factories import (
    build_indexes,
    graph,
    make_condition,
    make_treatment,
    one,
    soup,
)
from .test_importing import failed_import, run_import, write

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org/"


@pytest.fixture
def indexes(site_root):
    return build_indexes(site_root)


@pytest.fixture
def massage(indexes):
    """A treatment with its procedure details set, as the demo's facial massage has them."""
    return make_treatment(
        indexes[0],
        "Facial massage",
        procedure_type="NoninvasiveProcedure",
        body_location="Face, neck, shoulders and scalp",
        preparation="Come with clean skin.\nTell us about any allergies.",
    )


# --- Conditions -------------------------------------------------------------------


def test_possible_treatments_cost_the_same_queries_however_many(client, indexes):
    treatments_index, conditions_index = indexes
    condition = make_condition(conditions_index, "Melasma")
    make_treatment(treatments_index, "Chemical peel", conditions=[condition])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            graph(client, condition.url)
        return len(captured)

    queries()  # the first request of a test fills per-process caches
    before = queries()
    for title in ("Dermaplaning", "LED therapy", "Oxygen facial"):
        make_treatment(treatments_index, title, conditions=[condition])
    assert queries() == before
    names = [
        t["name"]
        for t in one(graph(client, condition.url), "MedicalCondition")["possibleTreatment"]
    ]
    assert names == ["Chemical peel", "Dermaplaning", "LED therapy", "Oxygen facial"]


def test_draft_treatments_are_not_possible_treatments(client, indexes):
    treatments_index, conditions_index = indexes
    condition = make_condition(conditions_index, "Melasma")
    make_treatment(treatments_index, "Chemical peel", conditions=[condition])
    make_treatment(treatments_index, "Secret new laser", conditions=[condition], live=False)
    condition_item = one(graph(client, condition.url), "MedicalCondition")
    assert [t["name"] for t in condition_item["possibleTreatment"]] == ["Chemical peel"]


# --- Escaping ---------------------------------------------------------------------------


def test_editor_text_cannot_break_out_of_the_script(client, indexes):
    title = "</script><script>alert(1)</script>"
    question = "Is <b>bold</b> & </SCRIPT > safe?"
    page = make_treatment(
        indexes[0],
        title,
        slug="escaping",
        summary="Ends with </script>",
        body=[
            {
                "type": "faq",
                "value": {
                    "heading": "Questions",
                    "questions": [{"question": question, "answer": "<p>Yes &amp; no.</p>"}],
                },
            }
        ],
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in html
    items = graph(client, page.url)
    assert one(items, "MedicalProcedure")["name"] == title
    assert one(items, "MedicalProcedure")["description"] == "Ends with </script>"
    faq = one(items, "FAQPage")["mainEntity"][0]
    assert faq["name"] == question
    assert faq["acceptedAnswer"]["text"] == "Yes & no."


# --- The fields behind it: admin, importer and API -------------------------------------


TREATMENT = """
    ---
    type: treatment
    title: Chemical peel
    summary: An acid solution lifts the outer layer of skin.
    procedure_type: {procedure_type}
    body_location: Face, neck
    preparation: |
      Stop retinoids a week before.
      Avoid waxing for a few days.
    ---

    Peels come in different strengths.
    """


def treatment_form(**fields):
    data = nested_form_data(
        {
            "title": "Chemical peel",
            "slug": "chemical-peel",
            "summary": "An acid solution lifts the outer layer of skin.",
            "also_known_as": "",
            "procedure_type": "NoninvasiveProcedure",
            "body_location": "Face, neck",
            "preparation": "Stop retinoids a week before.",
            "hero_image": "",
            "hero_image_alt": "",
            "treated_conditions": inline_formset([]),
            "practitioner_links": inline_formset([]),
            "testimonial_links": inline_formset([]),
            "prices": streamfield([]),
            "body": streamfield([]),
            **fields,
        }
    )
    return {**data, "action-publish": "Publish"}


def test_editors_set_the_procedure_details_in_the_admin(admin_client, client, indexes):
    add = f"/admin/pages/add/treatments/treatmentpage/{indexes[0].pk}/"
    form = soup(admin_client.get(add))
    assert form.find("select", attrs={"name": "procedure_type"}) is not None
    assert admin_client.post(add, treatment_form()).status_code == 302
    procedure = one(graph(client, "/treatments/chemical-peel/"), "MedicalProcedure")
    assert procedure["procedureType"] == f"{SCHEMA}NoninvasiveProcedure"
    assert procedure["bodyLocation"] == "Face, neck"
    assert procedure["preparation"] == "Stop retinoids a week before."


def test_the_admin_refuses_an_unknown_procedure_type(admin_client, indexes):
    add = f"/admin/pages/add/treatments/treatmentpage/{indexes[0].pk}/"
    response = admin_client.post(add, treatment_form(procedure_type="Laser"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not TreatmentPage.objects.filter(slug="chemical-peel").exists()


def test_previews_carry_the_unsaved_structured_data(admin_client, indexes, massage):
    treatments_index, conditions_index = indexes
    new_condition = f"/admin/pages/add/treatments/conditionpage/{conditions_index.pk}/preview/"
    form = nested_form_data(
        {
            "title": "Melasma",
            "slug": "melasma",
            "summary": "Patches of darker skin.",
            "hero_image": "",
            "hero_image_alt": "",
            "description": streamfield([]),
        }
    )
    assert admin_client.post(new_condition, form).json()["is_valid"]
    condition = one(graph(admin_client, new_condition), "MedicalCondition")
    assert condition["name"] == "Melasma" and "possibleTreatment" not in condition

    edit = f"/admin/pages/{massage.pk}/edit/preview/"
    form = treatment_form(
        title=massage.title, slug=massage.slug, procedure_type="SurgicalProcedure"
    )
    assert admin_client.post(edit, form).json()["is_valid"]
    procedure = one(graph(admin_client, edit), "MedicalProcedure")
    assert procedure["procedureType"] == f"{SCHEMA}SurgicalProcedure"
    assert TreatmentPage.objects.get(pk=massage.pk).procedure_type == "NoninvasiveProcedure"


def test_import_reads_the_procedure_details(indexes, tmp_path):
    path = write(tmp_path, "peel.md", TREATMENT.format(procedure_type="Non-invasive"))
    run_import(path, publish=True)
    page = TreatmentPage.objects.get(slug="chemical-peel")
    assert page.procedure_type == "NoninvasiveProcedure"
    assert page.body_location == "Face, neck"
    assert page.preparation == "Stop retinoids a week before.\nAvoid waxing for a few days."
    out, _ = run_import(path, publish=True)
    assert "unchanged" in out

    write(tmp_path, "peel.md", TREATMENT.format(procedure_type="SurgicalProcedure"))
    run_import(path, publish=True)
    assert TreatmentPage.objects.get(slug="chemical-peel").procedure_type == "SurgicalProcedure"


def test_import_refuses_an_unknown_procedure_type(indexes, tmp_path):
    path = write(tmp_path, "peel.md", TREATMENT.format(procedure_type="laser"))
    err = failed_import(path)
    assert (
        "peel.md:5: `procedure_type` is ‘laser’: use non-invasive, percutaneous or surgical" in err
    )
    assert not TreatmentPage.objects.filter(slug="chemical-peel").exists()


def test_the_api_serves_the_procedure_details(client, massage):
    page = massage
    data = client.get(f"/api/clinic/v1/treatments/{page.pk}/").json()
    assert data["procedure_type"] == "NoninvasiveProcedure"
    assert data["body_location"] == "Face, neck, shoulders and scalp"
    assert data["preparation"] == page.preparation
    v2 = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert v2["procedure_type"] == "NoninvasiveProcedure"
