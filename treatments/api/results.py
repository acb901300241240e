"""Before-and-after results in both APIs: `/results/` in the clinic content API and the
`results` of a treatment (also in API v2). Imported only when `treatments.results` is
installed (apps.py, clinic_api.py).

Every case comes from `ResultCase.objects.shown()`, the rule that a case is public only
while its patient's consent allows the website; nothing here reads or returns a consent
record: an API consumer cannot tell a case was ever linked to one.
"""

from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from treatments.results.models import ResultCase as Case
from treatments.results.models import ResultsSettings

from ..models import ConditionPage, TreatmentPage, profile_url
from .content import find_live, index_fields, live
from .fields import ResolvedField
from .http import ERRORS, ListQuery, built, object_id, paginate, strict_query
from .locations import LINK_COLUMNS
from .types import Image, PageLink
from .values import api_images, image_json, page_link


class ResultPractitioner(Schema):
    id: int
    name: str
    slug: str = Field(description="Their profile's id in addresses, e.g. 'priya-nair'.")
    url: str | None = Field(description="Their profile page; null when the site has no team page.")
    role: str


class ResultCase(Schema):
    """One patient's before-and-after photos from a course of one treatment. Show the two
    photos side by side, with the clinic's `results_vary` statement."""

    id: int
    treatment: PageLink
    conditions: list[PageLink] = Field(description="The conditions it shows, A to Z.")
    practitioner: ResultPractitioner | None = Field(
        description="Who performed the treatment; null if not given."
    )
    sessions: int = Field(description="How many sessions the patient had between the photos.")
    time_between: str = Field(description="Time between the photos, e.g. '12 weeks'.")
    before: Image = Field(description="The before photo; its alt text describes the skin.")
    after: Image = Field(description="The after photo; its alt text describes the change.")
    caption: str = Field(description="What changed, in a sentence or two; plain text.")


class ResultCaseDetail(ResultCase):
    results_vary: str = Field(description="The clinic's 'results vary' statement to show with it.")


class ResultCaseList(Schema):
    count: int
    items: list[ResultCase]
    results_vary: str = Field(
        description="The clinic's 'results vary' statement to show with them."
    )


def public_cases():
    """Cases visitors may see, newest first, with what `case_json` reads, in six queries
    however many there are: shown by their consent, of a treatment visitors may see."""
    conditions = live(ConditionPage.objects.order_by("title")).only(*LINK_COLUMNS)
    return (
        Case.objects.public()
        .select_related("practitioner", "treatment")
        .only(
            *(field.attname for field in Case._meta.concrete_fields),
            *(f"treatment__{name}" for name in LINK_COLUMNS),
            "practitioner__name",
            "practitioner__slug",
            "practitioner__role",
        )
        .prefetch_related(
            Prefetch("conditions", queryset=conditions),
            Prefetch("before_image", queryset=api_images()),
            Prefetch("after_image", queryset=api_images()),
        )
        .order_by("-pk")
    )


def _practitioner(person, context):
    if person is None:
        return None
    return {
        "id": person.pk,
        "name": person.name,
        "slug": person.slug,
        "url": profile_url(person, context.get("request")),
        "role": person.role,
    }


def _photo(image, alt, context):
    # Titled by its alt text: an uploaded photo's own title may name the patient.
    return {**image_json(image, alt, context), "title": alt}


def case_json(case, context):
    return {
        "id": case.pk,
        "treatment": page_link(case.treatment, context),
        "conditions": [page_link(condition, context) for condition in case.conditions.all()],
        "practitioner": _practitioner(case.practitioner, context),
        "sessions": case.sessions,
        "time_between": case.time_between,
        "before": _photo(case.before_image, case.before_alt, context),
        "after": _photo(case.after_image, case.after_alt, context),
        "caption": case.caption,
    }


def results_vary(request):
    return ResultsSettings.for_request(request).results_vary


# --- The endpoints ---------------------------------------------------------------------

router = Router(tags=["results"])


class ResultQuery(ListQuery):
    treatment: str | None = Field(
        None, description="Only results of this treatment: its slug or id."
    )
    condition: str | None = Field(
        None, description="Only results for this condition: its slug or id."
    )


@router.get(
    "/results/",
    response={200: ResultCaseList, **ERRORS},
    summary="Before-and-after results, newest first, optionally of one treatment or condition",
)
@strict_query
def list_results(request, response: HttpResponse, query: ResultQuery = Query(...)):
    cases = public_cases()
    try:
        if query.treatment is not None:
            treatments = live(TreatmentPage.objects.all())
            cases = cases.filter(treatment=find_live(treatments, query.treatment, "treatment"))
        if query.condition is not None:
            conditions = live(ConditionPage.objects.all())
            cases = cases.filter(conditions=find_live(conditions, query.condition, "condition"))
    except ValueError as error:
        raise HttpError(400, str(error)) from None
    count, page = paginate(cases, query)
    context = {"request": request}
    items = [case_json(case, context) for case in page]
    return built(response, {"count": count, "items": items, "results_vary": results_vary(request)})


@router.get(
    "/results/{case_id}/",
    response={200: ResultCaseDetail, **ERRORS},
    summary="One before-and-after result",
)
@strict_query
def result_detail(request, response: HttpResponse, case_id: int = object_id()):
    case = public_cases().filter(pk=case_id).first()
    if case is None:
        # The same answer for a case that never existed and one no longer shown.
        raise Http404(f"No result has the id {case_id}.")
    data = {**case_json(case, {"request": request}), "results_vary": results_vary(request)}
    return built(response, data)


# --- A treatment's results, in both APIs -------------------------------------------------


def _treatment_results(page, context):
    if not page.pk:  # a preview of a treatment not saved yet: no case names it
        return []
    return [case_json(case, context) for case in public_cases().filter(treatment=page.pk)]


def treatment_results_field():
    return ResolvedField(
        "results",
        list[ResultCase],
        _treatment_results,
        detail_only=True,
        description="Before-and-after results of this treatment, newest first.",
    )


def results_index_fields():
    """The results page: its intro and every case visitors may see (detail only)."""
    return index_fields(
        "results",
        list[ResultCase],
        lambda page, context: [case_json(case, context) for case in public_cases()],
        "Every before-and-after result, newest first.",
    )
