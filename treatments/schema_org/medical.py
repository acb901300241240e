"""schema.org items of treatment and condition pages: medical web pages about a
MedicalProcedure or a MedicalCondition, with their FAQ."""

from treatments.models import ConditionPage, TreatmentPage
from treatments.prices import currency_for, offers

from .graph import (
    SCHEMA,
    block_properties,
    compact,
    full_url,
    hero_image,
    node_id,
    page_items,
    person,
    web_page,
    with_faq,
)

# A treatment is typed as both: MedicalProcedure carries procedureType, howPerformed
# and followup; MedicalTherapy (a kind of MedicalProcedure) adds contraindication and
# is what a MedicalCondition's possibleTreatment expects.
TREATMENT_TYPES = ["MedicalProcedure", "MedicalTherapy"]


def medical_web_page(page, request, entity):
    """A treatment's or condition's page, about `entity` (the node it describes).

    The one place for properties of medical pages as such: who last reviewed the page
    and when (`reviewedBy`, `lastReviewed`), stated only when the page itself shows its
    "Medically reviewed" line (`medical_review`).
    """
    reference = {"@id": entity["@id"]} if entity.get("@id") else None
    review = page.medical_review
    reviewed = review.date if review else None
    reviewer = review.reviewer if review else None
    return web_page(
        page,
        request,
        "MedicalWebPage",
        about=reference,
        mainEntity=reference,
        primaryImageOfPage=entity.get("image"),
        reviewedBy=person(reviewer, request) if reviewer else None,
        lastReviewed=reviewed,
    )


def medical_procedure(page, request):
    """The treatment: what it is, how it is done, preparation, aftercare and who should not,
    and what it costs (`offers`, none when prices are on request: treatments/prices.py)."""
    url = full_url(page, request)
    price_offers = offers(page, currency_for(request), url)
    return compact(
        {
            # schema.org gives `offers` to a Service, not to a MedicalProcedure: a treatment
            # with published prices is both.
            "@type": TREATMENT_TYPES + ["Service"] if price_offers else TREATMENT_TYPES,
            "@id": node_id(url, "treatment"),
            "name": page.title,
            "alternateName": page.other_names,
            "description": page.summary,
            "url": url,
            "image": hero_image(page, request),
            "procedureType": f"{SCHEMA}{page.procedure_type}" if page.procedure_type else None,
            "bodyLocation": page.body_location,
            "preparation": page.preparation,
            # howPerformed, followup, contraindication: from the sections that give them.
            **block_properties(page.body, request),
            "offers": price_offers,
        }
    )


@page_items(TreatmentPage)
def treatment_items(page, request):
    """A treatment page: MedicalWebPage about its MedicalProcedure, plus its FAQ."""
    procedure = medical_procedure(page, request)
    return with_faq(
        [medical_web_page(page, request, procedure), procedure], page, page.body, request
    )


def treatment_reference(treatment, request):
    """A treatment named elsewhere, with the @id of its own page's item."""
    url = full_url(treatment, request)
    return {
        "@type": TREATMENT_TYPES,
        "@id": node_id(url, "treatment"),
        "name": treatment.title,
        "url": url,
    }


def medical_condition(page, treatments, request):
    """The condition, with the live treatments that list it as possible treatments."""
    url = full_url(page, request)
    return compact(
        {
            "@type": "MedicalCondition",
            "@id": node_id(url, "condition"),
            "name": page.title,
            "description": page.summary,
            "url": url,
            "image": hero_image(page, request),
            "possibleTreatment": [treatment_reference(t, request) for t in treatments],
        }
    )


@page_items(ConditionPage)
def condition_items(page, request):
    """A condition page: MedicalWebPage about its MedicalCondition, plus its FAQ.

    Its possible treatments are the ones the page lists (the same query's result).
    """
    condition = medical_condition(page, page.treatments(), request)
    return with_faq(
        [medical_web_page(page, request, condition), condition], page, page.description, request
    )
