"""The headless API: Wagtail's v2 at /api/v2/ and the typed clinic content API at
/api/clinic/v1/ (formerly /api/v3/, which now redirects).

What a JavaScript or mobile front end relies on: resolved, typed JSON for every
block; filters; find by path; clinic details and menu; preview tokens; caching
headers; JSON errors for bad input; and nothing that is not public.
"""

import datetime
import json
from functools import cache

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from wagtail.images.tests.utils import Image, get_test_image_file
from wagtail.models import PageViewRestriction

from blog.models import BlogIndexPage, BlogPage, BlogPageAuthor, BlogRelatedTreatment
from home.models import HomePage, StandardPage
from treatments.api.models import PagePreview
from treatments.api.values import RENDITIONS
from treatments.models import ClinicSettings, Practitioner

from .factories import (
    AFTERCARE,
    WHAT_TO_EXPECT,
    build_indexes,
    default_site,
    make_condition,
    make_treatment,
    publish,
)

IMAGE_KEYS = {"id", "title", "alt", "width", "height", "url", "renditions"}
LINK_KEYS = {"id", "title", "url", "type"}


# --- Helpers ---------------------------------------------------------------------


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


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
    """Validate a real response against the served OpenAPI document."""
    validator = Draft202012Validator(response_schema(path, status))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def make_image(title="Needles"):
    return Image.objects.create(title=title, file=get_test_image_file())


def rich(text):
    return f"<p>{text}</p>"


def every_treatment_block(image, link_target):
    """One of each treatment body block, with a page link and an image inside."""
    link = f'<a linktype="page" id="{link_target.pk}">acne</a>'
    return [
        {
            "type": "session_facts",
            "value": {
                "heading": "At a glance",
                "duration": "45 minutes",
                "needle_length_min": "0.5",
                "needle_length_max": "1.5",
                "sessions": "3 to 6",
                "spacing": "4 weeks",
                "time_to_results": "6 weeks",
                "downtime": "1–3 days",
                "price_note": "From £120",
            },
        },
        WHAT_TO_EXPECT,
        {"type": "benefits", "value": {"heading": "Benefits", "items": ["Smoother skin"]}},
        {
            "type": "suitability",
            "value": {
                "heading": "Is it right for me?",
                "suits": ["Fine lines"],
                "not_suitable": ["Keloid-prone skin"],
                "consult_prompt": "Ask us first.",
            },
        },
        {
            "type": "at_home_care",
            "value": {
                "heading": "At-home care",
                "intro": rich("Between visits."),
                "items": [
                    {
                        "name": "Gua sha",
                        "description": rich("Glide outwards."),
                        "frequency": "Three evenings a week",
                        "ramp_up": "Once a week at first",
                        "session_length": "5 minutes",
                        "course_length": "6 weeks",
                        "materials": [{"material": "Jade", "why": "Stays cool"}],
                        "cautions": ["Skip broken skin"],
                    }
                ],
            },
        },
        AFTERCARE,
        {
            "type": "results",
            "value": {"heading": "Results", "results": rich("Slowly."), "maintenance": ""},
        },
        {
            "type": "faq",
            "value": {
                "heading": "Questions",
                "questions": [{"question": "Does it hurt?", "answer": rich(f"See {link}.")}],
            },
        },
        {
            "type": "provider_checklist",
            "value": {"heading": "Choosing", "intro": "", "items": ["Single-use needles"]},
        },
        {"type": "safety_callout", "value": {"heading": "Nut oils", "text": rich("Tell us.")}},
        {
            "type": "call_to_action",
            "value": {
                "heading": "Ready?",
                "text": "",
                "button_label": "Book",
                "link": "https://book.example/",
            },
        },
        {"type": "rich_text", "value": f"<h2>How it works</h2><p>It helps {link}.</p>"},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "A roller", "decorative": False},
                "caption": "The roller",
            },
        },
        {"type": "quote", "value": {"quote": "Calmer skin.", "attribution": "Sam"}},
    ]


