"""How the clinic content API stays fast without changing what it answers.

- Its page endpoints write the JSON their resolvers build without Ninja validating it
  against the response model again (`treatments.api.http.built`): here, every one of them
  answers exactly what that validation would have made of it.
- A listing reads the pages many links share once each, and joins its reviewers, in the
  same number of queries however many pages and links it holds.
- Listing items and details are kept between requests for the page's live content
  (treatments/fragments.py) where the site provides content versions: an edited and
  published treatment is answered at once, and a preview never goes through them.
"""

import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from ninja.responses import NinjaJSONEncoder
from pydantic import TypeAdapter
from wagtail import hooks
from wagtail.signals import page_published

from treatments.api.clinic_api import (
    ConditionList,
    PageDetailUnion,
    PageList,
    TreatmentList,
)
from treatments.api.models import PagePreview
from treatments.api.pages import detail_model
from treatments.fragments import CONTENT_VERSION_HOOK, ContentVersion
from treatments.models import ConditionPage, Practitioner, TreatmentPage

from .factories import make_condition, make_treatment, performers
from .test_api import build_clinic, get_json, make_image

API = "/api/clinic/v1"


@pytest.fixture
def clinic(site_root):
    clinic = build_clinic(site_root)
    # An image whose original file has gone (media not copied): no renditions can be made.
    lost = make_image("Lost")
    lost.file.storage.delete(lost.file.name)
    clinic["lost"] = make_treatment(
        clinic["treatments"], "Cupping", [clinic["acne"]], hero_image=lost, hero_image_alt="Cups"
    )
    return clinic


def endpoints(clinic):
    """(url, response type) of every endpoint that writes its JSON with `built`."""
    needling, acne = clinic["needling"], clinic["acne"]
    draft = TreatmentPage.objects.get(pk=needling.pk)
    draft.title = "Microneedling (draft)"
    new = ConditionPage(title="Rosacea", slug="rosacea", summary="Redness.")
    previews = [PagePreview.create_for(page) for page in (draft, new)]
    return [
        (f"{API}/treatments/?limit=50", TreatmentList),
        (f"{API}/treatments/?condition=acne&offset=1", TreatmentList),
        (f"{API}/treatments/{needling.pk}/", detail_model(TreatmentPage)),
        (f"{API}/treatments/{clinic['lost'].pk}/", detail_model(TreatmentPage)),
        (f"{API}/conditions/?limit=50", ConditionList),
        (f"{API}/conditions/{acne.pk}/", detail_model(ConditionPage)),
        (f"{API}/pages/?limit=50", PageList),
        (f"{API}/pages/{needling.pk}/", PageDetailUnion),
        (f"{API}/pages/{clinic['treatments'].pk}/", PageDetailUnion),
        (f"{API}/pages/find/?html_path=/conditions/acne/", PageDetailUnion),
        *(
            (
                f"{API}/preview/?content_type={preview.content_type_label}&token={preview.token}",
                PageDetailUnion,
            )
            for preview in previews
        ),
    ]


def validated(body, type_):
    """The body Ninja would have written had it validated `body` against `type_`."""
    value = TypeAdapter(type_).validate_python(json.loads(body))
    return json.dumps(TypeAdapter(type_).dump_python(value), cls=NinjaJSONEncoder).encode()


def test_built_json_is_exactly_what_validating_it_would_give(client, clinic):
    for url, type_ in endpoints(clinic):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert response.content == validated(response.content, type_), url
    lost = get_json(client, f"{API}/treatments/{clinic['lost'].pk}/")["hero_image"]
    assert lost["alt"] == "Cups" and set(lost["renditions"].values()) == {None}


