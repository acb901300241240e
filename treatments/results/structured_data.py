"""JSON-LD of the before-and-after photos a page shows (treatments/schema_org/graph.py).

Each shown case's before and after photo is an ImageObject: the address of the rendition
the page shows, its size, its alt text as `description`, the case's caption and the
treatment it is `about`. Nothing about the patient or their consent: a case a page does not
show (consent withdrawn or expired, a draft) is not described either, since the items come
from the same lists as the page (sections.py).
"""

from treatments.models import TreatmentPage
from treatments.schema_org.graph import compact, full_url, node_id

from .models import ResultsIndexPage
from .sections import index_gallery, shown_rendition, treatment_gallery

PAIR = ("before", "after")


def photo(case, which, page_url, request):
    image, alt = getattr(case, f"{which}_image"), getattr(case, f"{which}_alt")
    rendition = shown_rendition(image)
    return compact(
        {
            "@type": "ImageObject",
            "@id": node_id(page_url, f"result-{case.pk}-{which}"),
            "name": f"{case.treatment.title}: {which}",
            "contentUrl": request.build_absolute_uri(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "description": alt,
            "caption": case.caption,
            "about": {"@id": node_id(full_url(case.treatment, request), "treatment")},
        }
    )


def result_photos(page, request):
    """The photos of the cases the request shows: a treatment page's gallery, the results
    page's (for its filters); [] elsewhere."""
    below = getattr(request, "routable_resolver_match", None)
    if below is not None and below.route != "":
        return []  # a view of its own below the page, e.g. a treatment's aftercare sheet
    if isinstance(page, TreatmentPage):
        gallery = treatment_gallery(page, request)
    elif isinstance(page, ResultsIndexPage):
        gallery = index_gallery(request)
    else:
        return []
    url = full_url(page, request)
    return [photo(case, which, url, request) for case in gallery.cases for which in PAIR]
