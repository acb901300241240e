"""The headless API as this site composes it (site/clinicsite/api.py): every response
checked against the OpenAPI document it serves, the journal's and the home app's endpoints
beside the plugin's, CORS for front ends on other origins, and the old /api/v3/ address.

The plugin's endpoints on their own: tests/treatments/test_api.py; posts:
tests/blog/test_api.py.
"""

import datetime
import json
from functools import cache

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi

from blog.models import BlogIndexPage, BlogPage, BlogPageAuthor, BlogRelatedTreatment
from home.models import HomePage, StandardPage
from tests.treatments.factories import (
    build_indexes,
    default_site,
    make_condition,
    make_treatment,
    performers,
    publish,
)
from tests.treatments.test_api import build_clinic, get_json, rich
from tests.treatments.test_review_dates import reviewed
from treatments.models import ClinicSettings, Practitioner

# --- Helpers ---------------------------------------------------------------------


@cache
def openapi_document():
    from django.test import Client

    return Client().get("/api/clinic/v1/openapi.json").json()


def response_schema(path, status="200"):
    """The JSON schema the OpenAPI document promises for GET `path` (a template path)."""
    document = openapi_document()
    schema = document["paths"][path]["get"]["responses"][status]["content"]["application/json"]
    return {**schema["schema"], "components": document["components"]}


