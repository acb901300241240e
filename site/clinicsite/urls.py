from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.views import search
from hosting.media import serve_photo
from search_presence.sitemaps import VisiblePagesSitemap
from search_presence.views import favicon_ico, robots_txt, server_error

from .api import clinic_api, moved_to_clinic_api, not_found, v2

urlpatterns = [
    path("api/v2/", v2.urls),
    path("api/clinic/v1/", clinic_api.urls),
    # The clinic content API's old address, until the next release (docs/api.md, "Moved").
    re_path(r"^api/v3/(?P<path>.*)$", moved_to_clinic_api),
    re_path(r"^api/", not_found),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password forms for private pages and documents, throttled (page_passwords/).
    path("", include("page_passwords.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": VisiblePagesSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon_ico),
    path("search/", search, name="search"),
    # The living style page, for staff (docs/design-system.md).
    path("styleguide/", include("styleguide.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
# Photos and renditions from local disk, never documents (hosting/media.py).
urlpatterns += [
    re_path(r"^media/(?P<path>(?:original_images|images)/[^/]+)$", serve_photo),
]

# templates/500.html with the site's name, even when the database is down.
handler500 = server_error
# A JSON 400 under /api/ for what Django refuses before any view, e.g. an unknown Host.
handler400 = "treatments.api.middleware.bad_request"

# Wagtail serves every other URL from the page tree; keep this last.
urlpatterns += [path("", include(wagtail_urls))]