@pytest.fixture
def clinic(home_page):
    """Two conditions, a fully built treatment, a practitioner and a post."""
    treatments, conditions = build_indexes(home_page)
    acne = make_condition(conditions, "Acne")
    scars = make_condition(conditions, "Acne scars")
    image = make_image()
    needling = make_treatment(
        treatments,
        "Microneedling",
        [scars, acne],
        hero_image=image,
        hero_image_alt="A microneedling pen",
        also_known_as="Collagen induction, skin needling",
        body=every_treatment_block(image, acne),
    )
    massage = make_treatment(treatments, "Facial massage", [acne], body=[WHAT_TO_EXPECT])
    person = Practitioner.objects.create(name="Imogen Hart", role="Acupuncturist")
    person.treatments.add(needling)
    person.save()  # a ParentalManyToManyField is written on save
    blog = publish(home_page, BlogIndexPage(title="Journal", slug="blog"))
    post = BlogPage(
        title="Caring for skin after needling",
        date=datetime.date(2026, 3, 1),
        summary="What to do in the first week.",
        body=[{"type": "rich_text", "value": rich("Be gentle.")}],
        authors=[BlogPageAuthor(practitioner=person)],
        related_treatments=[BlogRelatedTreatment(treatment=needling)],
    )
    post.tags.add("aftercare")
    publish(blog, post)
    other = BlogPage(title="Spring skin", summary="Seasonal tips.", date=datetime.date(2026, 4, 1))
    other.tags.add("seasons")
    publish(blog, other)
    return {
        "treatments": treatments,
        "conditions": conditions,
        "acne": acne,
        "scars": scars,
        "needling": needling,
        "massage": massage,
        "post": post,
        "other_post": other,
        "blog": blog,
        "image": image,
    }


# --- The OpenAPI document ----------------------------------------------------------


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


def test_api_is_read_only(client, clinic):
    document = openapi_document()
    methods = {method for operations in document["paths"].values() for method in operations}
    assert methods == {"get"}
    assert client.post("/api/clinic/v1/pages/", {}).status_code == 405
    assert client.post("/api/v2/pages/", {}).status_code == 405


# --- Blocks and values, in both APIs -----------------------------------------------


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


def test_rich_text_links_resolve_to_real_addresses(client, clinic):
    page = clinic["needling"]
    for url in (f"/api/clinic/v1/pages/{page.pk}/", f"/api/v2/pages/{page.pk}/"):
        response = client.get(url)
        text = response.content.decode()
        assert "linktype" not in text and "embedtype" not in text
        body = {block["type"]: block["value"] for block in response.json()["body"]}
        assert (
            body["rich_text"]
            == '<h2>How it works</h2><p>It helps <a href="/conditions/acne/">acne</a>.</p>'
        )
        answer = body["faq"]["questions"][0]["answer"]
        assert 'href="/conditions/acne/"' in answer


def test_rich_text_fields_are_html_too(client, clinic):
    index = clinic["treatments"]
    index.intro = f'<p>See <a linktype="page" id="{clinic["acne"].pk}">acne</a>.</p>'
    index.save_revision().publish()
    for url in (f"/api/clinic/v1/pages/{index.pk}/", f"/api/v2/pages/{index.pk}/"):
        assert get_json(client, url)["intro"] == '<p>See <a href="/conditions/acne/">acne</a>.</p>'


def test_images_have_alt_text_sizes_and_named_renditions(client, clinic):
    data = get_json(client, f"/api/clinic/v1/treatments/{clinic['needling'].pk}/")
    hero = data["hero_image"]
    assert set(hero) == IMAGE_KEYS
    assert hero["alt"] == "A microneedling pen" and hero["width"] == 640
    assert hero["url"].startswith("http://testserver/media/")
    assert set(hero["renditions"]) == set(RENDITIONS)
    card = hero["renditions"]["card"]
    assert (card["width"], card["height"]) == (480, 270)
    assert hero["renditions"]["card_webp"]["url"].endswith(".webp")
    assert hero["renditions"]["large_avif"]["url"].endswith(".avif")
    for rendition in hero["renditions"].values():  # each names a file that was made
        assert default_storage.exists(rendition["url"].split("/media/", 1)[1])
    body_image = next(b for b in data["body"] if b["type"] == "image")["value"]
    assert body_image["caption"] == "The roller"
    assert set(body_image["image"]) == IMAGE_KEYS
    assert body_image["image"]["alt"] == "A roller"


