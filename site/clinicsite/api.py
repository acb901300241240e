"""The site's headless API: Wagtail's API v2 and the typed clinic content API, composed from
the apps."""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import reverse
from django.utils.encoding import escape_uri_path, iri_to_uri
from wagtail.api.v2.router import WagtailAPIRouter

from blog.api import PostFilter
from blog.api import router as journal_router
from home.api import router as site_router
from treatments.api.clinic_api import pages_router, preview_router
from treatments.api.clinic_api import router as treatments_router
from treatments.api.http import build_api
from treatments.api.v2 import (
    ClinicPagesAPIViewSet,
    ConditionFilter,
    DocumentsAPIViewSet,
    ImagesAPIViewSet,
    PagePreviewAPIViewSet,
)


class PagesAPIViewSet(ClinicPagesAPIViewSet):
    extra_filter_backends = [ConditionFilter, PostFilter]


v2 = WagtailAPIRouter("api_v2")
v2.register_endpoint("pages", PagesAPIViewSet)
v2.register_endpoint("images", ImagesAPIViewSet)
v2.register_endpoint("documents", DocumentsAPIViewSet)
v2.register_endpoint("page_preview", PagePreviewAPIViewSet)

clinic_api = build_api(
    ("/pages/", pages_router),
    ("/preview/", preview_router),
    ("/", treatments_router),
    ("/", journal_router),
    ("/", site_router),
    description="Read-only, typed clinic content: treatments, conditions, the journal, "
    "clinic details and the menu. Every value is resolved: rich text as HTML, images "
    "with renditions, links as {id, title, url, type}.",
)


def moved_to_clinic_api(request, path=""):
    """The clinic content API was at /api/v3/ until 2026-12 (docs/api.md, "Moved"): a
    permanent redirect to the same path and query under /api/clinic/v1/.

    308, not 301: the client repeats the same method (a HEAD stays a HEAD; a POST is not
    turned into a GET that would look as if it had succeeded). CORS headers are added by
    corsheaders, which runs first, so a browser front end can follow it.
    """
    location = reverse(f"{clinic_api.urls_namespace}:api-root") + escape_uri_path(path)
    query = request.META.get("QUERY_STRING", "")
    if query:
        location += "?" + iri_to_uri(query)
    return HttpResponsePermanentRedirect(location, preserve_request=True)


def not_found(request, path=""):
    """Unknown API addresses answer in JSON, like the endpoints around them."""
    return JsonResponse({"message": f"No API endpoint at {request.path}."}, status=404)
