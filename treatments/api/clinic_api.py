"""The clinic content API's building blocks: a read-only Django Ninja API with typed,
resolved content, served at /api/clinic/v1/ (docs/api.md).

Not Wagtail 8's own API v3 (`wagtail.api.v3`), which types StreamField bodies as `Any`
and includes write endpoints; this API is read-only and types every block. A site builds
it with `build_api(...)` from `http.py`, adding the routers of its other apps.
"""

from typing import Literal

from django.apps import apps
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Path as PathParam
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field, create_model
from wagtail.models import Page, Site

from ..blocks import NETWORKS
from ..models import ClinicSettings, ConditionPage, LocationPage, TreatmentPage
from .content import (
    PractitionerProfile,
    Testimonial,
    find_live,
    for_condition,
    live,
    practitioner_profile,
    practitioners,
    testimonial_json,
    testimonials,
)
from .http import (
    ERRORS,
    MAX_HTML_PATH,
    MAX_ID,
    Integer,
    ListQuery,
    built,
    object_id,
    paginate,
    paginated,
    strict_query,
)
from .models import PagePreview
from .pages import (
    PageSummary,
    any_page_detail,
    detail_json,
    detail_model,
    page_detail,
    page_list,
    page_summary,
    page_type,
    site_pages,
    summary_model,
)
from .streamfield import stream_json, stream_type
from .types import PageLink
from .values import absolute, page_link

# --- The plugin's endpoints ------------------------------------------------------

router = Router(tags=["treatments"])

TreatmentSummary = summary_model(TreatmentPage)
TreatmentList = paginated(TreatmentSummary, "TreatmentList")
ConditionSummary = summary_model(ConditionPage)
ConditionList = paginated(ConditionSummary, "ConditionList")


class TreatmentQuery(ListQuery):
    condition: str | None = Field(
        None, description="Only treatments for this condition: its slug or id."
    )


@router.get(
    "/treatments/",
    response={200: TreatmentList, **ERRORS},
    summary="List treatments, optionally for one condition",
)
@strict_query
def list_treatments(request, response: HttpResponse, query: TreatmentQuery = Query(...)):
    treatments = site_pages(request, TreatmentPage).order_by("path")
    if query.condition is not None:
        try:
            treatments = for_condition(treatments, query.condition)
        except ValueError as error:
            raise HttpError(400, str(error)) from None
    return built(response, page_list(request, treatments, query))


@router.get(
    "/treatments/{treatment_id}/",
    response={200: detail_model(TreatmentPage), **ERRORS},
    summary="One treatment with its body, conditions and practitioners",
)
@strict_query
def treatment_detail(request, response: HttpResponse, treatment_id: int = object_id()):
    return built(response, page_detail(request, TreatmentPage, treatment_id))


@router.get(
    "/conditions/",
    response={200: ConditionList, **ERRORS},
    summary="List conditions, A to Z, with the treatments for each",
)
@strict_query
def list_conditions(request, response: HttpResponse, query: ListQuery = Query(...)):
    conditions = site_pages(request, ConditionPage).order_by("title")
    return built(response, page_list(request, conditions, query))


@router.get(
    "/conditions/{condition_id}/",
    response={200: detail_model(ConditionPage), **ERRORS},
    summary="One condition with its description and treatments",
)
@strict_query
def condition_detail(request, response: HttpResponse, condition_id: int = object_id()):
    return built(response, page_detail(request, ConditionPage, condition_id))


@router.get(
    "/practitioners/",
    response={200: list[PractitionerProfile], **ERRORS},
    summary="The clinical team with the treatments each performs",
)
@strict_query
def list_practitioners(request):
    context = {"request": request}
    return [practitioner_profile(person, context) for person in practitioners(True)]


@router.get(
    "/practitioners/{slug}/",
    response={200: PractitionerProfile, **ERRORS},
    summary="One practitioner, by the slug of their profile, with the treatments they perform",
)
@strict_query
def practitioner_detail(request, slug: str = PathParam(..., max_length=80)):
    person = practitioners(True).filter(slug=slug).first()
    if person is None:
        raise Http404(f"No practitioner has the slug '{slug}'.")
    return practitioner_profile(person, {"request": request})


TestimonialList = paginated(Testimonial, "TestimonialList")


class TestimonialQuery(ListQuery):
    treatment: str | None = Field(
        None, description="Only testimonials about this treatment: its slug or id."
    )


@router.get(
    "/testimonials/",
    response={200: TestimonialList, **ERRORS},
    summary="Patients' testimonials, newest first, optionally about one treatment",
)
@strict_query
def list_testimonials(request, response: HttpResponse, query: TestimonialQuery = Query(...)):
    found = testimonials()
    if query.treatment is not None:
        treatments = live(TreatmentPage.objects.all())
        try:
            found = found.filter(treatment=find_live(treatments, query.treatment, "treatment"))
        except ValueError as error:
            raise HttpError(400, str(error)) from None
    count, page = paginate(found, query)
    context = {"request": request}
    items = [testimonial_json(testimonial, context) for testimonial in page]
    return built(response, {"count": count, "items": items})


LocationSummary = summary_model(LocationPage)
LocationList = paginated(LocationSummary, "LocationList")


@router.get(
    "/locations/",
    response={200: LocationList, **ERRORS},
    summary="The clinic's locations, in site order, with their hours, closures and treatments",
)
@strict_query
def list_locations(request, response: HttpResponse, query: ListQuery = Query(...)):
    locations = site_pages(request, LocationPage).order_by("path")
    return built(response, page_list(request, locations, query))