def test_query_strings_cannot_ask_for_other_image_sizes(client, clinic):
    url = f"/api/clinic/v1/treatments/{clinic['needling'].pk}/"
    assert client.get(url + "?rendition=fill-4000x4000").status_code == 400
    response = client.get(
        f"/api/v2/pages/{clinic['needling'].pk}/?fields=hero_image(fill-9000x9000)"
    )
    assert response.status_code == 400


def test_treatment_links_conditions_in_order_and_practitioners(client, clinic):
    data = get_json(client, f"/api/clinic/v1/pages/{clinic['needling'].pk}/")
    assert [c["title"] for c in data["conditions"]] == ["Acne scars", "Acne"]
    assert LINK_KEYS <= set(data["conditions"][0])
    assert data["conditions"][0]["url"] == "/conditions/acne-scars/"
    assert data["conditions"][0]["type"] == "treatments.ConditionPage"
    assert data["conditions"][0]["note"] == "note 0"
    assert [p["name"] for p in data["practitioners"]] == ["Imogen Hart"]
    assert data["other_names"] == ["Collagen induction", "skin needling"]
    assert [b["title"] for b in data["breadcrumbs"]] == ["Home", "Treatments"]


def test_condition_detail_lists_its_treatments(client, clinic):
    data = get_json(client, f"/api/clinic/v1/conditions/{clinic['acne'].pk}/")
    assert_matches("/api/clinic/v1/conditions/{condition_id}/", data)
    assert [t["title"] for t in data["treatments"]] == ["Microneedling", "Facial massage"]
    assert data["treatments"][0]["hero_image"]["alt"] == "A microneedling pen"
    v2 = get_json(client, f"/api/v2/pages/{clinic['acne'].pk}/")
    assert v2["treatments"] == data["treatments"]


# --- Filters and finding pages ----------------------------------------------------


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


def test_posts_filter_by_tag_and_by_treatment(client, clinic):
    tagged = get_json(client, "/api/clinic/v1/posts/?tag=aftercare")
    assert_matches("/api/clinic/v1/posts/", tagged)
    assert [p["title"] for p in tagged["items"]] == ["Caring for skin after needling"]
    assert tagged["items"][0]["tags"] == [{"name": "aftercare", "slug": "aftercare"}]
    assert tagged["items"][0]["authors"][0]["name"] == "Imogen Hart"
    for value in (clinic["needling"].slug, clinic["needling"].pk):
        about = get_json(client, f"/api/clinic/v1/posts/?treatment={value}")
        assert [p["title"] for p in about["items"]] == ["Caring for skin after needling"]
    newest_first = get_json(client, "/api/clinic/v1/posts/")
    assert [p["title"] for p in newest_first["items"]] == [
        "Spring skin",
        "Caring for skin after needling",
    ]
    v2 = get_json(client, "/api/v2/pages/?type=blog.BlogPage&tag=seasons")
    assert [p["title"] for p in v2["items"]] == ["Spring skin"]
    v2 = get_json(client, f"/api/v2/pages/?type=blog.BlogPage&treatment={clinic['needling'].pk}")
    assert [p["title"] for p in v2["items"]] == ["Caring for skin after needling"]


def test_post_detail_has_related_treatments(client, clinic):
    data = get_json(client, f"/api/clinic/v1/posts/{clinic['post'].pk}/")
    assert_matches("/api/clinic/v1/posts/{post_id}/", data)
    assert [t["title"] for t in data["related_treatments"]] == ["Microneedling"]
    assert data["date"] == "2026-03-01"
    assert data["body"][0]["value"] == "<p>Be gentle.</p>"


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


