"""The site's headless API: Wagtail's API v2 and the typed API v3, composed from the apps."""

from django.http import JsonResponse
from wagtail.api.v2.router import WagtailAPIRouter

from blog.api import PostFilter
from blog.api import router as journal_router
from home.api import router as site_router
from treatments.api.http import build_api
from treatments.api.v2 import (
    ClinicPagesAPIViewSet,
    ConditionFilter,
    DocumentsAPIViewSet,
    ImagesAPIViewSet,
    PagePreviewAPIViewSet,
)
from treatments.api.v3 import pages_router, preview_router
from treatments.api.v3 import router as treatments_router


class PagesAPIViewSet(ClinicPagesAPIViewSet):
    extra_filter_backends = [ConditionFilter, PostFilter]


v2 = WagtailAPIRouter("api_v2")
v2.register_endpoint("pages", PagesAPIViewSet)
v2.register_endpoint("images", ImagesAPIViewSet)
v2.register_endpoint("documents", DocumentsAPIViewSet)
v2.register_endpoint("page_preview", PagePreviewAPIViewSet)

v3 = build_api(
    ("/pages/", pages_router),
    ("/preview/", preview_router),
    ("/", treatments_router),
    ("/", journal_router),
    ("/", site_router),
    description="Read-only, typed clinic content: treatments, conditions, the journal, "
    "clinic details and the menu. Every value is resolved: rich text as HTML, images "
    "with renditions, links as {id, title, url, type}.",
)


def not_found(request, path=""):
    """Unknown API addresses answer in JSON, like the endpoints around them."""
    return JsonResponse({"message": f"No API endpoint at {request.path}."}, status=404)
