from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.views import search

from . import media, seo
from .api import not_found, v2, v3

urlpatterns = [
    path("api/v2/", v2.urls),
    path("api/v3/", v3.urls),
    re_path(r"^api/", not_found),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path("favicon.ico", seo.favicon_ico),
    path("search/", search, name="search"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
# Photos and renditions from local disk, never documents (clinicsite/media.py).
urlpatterns += [
    re_path(r"^media/(?P<path>(?:original_images|images)/[^/]+)$", media.serve_photo),
]

# templates/500.html with the site's name, even when the database is down.
handler500 = seo.server_error

# Wagtail serves every other URL from the page tree; keep this last.
urlpatterns += [path("", include(wagtail_urls))]