def test_each_site_sees_only_its_own_pages(client, clinic):
    from wagtail.models import Page, Site

    from treatments.models import TreatmentIndexPage

    other_root = Page.get_first_root_node().add_child(
        instance=StandardPage(title="Second clinic", slug="second-clinic")
    )
    Site.objects.create(hostname="second.example", root_page=other_root)
    index = publish(other_root, TreatmentIndexPage(title="Treatments", slug="treatments"))
    elsewhere = make_treatment(index, "Cupping")
    other = {"HTTP_HOST": "second.example"}
    for url in (
        "/api/clinic/v1/treatments/",
        "/api/clinic/v1/pages/?type=treatments.TreatmentPage",
    ):
        assert [t["title"] for t in get_json(client, url)["items"]] == [
            "Microneedling",
            "Facial massage",
        ]
        assert [t["title"] for t in get_json(client, url, **other)["items"]] == ["Cupping"]
    get_json(client, f"/api/clinic/v1/treatments/{elsewhere.pk}/", status=404)
    assert (
        get_json(client, f"/api/clinic/v1/treatments/{elsewhere.pk}/", **other)["title"]
        == "Cupping"
    )
    v2 = get_json(client, "/api/v2/pages/?type=treatments.TreatmentPage", **other)
    assert [t["title"] for t in v2["items"]] == ["Cupping"]


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


# --- Caching ---------------------------------------------------------------------


def test_etag_304_and_a_new_etag_after_publishing(client, clinic):
    page = clinic["needling"]
    for url in (
        f"/api/clinic/v1/pages/{page.pk}/",
        f"/api/v2/pages/{page.pk}/",
        "/api/clinic/v1/treatments/",
    ):
        first = client.get(url)
        etag = first["ETag"]
        assert etag and "max-age=" in first["Cache-Control"] and "public" in first["Cache-Control"]
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and again.content == b""
        page.summary = f"Changed for {url}."
        page.save_revision().publish()
        changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert changed.status_code == 200 and changed["ETag"] != etag


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


# --- The clinic content API's old address (/api/v3/) ---------------------------------

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


# --- Bad input ---------------------------------------------------------------------

BAD_REQUESTS = [
    ("/api/clinic/v1/pages/?type=nope.Page", "Unknown page type"),
    ("/api/clinic/v1/pages/?colour=red", "Unknown query parameter: colour"),
    ("/api/clinic/v1/treatments/?conditon=acne", "Unknown query parameter: conditon"),
    ("/api/clinic/v1/treatments/?limit=abc", "limit"),
    ("/api/clinic/v1/treatments/?limit=-1", "limit"),
    ("/api/clinic/v1/treatments/?offset=-5", "offset"),
    ("/api/clinic/v1/treatments/?limit=51", "limit"),
    ("/api/clinic/v1/treatments/?condition=eczema", "No condition matches 'eczema'"),
    ("/api/clinic/v1/posts/?tag=no-such-tag", "No tag 'no-such-tag'"),
    ("/api/clinic/v1/posts/?treatment=999999", "No treatment matches '999999'"),
    ("/api/clinic/v1/pages/abc/", "page_id"),
    ("/api/clinic/v1/pages/?child_of=abc", "child_of"),
    ("/api/v2/pages/?type=nope.Page", "type doesn't exist"),
    ("/api/v2/pages/?fields=colour", "unknown fields: colour"),
    ("/api/v2/pages/?type=treatments.TreatmentPage&fields=body", "unknown fields: body"),
    ("/api/v2/pages/?colour=red", "colour"),
    ("/api/v2/pages/?limit=abc", "limit must be a positive integer"),
    ("/api/v2/pages/?offset=-1", "offset must be a positive integer"),
    ("/api/v2/pages/?limit=51", "limit cannot be higher than 50"),
    ("/api/v2/pages/?type=treatments.TreatmentPage&condition=eczema", "No condition matches"),
    ("/api/v2/pages/?condition=acne", "condition needs type=treatments.TreatmentPage"),
    ("/api/v2/pages/?type=blog.BlogPage&tag=no-such-tag", "No tag 'no-such-tag'"),
    ("/api/v2/pages/?child_of=abc", "child_of must be a positive integer"),
    ("/api/v2/pages/find/?id=abc", "id must be a positive integer"),
    # Found by fuzzing: these reached the database and failed with a 500.
    ("/api/clinic/v1/treatments/?offset=9223372036854775808", "offset"),
    ("/api/clinic/v1/treatments/99999999999999999999/", "treatment_id"),
    ("/api/clinic/v1/treatments/?condition=99999999999999999999", "No condition matches"),
    ("/api/clinic/v1/posts/?treatment=99999999999999999999", "No treatment matches"),
    ("/api/clinic/v1/pages/find/?html_path=/%00/", "NUL"),
    ("/api/clinic/v1/posts/?tag=%00", "NUL"),
    ("/api/v2/pages/?offset=9223372036854775808", "offset is out of range"),
    ("/api/v2/pages/?type=treatments.TreatmentPage&hero_image=99999999999999999999", "range"),
    ("/api/v2/pages/?search=%00", "NUL"),
    ("/api/v2/pages/?search=face&search_operator=xor", "must be either 'or' or 'and'"),
    ("/api/v2/pages/?type=blog.BlogPage&date=not-a-date", "invalid date format"),
    ("/api/v2/images/find/?id=abc", "id must be a positive integer"),
    ("/api/v2/documents/find/?id=1.5", "id must be a positive integer"),
]


