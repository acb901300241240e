from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter

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
    extra_filter_backends = [ConditionFilter]


v2 = WagtailAPIRouter("api_v2")
v2.register_endpoint("pages", PagesAPIViewSet)
# The plugin's other API v2 endpoints, which a site registers as it chooses.
v2.register_endpoint("images", ImagesAPIViewSet)
v2.register_endpoint("documents", DocumentsAPIViewSet)
v2.register_endpoint("page_preview", PagePreviewAPIViewSet)
clinic_api = build_api(
    ("/pages/", pages_router), ("/preview/", preview_router), ("/", treatments_router)
)

urlpatterns = [
    path("api/v2/", v2.urls),
    path("api/clinic/v1/", clinic_api.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("", include(wagtail_urls)),
]
# A JSON 400 under /api/ for what Django refuses before any view, e.g. an unknown Host.
handler400 = "treatments.api.middleware.bad_request"
