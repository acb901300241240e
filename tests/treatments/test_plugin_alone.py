"""The plugin stands alone: in a site with no other apps of this repository, its pages
render and its optional layers answer (run in a bare site by `make test-plugin`)."""

import json

from bs4 import BeautifulSoup

from treatments.models import (
    ConditionIndexPage,
    ConditionPage,
    TreatmentCondition,
    TreatmentIndexPage,
    TreatmentPage,
)

STEPS = {
    "type": "what_to_expect",
    "value": {
        "heading": "What to expect",
        "steps": [{"title": "Cleanse", "description": "<p>We wash your skin.</p>"}],
    },
}


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_treatment_and_a_condition_page_render_in_any_site(client, site_root):
    treatments = publish(site_root, TreatmentIndexPage(title="Treatments", slug="treatments"))
    conditions = publish(site_root, ConditionIndexPage(title="Conditions", slug="conditions"))
    acne = publish(conditions, ConditionPage(title="Acne", summary="Spots and blemishes."))
    peel = TreatmentPage(
        title="Chemical peel",
        summary="A fruit-acid peel.",
        body=[STEPS],
        treated_conditions=[TreatmentCondition(condition=acne, sort_order=0)],
    )
    publish(treatments, peel)

    page = BeautifulSoup(client.get(peel.url).content, "html.parser")
    assert page.h1.get_text(strip=True) == "Chemical peel"
    assert [a.get_text() for a in page.select("#what-it-treats a")] == ["Acne"]
    assert [h.get_text() for h in page.select("#what-to-expect h3")] == ["Cleanse"]
    graph = json.loads(page.find("script", type="application/ld+json").string)["@graph"]
    assert {"MedicalProcedure", "MedicalTherapy"} in [
        set(item["@type"]) for item in graph if isinstance(item["@type"], list)
    ]

    condition = BeautifulSoup(client.get(acne.url).content, "html.parser")
    assert condition.h1.get_text(strip=True) == "Acne"
    assert "Chemical peel" in [a.get_text(strip=True) for a in condition.select("main a")]

    data = client.get(f"/api/clinic/v1/treatments/{peel.pk}/").json()
    assert data["conditions"][0]["title"] == "Acne"
    assert data["body"][0]["value"]["steps"][0]["title"] == "Cleanse"
    v2 = client.get(f"/api/v2/pages/{peel.pk}/").json()
    assert v2["meta"]["type"] == "treatments.TreatmentPage"


def test_clinical_review_brings_its_roles_and_workflow(db):
    """treatments.review's own migrations make the groups and the workflow, site or no site."""
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow

    assert {"Marketing editors", "Clinical reviewers", "Site managers"} <= set(
        Group.objects.values_list("name", flat=True)
    )
    workflow = Workflow.objects.get(name="Clinical review", active=True)
    assert [task.specific_class.__name__ for task in workflow.tasks] == ["ClinicalReviewTask"]
