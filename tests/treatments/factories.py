"""Small builders for the page tree the tests need, and helpers to read what they render."""

import json

from bs4 import BeautifulSoup
from wagtail.models import Site

from treatments.models import (
    ConditionIndexPage,
    ConditionPage,
    TreatmentCondition,
    TreatmentIndexPage,
    TreatmentPage,
    TreatmentPractitioner,
    mark_as_reviewed,
)

WHAT_TO_EXPECT = {
    "type": "what_to_expect",
    "value": {
        "heading": "What to expect",
        "steps": [
            {"title": "Consultation", "description": "<p>We talk first.</p>", "duration": ""},
            {"title": "Treatment", "description": "<p>Fine needles.</p>", "duration": "30 min"},
        ],
    },
}
AFTERCARE = {
    "type": "aftercare",
    "value": {
        "heading": "Aftercare",
        "stages": [{"when": "First 24 hours", "dos": ["Use SPF"], "donts": ["No make-up"]}],
    },
}


def publish(parent, page):
    parent.add_child(instance=page)
    reviewed(page.save_revision()).publish()
    return page


def reviewed(revision):
    """A revision of a page given review dates, marked as the version that was reviewed, as
    a clinical reviewer's approval marks it (ClinicalReviewMixin.medical_review)."""
    if revision.content.get("last_reviewed"):
        mark_as_reviewed(revision)
    return revision


def build_indexes(home):
    treatments = publish(home, TreatmentIndexPage(title="Treatments", slug="treatments"))
    conditions = publish(home, ConditionIndexPage(title="Conditions", slug="conditions"))
    return treatments, conditions


def make_condition(index, title, **fields):
    fields.setdefault("summary", f"About {title.lower()}.")
    return publish(index, ConditionPage(title=title, **fields))


def make_treatment(index, title, conditions=(), live=True, **fields):
    fields.setdefault("summary", f"About {title.lower()}.")
    page = TreatmentPage(
        title=title,
        live=live,
        treated_conditions=[
            TreatmentCondition(condition=c, note=f"note {i}", sort_order=i)
            for i, c in enumerate(conditions)
        ],
        **fields,
    )
    index.add_child(instance=page)
    revision = reviewed(page.save_revision())
    if live:
        revision.publish()
    return page


def performers(*people):
    """A treatment's "Who performs it" list (`practitioner_links=`), in this order."""
    return [TreatmentPractitioner(practitioner=p, sort_order=i) for i, p in enumerate(people)]


def default_site():
    return Site.objects.get(is_default_site=True)


def list_block(items):
    """ListBlock form data, like Wagtail's `streamfield()` helper for a StreamField."""
    data = {
        str(i): {"value": item, "deleted": "", "order": str(i), "id": ""}
        for i, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# --- Reading a page's JSON-LD as a search engine does --------------------------------------


def graph(client, path, status=200):
    """The @graph of the page's one JSON-LD script, parsed as JSON."""
    response = client.get(path)
    assert response.status_code == status, path
    scripts = soup(response).find_all("script", type="application/ld+json")
    assert len(scripts) == 1, path
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def types(item):
    return item["@type"] if isinstance(item["@type"], list) else [item["@type"]]


def all_of(items, schema_type):
    return [item for item in items if schema_type in types(item)]


def one(items, schema_type):
    found = all_of(items, schema_type)
    assert len(found) == 1, [types(item) for item in items]
    return found[0]