def test_listing_queries_do_not_grow_with_pages_or_the_links_they_share(client, clinic):
    def count(url):
        client.get(url)  # renditions made once, as on a warm site
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = [f"{API}/treatments/?limit=50", f"{API}/conditions/?limit=50"]
    few = [count(url) for url in urls]
    conditions = [make_condition(clinic["conditions"], f"Condition {n}") for n in range(6)]
    person = Practitioner.objects.get()
    for n in range(12):
        make_treatment(
            clinic["treatments"],
            f"Treatment {n}",
            conditions[n % 3 :],
            hero_image=clinic["image"],
            reviewed_by=person,
            practitioner_links=performers(person),
        )
    assert [count(url) for url in urls] == few


# --- Kept parts --------------------------------------------------------------------


@pytest.fixture
def versions():
    """A content-version hook as a site's page cache provides: one token for the site,
    changed whenever a page is published; `versions["on"] = False` makes it keep nothing."""
    state = {"token": 0, "on": True}

    def published(**kwargs):
        state["token"] += 1

    def version(page, request):
        if not state["on"]:
            return None
        return ContentVersion(caches["default"], str(state["token"]), lambda: 300)

    page_published.connect(published)
    try:
        with hooks.register_temporarily(CONTENT_VERSION_HOOK, version):
            yield state
    finally:
        page_published.disconnect(published)
        caches["default"].clear()


def treatment_urls(page):
    return [
        f"{API}/treatments/?limit=50",
        f"{API}/treatments/?condition=acne",
        f"{API}/treatments/{page.pk}/",
        f"{API}/pages/{page.pk}/",
        f"{API}/pages/find/?html_path=/treatments/{page.slug}/",
    ]


def test_kept_answers_are_the_answers_built_afresh(client, clinic, versions):
    urls = [url for url, _ in endpoints(clinic)]

    def answers():
        with CaptureQueriesContext(connection) as queries:
            answers = {url: client.get(url).content for url in urls}
        return answers, len(queries)

    versions["on"] = False
    answers()  # renditions made, as on a warm site
    built, built_queries = answers()
    versions["on"] = True
    assert answers()[0] == built  # built, then kept
    kept, kept_queries = answers()
    assert kept == built and kept_queries < built_queries


def test_an_edited_and_published_treatment_is_answered_at_once(client, clinic, versions):
    page = clinic["needling"]
    for url in treatment_urls(page):
        assert "Microneedling" in client.get(url).content.decode()  # now kept
    page = TreatmentPage.objects.get(pk=page.pk)
    page.title = "Skin needling"
    page.summary = "Edited and published."
    page.save_revision().publish()
    for url in treatment_urls(page):
        text = client.get(url).content.decode()
        assert "Skin needling" in text and "Edited and published." in text, url
        assert '"Microneedling"' not in text, url


def test_answers_come_from_kept_parts_while_the_version_holds(client, clinic, versions):
    """What the test above relies on: without a new version, the kept parts are answered
    (here a change written straight to the database, which publishes nothing)."""
    page = clinic["needling"]
    for url in treatment_urls(page):
        client.get(url)
    TreatmentPage.objects.filter(pk=page.pk).update(summary="Changed behind the API's back.")
    for url in treatment_urls(page):
        assert "Changed behind" not in client.get(url).content.decode(), url
    versions["token"] += 1
    for url in treatment_urls(page):
        assert "Changed behind" in client.get(url).content.decode(), url


def test_previews_are_never_kept_nor_served_from_kept_parts(client, clinic, versions):
    page = clinic["needling"]
    detail = f"{API}/treatments/{page.pk}/"
    assert get_json(client, detail)["title"] == "Microneedling"  # kept
    draft = TreatmentPage.objects.get(pk=page.pk)
    for title in ("Microneedling (draft)", "Microneedling (second draft)"):
        draft.title = title
        preview = PagePreview.create_for(draft)
        url = f"{API}/preview/?content_type=treatments.treatmentpage&token={preview.token}"
        for _ in range(2):
            assert get_json(client, url)["title"] == title
    assert get_json(client, detail)["title"] == "Microneedling"
    assert get_json(client, f"{API}/pages/{page.pk}/")["title"] == "Microneedling"
