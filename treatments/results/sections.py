"""The public gallery: the result cases a page shows, with their photos, read once per request.

A treatment page shows its treatment's cases in its "Before and after" section
(`treatment_gallery`, through TREATMENT_SECTIONS_HOOK in wagtail_hooks.py); the results page
(`ResultsIndexPage`) shows every case, filtered by treatment and condition. Both take their
cases from `public_cases`: `ResultCase.objects.shown()` (live, with the patient's consent
valid for the website today) of treatments visitors may see. The page's JSON-LD
(structured_data.py) describes the same photos, from the same lists.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import Http404
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.models import Site

from treatments.images import images_for, parsed, picture_size
from treatments.models import ConditionPage, TreatmentPage
from treatments.visibility import visible

from .models import ResultCase, ResultsIndexPage, ResultsSettings

# The rendition size of every before and after photo (treatments/images.py).
PHOTO = "result"


def public_cases():
    """Cases visitors may see, newest first (ResultCase.Meta.ordering, as in the APIs):
    shown (consent valid today) and of a treatment whose page visitors may see."""
    return ResultCase.objects.public()


def with_photos(cases):
    """`cases` as a list, each with its before and after photo and their renditions: two
    queries for any number of cases (a prefetch per photo field would take four). A case
    whose photo was deleted meanwhile (consent withdrawn during the request) is left out."""
    cases = list(cases)
    ids = {pk for case in cases for pk in (case.before_image_id, case.after_image_id)}
    photos = images_for(PHOTO).in_bulk(ids) if ids else {}
    complete = []
    for case in cases:
        if case.before_image_id in photos and case.after_image_id in photos:
            case.before_image = photos[case.before_image_id]
            case.after_image = photos[case.after_image_id]
            complete.append(case)
    return complete


def shown_rendition(image):
    """The rendition a photo's `<img>` shows (its src): the photo's own format at the size's
    base width, as `{% responsive_picture image "result" %}` draws it. For the JSON-LD."""
    size = picture_size(PHOTO)
    specs = size.specs_for(image)
    # specs_for lists each format's widths, the <img>'s format last and its src first.
    spec = specs[-len(size.widths_for(image))]
    return get_renditions_or_not_found(image, [parsed(spec)])[spec]


def _memo(request, key, build):
    """`build()` once per request (the page's body and its JSON-LD both read the gallery)."""
    if request is None:
        return build()
    memo = request.__dict__.setdefault("_treatments_results", {})
    if key not in memo:
        memo[key] = build()
    return memo[key]


def results_vary(request):
    """The site's "results vary" statement (Settings › Results gallery)."""
    return ResultsSettings.for_request(request).results_vary


def results_page(request):
    """The request's site's results page, if visitors may see it, or None."""

    def find():
        site = Site.find_for_request(request) if request else None
        if site is None:
            return None
        pages = visible(ResultsIndexPage.objects.descendant_of(site.root_page, inclusive=True))
        return pages.first()

    return _memo(request, "results_page", find)


@dataclass
class Gallery:
    """What a gallery shows: its cases, the "results vary" statement, and a link to the
    results page filtered by the treatment. False when it has no case (no section)."""

    cases: list = field(default_factory=list)
    results_vary: str = ""
    more_url: str = ""

    def __bool__(self):
        return bool(self.cases)


def treatment_gallery(page, request):
    """The "Before and after" section of a treatment page: its treatment's shown cases."""

    def build():
        if page.pk is None:  # the preview of a treatment never saved has no cases
            return Gallery()
        shown = ResultCase.objects.shown().filter(treatment=page.pk)
        cases = with_photos(shown.select_related("practitioner"))
        if not cases:
            return Gallery()
        for case in cases:
            case.treatment = page
        index = results_page(request)
        more = f"{index.get_url(request)}?{urlencode({'treatment': page.slug})}" if index else ""
        return Gallery(cases, results_vary(request), more)

    return _memo(request, ("treatment", page.pk), build)


# --- The results page --------------------------------------------------------------


def treatments_with_results():
    """The treatments the results page offers as filters: those with cases to show."""
    return visible(TreatmentPage.objects.filter(pk__in=public_cases().values("treatment")))


def conditions_with_results():
    """The conditions the results page offers as filters: those with cases to show."""
    return visible(ConditionPage.objects.filter(pk__in=public_cases().values("conditions")))


@dataclass(frozen=True)
class Filters:
    """The treatment and condition a visitor chose on the results page (None: all)."""

    treatment: TreatmentPage | None = None
    condition: ConditionPage | None = None

    def __bool__(self):
        return bool(self.treatment or self.condition)


def _chosen(request, name, options):
    values = request.GET.getlist(name)
    if values in ([], [""]):
        return None
    # A value that is not on offer (junk, a treatment without results, the same name twice)
    # is a page that does not exist: answered 404, never kept as a part or a cached copy.
    if len(values) > 1:
        raise Http404(f"Choose one {name}.")
    found = options.filter(slug=values[0]).first()
    if found is None:
        raise Http404(f"No results for this {name}.")
    return found


def read_filters(request):
    """The results page's filters from `?treatment=<slug>&condition=<slug>`; Http404 for a
    value the page does not offer. Read once per request."""

    def read():
        return Filters(
            _chosen(request, "treatment", treatments_with_results()),
            _chosen(request, "condition", conditions_with_results()),
        )

    return _memo(request, "filters", read)


def index_gallery(request):
    """The results page's cases for the request's filters, newest first."""

    def build():
        filters = read_filters(request)
        cases = public_cases()
        if filters.treatment:
            cases = cases.filter(treatment=filters.treatment)
        if filters.condition:
            cases = cases.filter(conditions=filters.condition)
        cases = with_photos(cases.select_related("treatment", "practitioner"))
        return Gallery(cases, results_vary(request) if cases else "")

    return _memo(request, "index", build)