def assert_matches(path, data, status="200"):
    """Validate a real response against the served OpenAPI document, formats included (a
    client generated from it checks `format: time`, `date-time`, …)."""
    validator = Draft202012Validator(
        response_schema(path, status), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def clinic_with_journal(home):
    """The plugin's pages (tests/treatments/test_api.py), a journal and two posts."""
    clinic = build_clinic(home)
    person = Practitioner.objects.get(name="Imogen Hart")
    blog = publish(home, BlogIndexPage(title="Journal", slug="blog"))
    post = BlogPage(
        title="Caring for skin after needling",
        date=datetime.date(2026, 3, 1),
        summary="What to do in the first week.",
        body=[{"type": "rich_text", "value": rich("Be gentle.")}],
        authors=[BlogPageAuthor(practitioner=person)],
        related_treatments=[BlogRelatedTreatment(treatment=clinic["needling"])],
    )
    post.tags.add("aftercare")
    publish(blog, post)
    other = BlogPage(title="Spring skin", summary="Seasonal tips.", date=datetime.date(2026, 4, 1))
    other.tags.add("seasons")
    publish(blog, other)
    return {**clinic, "post": post, "other_post": other, "blog": blog}


@pytest.fixture
def clinic(home_page):
    """Two conditions, a fully built treatment, a practitioner and a post."""
    return clinic_with_journal(home_page)


# --- The OpenAPI document -----------------------------------------------------------


def test_openapi_document_is_valid_and_types_every_block(client, db):
    document = get_json(client, "/api/clinic/v1/openapi.json")
    validate_openapi(document)
    schemas = document["components"]["schemas"]
    # A generated client knows the fields of a step and of an at-home-care item.
    assert set(schemas["Step"]["properties"]) == {"title", "description", "duration"}
    assert {"name", "frequency", "ramp_up", "materials", "cautions"} <= set(
        schemas["HomeCareItem"]["properties"]
    )
    body = schemas["TreatmentPageDetail"]["properties"]["body"]["items"]
    assert body["discriminator"]["propertyName"] == "type"
    assert set(body["discriminator"]["mapping"]) == {
        "session_facts", "what_to_expect", "benefits", "suitability", "at_home_care",
        "aftercare", "results", "faq", "provider_checklist", "safety_callout",
        "call_to_action", "rich_text", "image", "quote",
    }  # fmt: skip
    conditions = schemas["TreatmentPageDetail"]["properties"]["conditions"]
    assert conditions["items"]["$ref"].endswith("/TreatedCondition")
    # No untyped values anywhere: every schema says what it holds.
    text = json.dumps(document)
    assert '"items": {}' not in text and '"additionalProperties": true' not in text
    for name, schema in schemas.items():
        for field, spec in schema.get("properties", {}).items():
            assert spec, f"{name}.{field} is untyped"


# --- Blocks and values, in both APIs ------------------------------------------------


def test_every_treatment_block_has_its_json_shape(client, clinic):
    page = clinic["needling"]
    data = get_json(client, f"/api/clinic/v1/treatments/{page.pk}/")
    assert_matches("/api/clinic/v1/treatments/{treatment_id}/", data)
    blocks = {block["type"]: block for block in data["body"]}
    assert all(isinstance(block["id"], str) and block["id"] for block in data["body"])

    facts = blocks["session_facts"]["value"]
    assert facts["needle_length_min"] == 0.5 and facts["needle_length_max"] == 1.5
    steps = blocks["what_to_expect"]["value"]["steps"]
    assert [s["title"] for s in steps] == ["Consultation", "Treatment"]
    assert steps[1] == {
        "title": "Treatment",
        "description": "<p>Fine needles.</p>",
        "duration": "30 min",
    }
    item = blocks["at_home_care"]["value"]["items"][0]
    assert item["materials"] == [{"material": "Jade", "why": "Stays cool"}]
    assert item["cautions"] == ["Skip broken skin"] and item["ramp_up"] == "Once a week at first"
    stage = blocks["aftercare"]["value"]["stages"][0]
    assert stage == {"when": "First 24 hours", "dos": ["Use SPF"], "donts": ["No make-up"]}
    assert blocks["suitability"]["value"]["not_suitable"] == ["Keloid-prone skin"]
    assert blocks["benefits"]["value"]["items"] == ["Smoother skin"]
    assert blocks["results"]["value"] == {
        "heading": "Results", "results": "<p>Slowly.</p>", "maintenance": "",
    }  # fmt: skip
    assert blocks["call_to_action"]["value"]["link"] == "https://book.example/"
    assert blocks["quote"]["value"] == {"quote": "Calmer skin.", "attribution": "Sam"}
    assert blocks["safety_callout"]["value"]["text"] == "<p>Tell us.</p>"
    assert blocks["provider_checklist"]["value"]["items"] == ["Single-use needles"]

    # The same resolved body from API v2.
    v2 = get_json(client, f"/api/v2/pages/{page.pk}/")
    assert v2["body"] == data["body"]
    assert v2["conditions"] == data["conditions"]


def test_condition_detail_lists_its_treatments(client, clinic):
    data = get_json(client, f"/api/clinic/v1/conditions/{clinic['acne'].pk}/")
    assert_matches("/api/clinic/v1/conditions/{condition_id}/", data)
    assert [t["title"] for t in data["treatments"]] == ["Microneedling", "Facial massage"]
    assert data["treatments"][0]["hero_image"]["alt"] == "A microneedling pen"
    v2 = get_json(client, f"/api/v2/pages/{clinic['acne'].pk}/")
    assert v2["treatments"] == data["treatments"]


# --- Filters and finding pages ------------------------------------------------------


@pytest.mark.parametrize("by", ["slug", "pk"])
def test_treatments_filter_by_condition(client, clinic, by):
    value = getattr(clinic["scars"], by)
    data = get_json(client, f"/api/clinic/v1/treatments/?condition={value}")
    assert_matches("/api/clinic/v1/treatments/", data)
    assert [t["title"] for t in data["items"]] == ["Microneedling"] and data["count"] == 1
    v2 = get_json(client, f"/api/v2/pages/?type=treatments.TreatmentPage&condition={value}")
    assert [t["title"] for t in v2["items"]] == ["Microneedling"]
    everything = get_json(client, "/api/clinic/v1/treatments/")
    assert [t["title"] for t in everything["items"]] == ["Microneedling", "Facial massage"]


def test_find_by_path_in_both_apis(client, clinic):
    data = get_json(client, "/api/clinic/v1/pages/find/?html_path=/treatments/microneedling/")
    assert_matches("/api/clinic/v1/pages/find/", data)
    assert data["id"] == clinic["needling"].pk and data["type"] == "treatments.TreatmentPage"
    response = client.get("/api/v2/pages/find/?html_path=/treatments/microneedling/")
    assert response.status_code == 302
    assert f"/api/v2/pages/{clinic['needling'].pk}/" in response["Location"]
    missing = get_json(client, "/api/clinic/v1/pages/find/?html_path=/treatments/nope/", status=404)
    assert "No page at /treatments/nope/" in missing["message"]
    get_json(client, "/api/v2/pages/find/?html_path=/treatments/nope/", status=404)


def test_pages_listing_by_type_and_parent(client, clinic):
    data = get_json(client, f"/api/clinic/v1/pages/?child_of={clinic['treatments'].pk}")
    assert_matches("/api/clinic/v1/pages/", data)
    assert [p["title"] for p in data["items"]] == ["Microneedling", "Facial massage"]
    blog = get_json(client, "/api/clinic/v1/pages/?type=blog.BlogPage")
    assert {p["type"] for p in blog["items"]} == {"blog.BlogPage"} and blog["count"] == 2


def test_clinic_details_and_menu(client, clinic):
    site = default_site()
    details = ClinicSettings.for_site(site)
    details.name = "Juniper Clinic"
    details.phone = "020 7946 0000"
    details.email = "hello@clinic.example"
    details.address = "1 High Street\nLondon"
    details.booking_url = "https://book.clinic.example/"
    details.opening_hours = [
        {"type": "hours", "value": {"days": ["Mo", "Tu"], "opens": "09:00", "closes": "17:30"}}
    ]
    details.save()
    data = get_json(client, "/api/clinic/v1/settings/clinic/")
    assert_matches("/api/clinic/v1/settings/clinic/", data)
    # A wall-clock time has no UTC offset, so it is not RFC 3339's `format: time`.
    opens = openapi_document()["components"]["schemas"]["OpeningHours"]["properties"]["opens"]
    assert "format" not in json.dumps(opens)
    assert data["address_lines"] == ["1 High Street", "London"]
    assert data["opening_hours"][0]["value"] == {
        "days": ["Mo", "Tu"], "opens": "09:00:00", "closes": "17:30:00",
    }  # fmt: skip
    assert data["booking_url"] == "https://book.clinic.example/"

    for page in (clinic["treatments"], clinic["blog"]):
        page.show_in_menus = True
        page.save_revision().publish()
    menu = get_json(client, "/api/clinic/v1/menu/")
    assert_matches("/api/clinic/v1/menu/", menu)
    assert [(m["title"], m["url"]) for m in menu] == [
        ("Treatments", "/treatments/"),
        ("Journal", "/blog/"),
    ]
    home = get_json(client, f"/api/clinic/v1/pages/{clinic['treatments'].get_parent().pk}/")
    assert home["hero_button"]["url"] == "https://book.clinic.example/"


def test_every_page_type_validates_against_the_document(client, clinic, home_page):
    home = HomePage.objects.get(pk=home_page.pk)
    home.featured_treatments.create(treatment=clinic["massage"])
    home.save_revision().publish()
    publish(
        home,
        StandardPage(
            title="About us", body=[{"type": "quote", "value": {"quote": "Hi", "attribution": ""}}]
        ),
    )
    from treatments.models import PractitionerIndexPage

    publish(home, PractitionerIndexPage(title="Team", slug="team"))
    seen = set()
    listing = get_json(client, "/api/clinic/v1/pages/?limit=50")
    for item in listing["items"]:
        data = get_json(client, f"/api/clinic/v1/pages/{item['id']}/")
        assert_matches("/api/clinic/v1/pages/{page_id}/", data)
        seen.add(data["type"])
        v2 = get_json(client, f"/api/v2/pages/{item['id']}/")
        assert v2["title"] == data["title"]
    assert seen == {
        "home.HomePage", "home.StandardPage", "treatments.TreatmentIndexPage",
        "treatments.TreatmentPage", "treatments.ConditionIndexPage",
        "treatments.ConditionPage", "treatments.PractitionerIndexPage",
        "blog.BlogIndexPage", "blog.BlogPage",
    }  # fmt: skip
    home_data = get_json(client, f"/api/clinic/v1/pages/{home.pk}/")
    assert [t["title"] for t in home_data["featured_treatments"]] == ["Facial massage"]
    team = get_json(client, "/api/clinic/v1/pages/find/?html_path=/team/")
    assert team["practitioners"][0]["treatments"][0]["title"] == "Microneedling"


# --- Review dates -------------------------------------------------------------------


@pytest.fixture
def indexes(home_page):
    return build_indexes(home_page)


@pytest.fixture
def priya(db):
    return Practitioner.objects.create(
        name="Priya Nair", role="Aesthetic nurse", credentials="RN (NMC), MBAcC"
    )


def test_both_apis_give_the_reviewer_and_date_but_not_the_next_review(client, indexes, priya):
    treatments, conditions = indexes
    acne = make_condition(conditions, "Acne", **reviewed(priya))
    needling = make_treatment(treatments, "Microneedling", [acne], **reviewed(priya))
    massage = make_treatment(treatments, "Facial massage")
    reviewer = {
        "id": priya.pk,
        "name": "Priya Nair",
        "role": "Aesthetic nurse",
        "credentials": "RN (NMC), MBAcC",
    }

    treatment = get_json(client, f"/api/clinic/v1/treatments/{needling.pk}/")
    assert_matches("/api/clinic/v1/treatments/{treatment_id}/", treatment)
    condition = get_json(client, f"/api/clinic/v1/conditions/{acne.pk}/")
    assert_matches("/api/clinic/v1/conditions/{condition_id}/", condition)
    listing = get_json(client, "/api/clinic/v1/treatments/")
    assert_matches("/api/clinic/v1/treatments/", listing)
    v2 = get_json(client, f"/api/v2/pages/{needling.pk}/")
    v2_listing = get_json(client, "/api/v2/pages/?type=treatments.TreatmentPage&fields=*")

    by_title = {item["title"]: item for item in listing["items"]}
    v2_by_title = {item["title"]: item for item in v2_listing["items"]}
    for data in (treatment, condition, v2, by_title["Microneedling"], v2_by_title["Microneedling"]):
        assert data["reviewed_by"] == reviewer
        assert data["last_reviewed"] == "2026-03-03"
        assert "next_review_due" not in data
    for data in (by_title["Facial massage"], v2_by_title["Facial massage"]):
        assert data["reviewed_by"] is None and data["last_reviewed"] is None
    assert get_json(client, f"/api/clinic/v1/treatments/{massage.pk}/")["reviewed_by"] is None


# --- Caching and CORS ---------------------------------------------------------------


@override_settings(CORS_ALLOWED_ORIGINS=["https://front.example"])
def test_conditional_get_follows_rfc_9110(client, clinic):
    url = "/api/clinic/v1/treatments/"
    first = client.get(url)
    etag = first["ETag"]
    for send in (client.get, client.head):
        for wanted in (etag, f"W/{etag}", f'"other", {etag}', "*"):
            response = send(url, HTTP_IF_NONE_MATCH=wanted, HTTP_ORIGIN="https://front.example")
            assert (response.status_code, response.content) == (304, b""), (send, wanted)
            # What a cache needs to refresh its copy, and what a browser needs to read it.
            for header in ("ETag", "Cache-Control", "Vary"):
                assert response[header] == first[header], header
            assert response["Access-Control-Allow-Origin"] == "https://front.example"
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    # If-Match is evaluated (a mismatch is a 412); the JSON has no modification date, so
    # If-Modified-Since and If-Unmodified-Since are ignored.
    assert client.get(url, HTTP_IF_MATCH='"other"').status_code == 412
    assert client.get(url, HTTP_IF_MATCH=etag).status_code == 200
    for header in ("HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE"):
        for date in ("Sat, 01 Jan 2000 00:00:00 GMT", "Fri, 01 Jan 2100 00:00:00 GMT"):
            assert client.get(url, **{header: date}).status_code == 200, (header, date)


@override_settings(CORS_ALLOWED_ORIGINS=["https://front.example"])
def test_cors_allows_configured_origins_on_api_paths_only(client, clinic):
    allowed = client.get("/api/clinic/v1/treatments/", HTTP_ORIGIN="https://front.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://front.example"
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    other = client.get("/api/clinic/v1/treatments/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other
    html = client.get("/treatments/", HTTP_ORIGIN="https://front.example")
    assert "Access-Control-Allow-Origin" not in html


def test_cors_origins_come_from_the_environment(monkeypatch):
    import importlib

    from clinicsite.settings import base

    monkeypatch.setenv("CORS_ALLOWED_ORIGINS", "https://a.example, https://b.example")
    try:
        assert importlib.reload(base).CORS_ALLOWED_ORIGINS == [
            "https://a.example",
            "https://b.example",
        ]
    finally:
        monkeypatch.delenv("CORS_ALLOWED_ORIGINS")
        importlib.reload(base)


# --- The clinic content API's old address (/api/v3/) --------------------------------


MOVED = [
    ("/api/v3/", "/api/clinic/v1/"),
    ("/api/v3/treatments/", "/api/clinic/v1/treatments/"),
    (
        "/api/v3/treatments/?condition=acne&limit=5",
        "/api/clinic/v1/treatments/?condition=acne&limit=5",
    ),
    (
        "/api/v3/pages/find/?html_path=/treatments/microneedling/",
        "/api/clinic/v1/pages/find/?html_path=/treatments/microneedling/",
    ),
    (
        "/api/v3/posts/?tag=%C3%A9t%C3%A9&offset=0",
        "/api/clinic/v1/posts/?tag=%C3%A9t%C3%A9&offset=0",
    ),
    ("/api/v3/caf%C3%A9/a%20b/", "/api/clinic/v1/caf%C3%A9/a%20b/"),
    ("/api/v3/openapi.json", "/api/clinic/v1/openapi.json"),
    ("/api/v3/docs/", "/api/clinic/v1/docs/"),
]


@pytest.mark.parametrize("method", ["get", "head", "options", "post", "put", "delete"])
@pytest.mark.parametrize("old, new", MOVED)
def test_old_addresses_redirect_permanently_keeping_path_query_and_method(
    client, db, method, old, new
):
    response = getattr(client, method)(old)
    # 308: permanent, and the client repeats the same method at the new address.
    assert response.status_code == 308, (method, old, response.status_code)
    assert response["Location"] == new


def test_old_addresses_serve_no_content_and_lead_to_the_same_answer(client, clinic):
    old = "/api/v3/treatments/?condition=acne"
    response = client.get(old)
    assert response.status_code == 308 and response.content == b""
    assert "ETag" not in response and "Cache-Control" not in response
    followed = client.get(old, follow=True)
    assert followed.redirect_chain == [("/api/clinic/v1/treatments/?condition=acne", 308)]
    assert followed.json() == get_json(client, "/api/clinic/v1/treatments/?condition=acne")
    document = get_json(client, "/api/clinic/v1/openapi.json")
    assert document["info"]["title"] == "Clinic content API"
    assert document["info"]["version"] == "1.0.0"
    assert all(path.startswith("/api/clinic/v1/") for path in document["paths"])


@override_settings(CORS_ALLOWED_ORIGINS=["https://front.example"])
def test_a_browser_front_end_may_follow_the_redirect(client, clinic):
    origin = {"HTTP_ORIGIN": "https://front.example"}
    moved = client.get("/api/v3/treatments/?limit=1", **origin)
    assert moved.status_code == 308
    assert moved["Access-Control-Allow-Origin"] == "https://front.example"
    preflight = client.options(
        "/api/v3/treatments/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **origin
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://front.example"
    other = client.get("/api/v3/treatments/", HTTP_ORIGIN="https://evil.example")
    assert other.status_code == 308 and "Access-Control-Allow-Origin" not in other


# --- Errors -------------------------------------------------------------------------


# Without rest_framework in INSTALLED_APPS (this site leaves it out), API v2 has no
# browsable HTML to offer, so asking for text/html is a 406, which gets a JSON message.
def test_framework_errors_are_json_with_a_message(client, clinic):
    for method in ("post", "put", "patch", "delete"):
        for url in ("/api/clinic/v1/treatments/", "/api/v2/pages/"):
            response = getattr(client, method)(url)
            assert response.status_code == 405, (method, url)
            assert "read-only" in response.json()["message"]
    assert get_json(client, "/api/clinic/v1/", status=404)["message"]
    not_acceptable = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert not_acceptable.status_code == 406 and not_acceptable.json()["message"]


# --- Headless preview ---------------------------------------------------------------


@override_settings(TREATMENTS_HEADLESS_PREVIEW_URL="https://front.example/preview")
def test_admin_preview_opens_the_front_end_with_a_token_for_the_draft(admin_client, client, clinic):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    page = clinic["massage"]
    form = nested_form_data(
        {
            "title": "Facial massage (new draft)",
            "slug": page.slug,
            "summary": "An unsaved summary.",
            "also_known_as": "",
            "hero_image_alt": "",
            "treated_conditions": inline_formset([{"condition": clinic["scars"].pk, "note": ""}]),
            "practitioner_links": inline_formset([]),
            "testimonial_links": inline_formset([]),
            "prices": streamfield([]),
            "body": streamfield([]),
        }
    )
    preview_url = f"/admin/pages/{page.pk}/edit/preview/"
    assert admin_client.post(preview_url, form).json()["is_valid"]
    response = admin_client.get(preview_url)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(
        "https://front.example/preview?content_type=treatments.treatmentpage&token="
    )
    token = location.split("token=")[1]

    # Nothing was published: the public API still shows the live page.
    live = get_json(client, f"/api/clinic/v1/pages/{page.pk}/")
    assert live["title"] == "Facial massage"

    data = get_json(
        client, f"/api/clinic/v1/preview/?content_type=treatments.treatmentpage&token={token}"
    )
    assert_matches("/api/clinic/v1/preview/", data)
    assert (
        data["title"] == "Facial massage (new draft)" and data["summary"] == "An unsaved summary."
    )
    # The condition added in the unsaved edit is there already.
    assert "Acne scars" in [c["title"] for c in data["conditions"]]
    v2 = client.get(f"/api/v2/page_preview/?content_type=treatments.treatmentpage&token={token}")
    assert v2.status_code == 200 and v2.json()["title"] == "Facial massage (new draft)"
    for response in (
        client.get(f"/api/clinic/v1/preview/?content_type=treatments.treatmentpage&token={token}"),
        v2,
    ):
        assert response["Cache-Control"] == "private, no-store"
        assert "ETag" not in response


# --- Query counts -------------------------------------------------------------------


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


def grow_to(clinic, total):
    image = clinic["image"]
    person = Practitioner.objects.first()
    existing = clinic["treatments"].get_children().count()
    for n in range(existing, total):
        make_treatment(
            clinic["treatments"],
            f"Treatment {n}",
            [clinic["acne"], clinic["scars"]],
            hero_image=image,
            hero_image_alt="Alt",
            practitioner_links=performers(person),
        )
    for n in range(BlogPage.objects.count(), total):
        post = BlogPage(title=f"Post {n}", summary="S", date=datetime.date(2026, 1, 1))
        post.authors = [BlogPageAuthor(practitioner=person)]
        post.related_treatments = [BlogRelatedTreatment(treatment=clinic["needling"])]
        post.tags.add("aftercare")
        publish(clinic["blog"], post)


LISTINGS = [
    "/api/clinic/v1/treatments/?limit=50",
    "/api/clinic/v1/conditions/?limit=50",
    "/api/clinic/v1/posts/?limit=50",
    "/api/clinic/v1/pages/?limit=50",
    "/api/v2/pages/?type=treatments.TreatmentPage&fields=*&limit=50",
    "/api/v2/pages/?type=blog.BlogPage&fields=*&limit=50",
    "/api/v2/pages/?limit=50",
]


def test_listing_queries_stay_flat_as_items_grow(client, clinic):
    grow_to(clinic, 5)
    for url in LISTINGS:
        client.get(url)  # make the renditions once, as a warm site has them
    small = {url: count_queries(client, url) for url in LISTINGS}
    grow_to(clinic, 50)
    for url in LISTINGS:
        client.get(url)
    large = {url: count_queries(client, url) for url in LISTINGS}
    assert large == small
    assert get_json(client, "/api/clinic/v1/treatments/?limit=50")["count"] == 50