@router.get(
    "/locations/{location_id}/",
    response={200: detail_model(LocationPage), **ERRORS},
    summary="One location with its address, hours, closures, directions and treatments",
)
@strict_query
def location_detail(request, response: HttpResponse, location_id: int = object_id()):
    return built(response, page_detail(request, LocationPage, location_id))


# Before-and-after results, where the optional app that keeps them is installed.
if apps.is_installed("treatments.results"):
    from .results import router as results_router

    router.add_router("", results_router)


class Logo(Schema):
    """The clinic's logo as uploaded: no renditions, a logo may be an SVG."""

    url: str = Field(description="Absolute address of the uploaded file.")
    width: int
    height: int
    alt: str = Field(description="The clinic's name; use an empty alt where the name is beside it.")


class SocialLink(Schema):
    network: Literal[tuple(code for code, _ in NETWORKS)]
    name: str = Field(
        description="What visitors read: the network's name, or the clinic's own "
        "name for it when the network is 'other'."
    )
    url: str


ClinicDetails = create_model(
    "ClinicDetails",
    __base__=Schema,
    name=(str, ...),
    logo=(Logo | None, Field(..., description="Null when none is set: show your own mark.")),
    phone=(str, ...),
    email=(str, ...),
    address_lines=(list[str], ...),
    opening_hours=(
        stream_type(
            ClinicSettings._meta.get_field("opening_hours").stream_block, "OpeningHoursList"
        ),
        ...,
    ),
    booking_url=(str, Field(..., description="Where visitors book; empty if not set.")),
    social_links=(
        list[SocialLink],
        Field(..., description="The clinic's social media profiles, in the editor's order."),
    ),
    privacy_page=(
        PageLink | None,
        Field(..., description="The privacy notice; null when none is set or it is not public."),
    ),
)


@router.get(
    "/settings/clinic/",
    response={200: ClinicDetails, **ERRORS},
    summary="The clinic's name, logo, contact details, opening hours, booking link, social "
    "media profiles and privacy notice",
)
@strict_query
def clinic_details(request):
    details = ClinicSettings.for_request(request)
    context = {"request": request}
    logo, privacy = details.logo, details.privacy_notice
    return {
        "name": details.name,
        "logo": logo
        and {
            "url": absolute(logo.file.url, context),
            "width": logo.width,
            "height": logo.height,
            "alt": details.name,
        },
        "phone": details.phone,
        "email": details.email,
        "address_lines": details.address_lines,
        "opening_hours": stream_json(details.opening_hours, context),
        "booking_url": details.booking_url,
        "social_links": [
            link.block.get_api_representation(link.value, context) for link in details.social_links
        ],
        "privacy_page": privacy and page_link(privacy, context),
    }


# --- Any page: list, find by path, detail, preview ----------------------------------

pages_router = Router(tags=["pages"])
PageDetailUnion = any_page_detail()
PageList = paginated(PageSummary, "PageList")


class PageQuery(ListQuery):
    type: str | None = Field(None, description="Only pages of this type, e.g. blog.BlogPage.")
    child_of: Integer | None = Field(
        None, ge=1, le=MAX_ID, description="Only the children of this page id."
    )


@pages_router.get("/", response={200: PageList, **ERRORS}, summary="List live pages in site order")
@strict_query
def list_pages(request, response: HttpResponse, query: PageQuery = Query(...)):
    pages = site_pages(request).order_by("path")
    if query.type:
        pages = pages.type(page_type(query.type))
    if query.child_of is not None:
        parent = get_object_or_404(site_pages(request), pk=query.child_of)
        pages = pages.child_of(parent)
    count, items = paginate(pages.specific(defer=True), query)
    context = {"request": request}
    return built(
        response, {"count": count, "items": [page_summary(page, context) for page in items]}
    )


@pages_router.get(
    "/find/",
    response={200: PageDetailUnion, **ERRORS},
    summary="Find a page by its address, e.g. ?html_path=/treatments/microneedling/",
)
@strict_query
def find_page(
    request, response: HttpResponse, html_path: str = Query(..., max_length=MAX_HTML_PATH)
):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site is set up for this host.")
    components = [part for part in html_path.split("/") if part]
    try:
        page, _, _ = site.root_page.specific.route(request, components)
    except Http404:
        raise Http404(f"No page at {html_path}.") from None
    page = site_pages(request).filter(pk=page.pk).first()
    if page is None:
        raise Http404(f"No page at {html_path}.")
    return built(response, detail_json(page.specific, request))


@pages_router.get(
    "/{page_id}/",
    response={200: PageDetailUnion, **ERRORS},
    summary="One page with every field, bodies included",
)
@strict_query
def any_page_detail_view(request, response: HttpResponse, page_id: int = object_id()):
    return built(response, page_detail(request, Page, page_id))


preview_router = Router(tags=["preview"])


@preview_router.get(
    "/",
    response={200: PageDetailUnion, **ERRORS},
    summary="A draft being previewed in the admin, with the token the preview link carries",
)
@strict_query
def preview(
    request, response: HttpResponse, content_type: str = Query(...), token: str = Query(...)
):
    page = PagePreview.find(content_type, token)
    if page is None:
        raise Http404("This preview link is invalid or has expired. Preview the page again.")
    response["Cache-Control"] = "private, no-store"  # a draft: never in a shared cache
    return built(response, detail_json(page, request, preview=True))