@pytest.mark.parametrize(("url", "message"), BAD_REQUESTS)
def test_bad_input_is_a_400_with_a_message(client, clinic, url, message):
    data = get_json(client, url, status=400)
    assert message in data["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/clinic/v1/pages/999999/",
        "/api/clinic/v1/treatments/999999/",
        "/api/clinic/v1/posts/999999/",
        "/api/v2/pages/999999/",
        "/api/v2/pages/abc/",
        "/api/clinic/v1/nothing-here/",
        "/api/v1/pages/",
    ],
)
def test_missing_objects_and_addresses_are_json_404s(client, clinic, url):
    assert get_json(client, url, status=404)["message"]


@pytest.mark.parametrize("search", ['"', "'", "face AND (", "*", "-", "ünïcode"])
def test_odd_search_text_is_answered_not_failed(client, clinic, search):
    for url in ("/api/v2/pages/?type=treatments.TreatmentPage&search=", "/api/v2/images/?search="):
        response = client.get(url + search)
        assert response.status_code in (200, 400), (url, response.status_code)
        assert response["Content-Type"] == "application/json"


def test_framework_errors_are_json_with_a_message(client, clinic):
    for method in ("post", "put", "patch", "delete"):
        for url in ("/api/clinic/v1/treatments/", "/api/v2/pages/"):
            response = getattr(client, method)(url)
            assert response.status_code == 405, (method, url)
            assert "read-only" in response.json()["message"]
    assert get_json(client, "/api/clinic/v1/", status=404)["message"]
    not_acceptable = client.get("/api/v2/pages/", HTTP_ACCEPT="text/html")
    assert not_acceptable.status_code == 406 and not_acceptable.json()["message"]


def test_head_and_other_conditional_headers(client, clinic):
    head = client.head("/api/clinic/v1/treatments/")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == client.get("/api/clinic/v1/treatments/")["ETag"]
    # No modification date to compare with: If-Unmodified-Since is ignored, and so is an
    # If-Match that holds no ETag.
    for header in ("HTTP_IF_UNMODIFIED_SINCE", "HTTP_IF_MATCH"):
        response = client.get(
            "/api/clinic/v1/treatments/", **{header: "Sat, 01 Jan 2000 00:00:00 GMT"}
        )
        assert response.status_code == 200, header


def test_a_condition_id_is_not_a_treatment(client, clinic):
    get_json(client, f"/api/clinic/v1/treatments/{clinic['acne'].pk}/", status=404)


# --- Nothing that is not public -------------------------------------------------------


@pytest.fixture
def hidden(clinic):
    """A draft, a private, an unpublished and an expired treatment, and a draft condition."""
    index = clinic["treatments"]
    draft_condition = make_condition(clinic["conditions"], "Draft condition")
    draft_condition.unpublish()
    pages = {
        "draft": make_treatment(index, "Draft treatment", live=False),
        "private": make_treatment(index, "Private treatment"),
        "unpublished": make_treatment(index, "Unpublished treatment"),
        "expired": make_treatment(index, "Expired treatment"),
    }
    PageViewRestriction.objects.create(page=pages["private"], restriction_type="login")
    pages["unpublished"].unpublish()
    # Past its expiry date but not yet unpublished by `publish_scheduled`.
    type(pages["expired"]).objects.filter(pk=pages["expired"].pk).update(
        expire_at=timezone.now() - datetime.timedelta(hours=1)
    )
    needling = clinic["needling"]
    needling.treated_conditions.create(condition=draft_condition, sort_order=9)
    needling.save_revision().publish()
    return pages


