"""The headless API: Wagtail's v2 at /api/v2/ and the typed clinic content API at
/api/clinic/v1/ (formerly /api/v3/, which now redirects).

What a JavaScript or mobile front end relies on: resolved, typed JSON for every
block; filters; find by path; clinic details and menu; preview tokens; caching
headers; JSON errors for bad input; and nothing that is not public.

These are the plugin's endpoints in any site that composes them. What this repository's
site adds is tested in tests/site/test_api.py (responses checked against its OpenAPI
document, CORS, the old /api/v3/ address, the menu) and tests/blog/test_api.py (posts).
"""

import datetime
from functools import cache
from urllib.parse import quote

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from django.utils import timezone
from wagtail.images.tests.utils import Image, get_test_image_file
from wagtail.models import PageViewRestriction

from treatments.api.models import PagePreview
from treatments.api.values import RENDITIONS
from treatments.models import Practitioner

from .factories import (
    AFTERCARE,
    WHAT_TO_EXPECT,
    build_indexes,
    make_condition,
    make_treatment,
    performers,
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


def build_clinic(root):
    """Two conditions, a fully built treatment and a practitioner, under `root`."""
    treatments, conditions = build_indexes(root)
    acne = make_condition(conditions, "Acne")
    scars = make_condition(conditions, "Acne scars")
    image = make_image()
    person = Practitioner.objects.create(name="Imogen Hart", role="Acupuncturist")
    needling = make_treatment(
        treatments,
        "Microneedling",
        [scars, acne],
        hero_image=image,
        hero_image_alt="A microneedling pen",
        also_known_as="Collagen induction, skin needling",
        body=every_treatment_block(image, acne),
        practitioner_links=performers(person),
    )
    massage = make_treatment(treatments, "Facial massage", [acne], body=[WHAT_TO_EXPECT])
    return {
        "treatments": treatments,
        "conditions": conditions,
        "acne": acne,
        "scars": scars,
        "needling": needling,
        "massage": massage,
        "image": image,
    }


@pytest.fixture
def clinic(site_root):
    """The plugin's pages; tests/site/test_api.py adds the journal and its posts."""
    return build_clinic(site_root)


# --- The OpenAPI document ----------------------------------------------------------


def test_api_is_read_only(client, clinic):
    document = openapi_document()
    methods = {method for operations in document["paths"].values() for method in operations}
    assert methods == {"get"}
    assert client.post("/api/clinic/v1/pages/", {}).status_code == 405
    assert client.post("/api/v2/pages/", {}).status_code == 405


# --- Blocks and values, in both APIs -----------------------------------------------


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
    home = clinic["treatments"].get_parent()
    assert [b["title"] for b in data["breadcrumbs"]] == [home.title, "Treatments"]


# --- Filters and finding pages ----------------------------------------------------


def test_each_site_sees_only_its_own_pages(client, clinic):
    from wagtail.models import Page, Site

    from treatments.models import TreatmentIndexPage

    other_root = Page.get_first_root_node().add_child(
        instance=Page(title="Second clinic", slug="second-clinic")
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


# --- Bad input ---------------------------------------------------------------------

# Of the journal's endpoints: tests/blog/test_api.py.
BAD_REQUESTS = [
    ("/api/clinic/v1/pages/?type=nope.Page", "Unknown page type"),
    ("/api/clinic/v1/pages/?colour=red", "Unknown query parameter: colour"),
    ("/api/clinic/v1/treatments/?conditon=acne", "Unknown query parameter: conditon"),
    ("/api/clinic/v1/treatments/?limit=abc", "limit"),
    ("/api/clinic/v1/treatments/?limit=-1", "limit"),
    ("/api/clinic/v1/treatments/?offset=-5", "offset"),
    ("/api/clinic/v1/treatments/?limit=51", "limit"),
    ("/api/clinic/v1/treatments/?condition=eczema", "No condition matches 'eczema'"),
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
    ("/api/v2/pages/?child_of=abc", "child_of must be a positive integer"),
    ("/api/v2/pages/find/?id=abc", "id must be a positive integer"),
    # Found by fuzzing: these reached the database and failed with a 500.
    ("/api/clinic/v1/treatments/?offset=9223372036854775808", "offset"),
    ("/api/clinic/v1/treatments/99999999999999999999/", "treatment_id"),
    ("/api/clinic/v1/treatments/?condition=99999999999999999999", "No condition matches"),
    ("/api/clinic/v1/pages/find/?html_path=/%00/", "NUL"),
    ("/api/v2/pages/?offset=9223372036854775808", "offset is out of range"),
    ("/api/v2/pages/?type=treatments.TreatmentPage&hero_image=99999999999999999999", "range"),
    ("/api/v2/pages/?search=%00", "NUL"),
    ("/api/v2/pages/?search=face&search_operator=xor", "must be either 'or' or 'and'"),
    ("/api/v2/images/find/?id=abc", "id must be a positive integer"),
    ("/api/v2/documents/find/?id=1.5", "id must be a positive integer"),
]


@pytest.mark.parametrize(("url", "message"), BAD_REQUESTS)
def test_bad_input_is_a_400_with_a_message(client, clinic, url, message):
    data = get_json(client, url, status=400)
    assert message in data["message"]


# Numbers are written with the digits 0-9 only. int() reads more: other scripts' digits
# ("٩" is 9, "１" is 1), "1_0", "+5", " 5". A range check that looked at ASCII digits let
# twenty "٩" through to the database (a 500), and "１" quietly worked as 1.
NOT_ASCII_NUMBERS = [
    "%D9%A9" * 20,  # "٩" (ARABIC-INDIC DIGIT NINE) twenty times
    "%D9%A1",  # "١"
    "%EF%BC%91",  # "１" (FULLWIDTH DIGIT ONE)
    "%C2%B2",  # "²" (SUPERSCRIPT TWO)
    "1_0",
    "%2B5",  # "+5"
    "%205",  # " 5"
]
NUMBER_PARAMETERS = [
    "/api/v2/pages/?offset={}",
    "/api/v2/pages/?limit={}",
    "/api/v2/images/?offset={}",
    "/api/v2/images/?limit={}",
    "/api/v2/documents/?offset={}",
    "/api/v2/documents/?limit={}",
    "/api/v2/pages/?child_of={}",
    "/api/v2/pages/?descendant_of={}",
    "/api/v2/pages/?id={}",
    "/api/v2/pages/?type=treatments.TreatmentPage&hero_image={}",
    "/api/v2/pages/?type=treatments.TreatmentPage&practitioners={}",
    "/api/v2/pages/?site=localhost:{}",
    "/api/v2/images/?width={}",
    "/api/v2/pages/find/?id={}",
    "/api/clinic/v1/treatments/?offset={}",
    "/api/clinic/v1/treatments/?limit={}",
    "/api/clinic/v1/pages/?child_of={}",
    "/api/clinic/v1/treatments/{}/",
    "/api/clinic/v1/pages/{}/",
]


@pytest.mark.parametrize("template", NUMBER_PARAMETERS)
def test_numbers_are_only_the_digits_0_to_9(client, clinic, template):
    client.raise_request_exception = False
    wrong = []
    for value in NOT_ASCII_NUMBERS:
        url = template.format(value)
        response = client.get(url)
        message = response.json().get("message") if response.status_code == 400 else None
        if not message:
            wrong.append((url, response.status_code, response.content[:120]))
    assert not wrong
    # "1" is a number: whatever the answer, it is not refused for its digits.
    response = client.get(template.format("1"))
    assert response.status_code < 500
    assert "digits" not in response.content.decode()


def test_dates_are_only_the_digits_0_to_9(client, clinic):
    """Django's date parsing reads "٢٠٢٦-٠٣-٠١" as 2026-03-01; v2 filters take 0-9 only."""
    arabic = quote("\u0662\u0660\u0662\u0666-\u0660\u0663-\u0660\u0661")
    for url, ascii_date in (
        ("/api/v2/pages/?first_published_at={}", "2026-03-01T09:00:00Z"),
        ("/api/v2/pages/?type=treatments.TreatmentPage&last_reviewed={}", "2026-03-01"),
    ):
        assert "digits 0-9" in get_json(client, url.format(arabic), status=400)["message"]
        get_json(client, url.format(ascii_date))


def test_an_overlong_html_path_is_a_400(client, clinic):
    """Longer than any page's address: refused before the page tree is walked."""
    html_path = "/treatments/" + "a/" * 1500
    for find in ("/api/v2/pages/find/", "/api/clinic/v1/pages/find/"):
        data = get_json(client, f"{find}?html_path={html_path}", status=400)
        assert "html_path" in data["message"]
    assert client.get("/api/v2/pages/find/?html_path=/treatments/microneedling/").status_code == 302


@override_settings(ALLOWED_HOSTS=["localhost", "testserver"])
def test_a_host_the_site_does_not_serve_is_a_json_400_under_the_api(client, clinic, caplog):
    for url in ("/api/v2/pages/", "/api/clinic/v1/treatments/", "/api/nothing-here/"):
        data = get_json(client, url, status=400, HTTP_HOST="evil.example")
        assert "Host" in data["message"]
    # Elsewhere it stays Django's own 400 page.
    page = client.get("/", HTTP_HOST="evil.example")
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")
    assert client.get("/api/v2/pages/", HTTP_HOST="localhost").status_code == 200


@pytest.mark.parametrize(
    "url",
    [  # a missing post: tests/blog/test_api.py
        "/api/clinic/v1/pages/999999/",
        "/api/clinic/v1/treatments/999999/",
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


def test_without_a_front_end_address_the_admin_preview_is_html(admin_client, clinic):
    response = admin_client.get(f"/admin/pages/{clinic['needling'].pk}/view_draft/")
    assert response.status_code == 200 and b"<html" in response.content
