"""One rule in one place (docs/architecture.md): what visitors and apps may see, the
breadcrumb trail, and where a booking button goes give the same answer on the page, in both
APIs and in the JSON-LD."""

import datetime
import json

from bs4 import BeautifulSoup
from django.utils import timezone

from treatments import navigation
from treatments.models import (
    ClinicSettings,
    ConditionIndexPage,
    ConditionPage,
    TreatmentIndexPage,
    TreatmentPage,
)

CTA = {"type": "call_to_action", "value": {"heading": "Ready?", "button_label": "Book now"}}


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def expire(page):
    """Past its expiry date, but still live: `publish_scheduled` has not run yet."""
    type(page).objects.filter(pk=page.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=5)
    )


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_an_expired_page_is_gone_everywhere_before_publish_scheduled_runs(client, site_root):
    treatments = publish(site_root, TreatmentIndexPage(title="Treatments", slug="treatments"))
    conditions = publish(site_root, ConditionIndexPage(title="Conditions", slug="conditions"))
    acne = publish(conditions, ConditionPage(title="Acne", summary="Spots."))
    peel = publish(treatments, TreatmentPage(title="Peel", summary="A peel."))
    publish(treatments, TreatmentPage(title="Facial", summary="A facial."))
    expire(peel)
    expire(acne)

    assert client.get(peel.url).status_code == 404
    assert client.get(acne.url).status_code == 404
    listing = [a.get_text(strip=True) for a in soup(client.get(treatments.url)).select("main h2")]
    assert listing == ["Facial"]
    assert "Acne" not in soup(client.get(conditions.url)).get_text()
    v2 = client.get("/api/v2/pages/?type=treatments.TreatmentPage").json()
    assert [item["title"] for item in v2["items"]] == ["Facial"]
    typed = client.get("/api/clinic/v1/treatments/").json()
    assert [item["title"] for item in typed["items"]] == ["Facial"]
    assert client.get(f"/api/clinic/v1/treatments/{peel.pk}/").status_code == 404


def test_the_breadcrumb_trail_is_the_same_everywhere_and_read_once(client, site_root, monkeypatch):
    treatments = publish(site_root, TreatmentIndexPage(title="Treatments", slug="treatments"))
    peel = publish(treatments, TreatmentPage(title="Peel", summary="A peel."))

    reads = []
    read_trail = navigation._trail
    monkeypatch.setattr(navigation, "_trail", lambda *args: reads.append(args) or read_trail(*args))
    page = soup(client.get(peel.url))
    assert len(reads) == 1  # the page's trail and its JSON-LD share one read

    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    crumbs = next(item for item in graph if item["@type"] == "BreadcrumbList")
    assert [item["item"] for item in crumbs["itemListElement"]][1:] == [
        treatments.full_url,
        peel.full_url,
    ]
    api = client.get(f"/api/clinic/v1/pages/{peel.pk}/").json()
    assert [crumb["title"] for crumb in api["breadcrumbs"]] == [site_root.title, "Treatments"]


def test_a_booking_button_goes_to_the_same_place_on_the_page_and_in_the_apis(client, site_root):
    clinic = ClinicSettings.for_site(site_root.get_site())
    clinic.booking_url = "https://book.example.com/clinic"
    clinic.save()
    treatments = publish(site_root, TreatmentIndexPage(title="Treatments", slug="treatments"))
    peel = publish(treatments, TreatmentPage(title="Peel", summary="A peel.", body=[CTA]))

    button = soup(client.get(peel.url)).select_one(".cta a.button")
    assert button["href"] == clinic.booking_url
    typed = client.get(f"/api/clinic/v1/treatments/{peel.pk}/").json()["body"][0]["value"]
    v2 = client.get(f"/api/v2/pages/{peel.pk}/").json()["body"][0]["value"]
    assert typed["link"] == v2["link"] == clinic.booking_url

    clinic.booking_url = ""
    clinic.save()
    assert soup(client.get(peel.url)).select_one(".cta a.button") is None
    typed = client.get(f"/api/clinic/v1/treatments/{peel.pk}/").json()["body"][0]["value"]
    assert typed["link"] is None  # not "": nothing to link to