def test_drafts_private_unpublished_and_expired_pages_never_appear(client, admin_client, hidden):
    listings = [
        "/api/clinic/v1/treatments/?limit=50",
        "/api/clinic/v1/pages/?limit=50",
        "/api/clinic/v1/conditions/?limit=50",
        "/api/v2/pages/?limit=50",
        "/api/v2/pages/?type=treatments.TreatmentPage&fields=*&limit=50",
    ]
    # Signed-in staff get the same public view: responses are shared-cacheable.
    for http in (client, admin_client):
        for url in listings:
            text = http.get(url).content.decode()
            for name in (
                "Draft treatment",
                "Private treatment",
                "Unpublished",
                "Expired",
                "Draft condition",
            ):
                assert name not in text, (url, name)
        for page in hidden.values():
            for url in (
                f"/api/clinic/v1/pages/{page.pk}/",
                f"/api/clinic/v1/treatments/{page.pk}/",
                f"/api/v2/pages/{page.pk}/",
                f"/api/clinic/v1/pages/find/?html_path=/treatments/{page.slug}/",
            ):
                assert http.get(url).status_code == 404, url
        get_json(
            http, f"/api/v2/pages/find/?html_path=/treatments/{hidden['private'].slug}/", status=404
        )


# --- Headless preview -------------------------------------------------------------


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


@pytest.mark.parametrize("token", ["", "wrong", "a" * 43])
def test_preview_needs_a_valid_token(client, clinic, token):
    PagePreview.create_for(clinic["needling"])
    for url in (
        f"/api/clinic/v1/preview/?content_type=treatments.treatmentpage&token={token}",
        f"/api/v2/page_preview/?content_type=treatments.treatmentpage&token={token}",
    ):
        assert client.get(url).status_code == 404


def test_preview_tokens_expire_and_are_bound_to_their_type(client, clinic):
    preview = PagePreview.create_for(clinic["needling"])
    url = "/api/clinic/v1/preview/?content_type={}&token=" + preview.token
    assert client.get(url.format("treatments.treatmentpage")).status_code == 200
    assert client.get(url.format("blog.blogpage")).status_code == 404
    PagePreview.objects.filter(pk=preview.pk).update(
        created_at=timezone.now() - PagePreview.LIFETIME - datetime.timedelta(minutes=1)
    )
    assert client.get(url.format("treatments.treatmentpage")).status_code == 404


def test_previews_of_pages_not_saved_yet(client, clinic):
    from treatments.models import ConditionPage

    new = ConditionPage(title="Rosacea", slug="rosacea", summary="Redness.")
    token = PagePreview.create_for(new).token
    query = f"?content_type=treatments.conditionpage&token={token}"
    data = get_json(client, "/api/clinic/v1/preview/" + query)
    assert data["title"] == "Rosacea" and data["id"] == 0 and data["treatments"] == []
    assert get_json(client, "/api/v2/page_preview/" + query)["title"] == "Rosacea"


def test_previews_leave_out_private_and_expired_links(client, clinic):
    post = clinic["post"]
    PageViewRestriction.objects.create(page=clinic["needling"], restriction_type="login")
    token = PagePreview.create_for(post).token
    data = get_json(client, f"/api/clinic/v1/preview/?content_type=blog.blogpage&token={token}")
    assert data["title"] == post.title and data["related_treatments"] == []


def test_without_a_front_end_address_the_admin_preview_is_html(admin_client, clinic):
    response = admin_client.get(f"/admin/pages/{clinic['needling'].pk}/view_draft/")
    assert response.status_code == 200 and b"<html" in response.content


# --- CORS ---------------------------------------------------------------------------


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


# --- Query counts ------------------------------------------------------------------


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
        page = make_treatment(
            clinic["treatments"],
            f"Treatment {n}",
            [clinic["acne"], clinic["scars"]],
            hero_image=image,
            hero_image_alt="Alt",
        )
        person.treatments.add(page)
    person.save()
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
