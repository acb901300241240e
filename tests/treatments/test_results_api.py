"""Before-and-after results in the APIs: `/api/clinic/v1/results/`, one result, and the
`results` of a treatment (clinic API and API v2).

A front end gets a case only while its patient's consent allows the website, checked on
every request, and never learns anything about the consent itself."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.tests.utils import Image, get_test_image_file

from treatments.api.results import ResultCaseDetail, ResultCaseList
from treatments.models import Practitioner
from treatments.results.models import ConsentRecord, ResultCase, ResultsIndexPage

from .factories import build_indexes, make_condition, make_treatment
from .test_api_speed import validated

# What no response may contain: the consent record's fields and values, and the patient's
# reference (which the uploaded photos' titles carry, as careless uploads would).
REFERENCE = "R-2026-014"
SECRETS = (REFERENCE, "consent", "patient_reference", "signed", "withdrawn", "expires", "scope")
CASE_KEYS = [
    "id",
    "treatment",
    "conditions",
    "practitioner",
    "sessions",
    "time_between",
    "before",
    "after",
    "caption",
]


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def clinic(site_root):
    treatments, conditions = build_indexes(site_root)
    scars = make_condition(conditions, "Acne scars")
    lines = make_condition(conditions, "Fine lines")
    return {
        "scars": scars,
        "lines": lines,
        "needling": make_treatment(treatments, "Microneedling", [scars, lines]),
        "acupuncture": make_treatment(treatments, "Facial acupuncture", [lines]),
        "priya": Practitioner.objects.create(name="Priya Nair", slug="priya-nair", role="Nurse"),
    }


def consent(**fields):
    fields = {"patient_reference": REFERENCE, "signed_on": days(-30), **fields}
    return ConsentRecord.objects.create(**fields)


def photo(which):
    return Image.objects.create(title=f"{REFERENCE} {which}", file=get_test_image_file())


def make_case(treatment, conditions=(), consent_record=None, **fields):
    fields = {
        "sessions": 3,
        "time_between": "12 weeks",
        "before_alt": "Cheek with rolling scars, before",
        "after_alt": "The same cheek with shallower scars after three sessions",
        "caption": "Shallower scars after three sessions.",
        "photos_unretouched": True,
        **fields,
    }
    case = ResultCase.objects.create(
        treatment=treatment,
        consent=consent_record or consent(),
        before_image=photo("before"),
        after_image=photo("after"),
        **fields,
    )
    case.conditions.set(conditions)
    case.save()  # a ParentalManyToManyField is written when its case is saved
    return case


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def ids(listing):
    return [item["id"] for item in listing["items"]]


# --- Listing and filters -------------------------------------------------------------------


def test_the_results_list_gives_each_case_typed_and_resolved_newest_first(client, clinic):
    needling, priya = clinic["needling"], clinic["priya"]
    older = make_case(needling, [clinic["scars"]], practitioner=priya)
    newer = make_case(clinic["acupuncture"], sessions=6, time_between="4 months")
    listing = get_json(client, "/api/clinic/v1/results/")
    assert listing["count"] == 2
    assert ids(listing) == [newer.pk, older.pk]
    assert listing["results_vary"].startswith("Results vary from person to person.")

    case = listing["items"][1]
    assert list(case) == CASE_KEYS
    assert case["treatment"] == {
        "id": needling.pk,
        "title": "Microneedling",
        "url": "/treatments/microneedling/",
        "type": "treatments.TreatmentPage",
    }
    assert [c["url"] for c in case["conditions"]] == ["/conditions/acne-scars/"]
    assert case["practitioner"]["name"] == "Priya Nair"
    assert (case["sessions"], case["time_between"]) == (3, "12 weeks")
    assert case["caption"] == "Shallower scars after three sessions."
    before, after = case["before"], case["after"]
    assert before["alt"] == before["title"] == "Cheek with rolling scars, before"
    assert after["alt"] == "The same cheek with shallower scars after three sessions"
    assert before["url"].startswith("http://") and before["renditions"]["card"]["width"] == 480
    assert listing["items"][0]["practitioner"] is None


def test_results_filter_by_treatment_and_condition_slug_or_id(client, clinic):
    scars = make_case(clinic["needling"], [clinic["scars"]])
    lines = make_case(clinic["needling"], [clinic["lines"]])
    jaw = make_case(clinic["acupuncture"], [clinic["lines"]])
    url = "/api/clinic/v1/results/"
    assert ids(get_json(client, url, treatment="microneedling")) == [lines.pk, scars.pk]
    assert ids(get_json(client, url, treatment=clinic["acupuncture"].pk)) == [jaw.pk]
    assert ids(get_json(client, url, condition="fine-lines")) == [jaw.pk, lines.pk]
    assert ids(get_json(client, url, condition=clinic["scars"].pk)) == [scars.pk]
    both = get_json(client, url, treatment="microneedling", condition="fine-lines")
    assert ids(both) == [lines.pk]
    assert ids(get_json(client, url, limit=1, offset=1)) == [lines.pk]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"treatment": "peels"}, "No treatment matches 'peels'. Use a treatment's slug or id."),
        ({"condition": "acne"}, "No condition matches 'acne'. Use a condition's slug or id."),
        ({"treatments": "microneedling"}, "Unknown query parameter: treatments."),
    ],
)
def test_an_unknown_filter_value_is_a_400_that_says_what_to_give(client, clinic, params, message):
    make_case(clinic["needling"])
    error = get_json(client, "/api/clinic/v1/results/", status=400, **params)
    assert error["message"].startswith(message)


def test_a_treatment_visitors_cannot_see_cannot_be_filtered_on_nor_shows_results(client, clinic):
    make_case(clinic["acupuncture"])
    clinic["acupuncture"].unpublish()
    assert get_json(client, "/api/clinic/v1/results/")["count"] == 0
    get_json(client, "/api/clinic/v1/results/", status=400, treatment="facial-acupuncture")


# --- One case --------------------------------------------------------------------------------


def test_one_result_is_the_listed_case_with_the_results_vary_statement(client, clinic):
    case = make_case(clinic["needling"], [clinic["scars"]], practitioner=clinic["priya"])
    listed = get_json(client, "/api/clinic/v1/results/")["items"][0]
    detail = get_json(client, f"/api/clinic/v1/results/{case.pk}/")
    assert detail == {**listed, "results_vary": detail["results_vary"]}
    assert detail["results_vary"].startswith("Results vary")


def test_an_unknown_result_is_a_json_404(client, clinic):
    error = get_json(client, "/api/clinic/v1/results/999999/", status=404)
    assert error == {"message": "No result has the id 999999."}
    assert get_json(client, "/api/clinic/v1/results/x/", status=400)["message"]


# --- Only cases with valid consent -----------------------------------------------------------


@pytest.mark.parametrize(
    "consent_fields, case_fields",
    [
        ({"withdrawn_on": days(-1)}, {}),
        ({"expires_on": days(0)}, {}),  # expired today, with no command run
        ({"scope_website": False, "scope_social": True}, {}),
        ({"signed_on": days(2)}, {}),
        ({}, {"live": False}),  # a draft, not yet through review
    ],
    ids=["withdrawn", "expired", "social-only", "signed-later", "draft"],
)
def test_a_case_without_valid_consent_is_in_no_api(client, clinic, consent_fields, case_fields):
    needling = clinic["needling"]
    shown = make_case(needling)
    hidden = make_case(needling, consent_record=consent(**consent_fields), **case_fields)
    assert ids(get_json(client, "/api/clinic/v1/results/")) == [shown.pk]
    assert ids(get_json(client, "/api/clinic/v1/results/", treatment="microneedling")) == [shown.pk]
    error = get_json(client, f"/api/clinic/v1/results/{hidden.pk}/", status=404)
    assert error == {"message": f"No result has the id {hidden.pk}."}
    for url in (f"/api/clinic/v1/treatments/{needling.pk}/", f"/api/v2/pages/{needling.pk}/"):
        assert [case["id"] for case in get_json(client, url)["results"]] == [shown.pk], url


def test_withdrawing_consent_takes_the_case_out_on_the_next_request(client, clinic):
    case = make_case(clinic["needling"])
    url = f"/api/clinic/v1/results/{case.pk}/"
    get_json(client, url)
    ConsentRecord.objects.filter(pk=case.consent_id).update(withdrawn_on=days(0))
    get_json(client, url, status=404)
    assert get_json(client, "/api/clinic/v1/results/")["count"] == 0


# --- A treatment's results and the results page -------------------------------------------


def test_a_treatment_detail_gives_its_results_in_both_apis(client, clinic):
    needling = clinic["needling"]
    first, second = make_case(needling), make_case(needling, [clinic["lines"]])
    make_case(clinic["acupuncture"])
    listed = get_json(client, "/api/clinic/v1/results/", treatment="microneedling")["items"]
    detail = get_json(client, f"/api/clinic/v1/treatments/{needling.pk}/")
    assert [case["id"] for case in detail["results"]] == [second.pk, first.pk]
    assert detail["results"] == listed
    assert get_json(client, f"/api/v2/pages/{needling.pk}/")["results"] == listed
    # Listings leave them out, as they leave out bodies.
    summary = get_json(client, "/api/clinic/v1/treatments/")["items"][0]
    assert "results" not in summary


def test_the_results_page_lists_every_shown_case(client, clinic, site_root):
    page = site_root.add_child(instance=ResultsIndexPage(title="Results", slug="results"))
    page.save_revision().publish()
    shown = make_case(clinic["needling"])
    make_case(clinic["needling"], consent_record=consent(withdrawn_on=days(0)))
    for url in (f"/api/clinic/v1/pages/{page.pk}/", f"/api/v2/pages/{page.pk}/"):
        assert [case["id"] for case in get_json(client, url)["results"]] == [shown.pk], url


# --- Never any consent data -------------------------------------------------------------------


def test_no_consent_data_or_patient_reference_in_any_response(client, clinic, site_root):
    page = site_root.add_child(instance=ResultsIndexPage(title="Results", slug="results"))
    page.save_revision().publish()
    needling = clinic["needling"]
    case = make_case(needling, consent_record=consent(expires_on=days(300), scope_print=True))
    for url in (
        "/api/clinic/v1/results/",
        f"/api/clinic/v1/results/{case.pk}/",
        f"/api/clinic/v1/treatments/{needling.pk}/",
        f"/api/clinic/v1/pages/{page.pk}/",
        f"/api/v2/pages/{needling.pk}/",
        f"/api/v2/pages/{page.pk}/",
        "/api/clinic/v1/openapi.json",
    ):
        body = get_json(client, url)
        text = str(body).casefold()
        assert "rolling scars" in text or "ResultCase" in str(body), url
        for secret in SECRETS:
            assert secret.casefold() not in text, (url, secret)
        assert days(-30).isoformat() not in text and days(300).isoformat() not in text, url


# --- The OpenAPI document -------------------------------------------------------------------


def untyped(schema, path="ResultCase"):
    """Where in `schema` a value is left untyped (an empty schema is `Any`)."""
    if not isinstance(schema, dict):
        return []
    if not schema or schema == {"title": schema.get("title")}:
        return [path]
    found = []
    for key in ("properties",):
        for name, value in schema.get(key, {}).items():
            found += untyped(value, f"{path}.{name}")
    for key in ("anyOf", "allOf", "oneOf"):
        for number, value in enumerate(schema.get(key, [])):
            found += untyped(value, f"{path}[{number}]")
    if "items" in schema:
        found += untyped(schema["items"], f"{path}[]")
    return found


def test_the_openapi_document_types_results(client, clinic):
    document = get_json(client, "/api/clinic/v1/openapi.json")
    schemas = document["components"]["schemas"]
    case = schemas["ResultCase"]
    assert list(case["properties"]) == CASE_KEYS
    assert case["properties"]["before"] == {
        "$ref": "#/components/schemas/Image",
        "description": "The before photo; its alt text describes the skin.",
    }
    assert case["properties"]["sessions"]["type"] == "integer"
    for name in ("ResultCase", "ResultCaseDetail", "ResultCaseList", "ResultPractitioner"):
        assert untyped(schemas[name], name) == []
    assert schemas["ResultCaseList"]["properties"]["items"]["items"] == {
        "$ref": "#/components/schemas/ResultCase"
    }
    listing = document["paths"]["/api/clinic/v1/results/"]["get"]
    assert {p["name"] for p in listing["parameters"]} == {
        "limit",
        "offset",
        "treatment",
        "condition",
    }
    assert set(listing["responses"]) == {"200", "400", "404"}
    detail = document["paths"]["/api/clinic/v1/results/{case_id}/"]["get"]
    assert detail["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ResultCaseDetail"
    }
    treatment = schemas["TreatmentPageDetail"]["properties"]["results"]
    assert treatment["items"] == {"$ref": "#/components/schemas/ResultCase"}


# --- Queries stay flat -------------------------------------------------------------------------


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def test_results_are_read_in_a_fixed_number_of_queries(client, clinic):
    needling, acupuncture = clinic["needling"], clinic["acupuncture"]
    conditions = [clinic["scars"], clinic["lines"]]
    for _ in range(3):
        make_case(acupuncture, conditions, practitioner=clinic["priya"])
    for _ in range(20):
        make_case(needling, conditions, practitioner=clinic["priya"])
    few = "/api/clinic/v1/results/?treatment=facial-acupuncture"
    many = "/api/clinic/v1/results/?treatment=microneedling"
    for url in (few, many):  # makes the photos' renditions, as a first visit does
        client.get(url)
    assert queries(client, few) == queries(client, many)
    for url in ("/api/clinic/v1/treatments/{}/", "/api/v2/pages/{}/"):
        client.get(url.format(acupuncture.pk))  # what a first request reads once
        assert queries(client, url.format(acupuncture.pk)) == queries(
            client, url.format(needling.pk)
        ), url


def test_results_json_is_exactly_what_validating_it_would_give(client, clinic):
    case = make_case(clinic["needling"], [clinic["scars"]], practitioner=clinic["priya"])
    for url, type_ in (
        ("/api/clinic/v1/results/", ResultCaseList),
        (f"/api/clinic/v1/results/{case.pk}/", ResultCaseDetail),
    ):
        response = client.get(url)
        assert response.content == validated(response.content, type_), url
