"""The request's Wagtail site and its home page, kept while the site-wide version holds.

Wagtail looks the site up in the database on every request (by host and port), and then
its home page in its specific type: two queries before routing starts. Both change only
with what every page shows, which raises the site-wide version (signal_handlers.py: a
site saved or deleted, the home page published, moved or unpublished), so they are kept
under that version like the pages' rendered parts (PAGE_PARTS_SECONDS).
"""

from django.conf import settings
from django.http.request import split_domain_port
from wagtail.models import Site

from treatments.navigation import home_with_photo

from .versions import SITE_VERSION, current_versions, page_cache

NO_SITE = "no site"


def known_site(request):
    """Site.find_for_request's answer, from the cache while the site version holds."""
    version = current_versions([SITE_VERSION], create=True)[SITE_VERSION]
    if version is None:  # the cache is away: ask the database, as Wagtail would
        return Site._find_for_request(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    key = f"pagecache:site:{hostname}:{request.get_port()}:{version}"
    site = page_cache().get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = home_with_photo(site.root_page)
        page_cache().set(key, site or NO_SITE, settings.PAGE_PARTS_SECONDS)
    return None if site == NO_SITE else site


class KnownSiteMiddleware:
    """Gives Wagtail the request's site (`request._wagtail_site`, where
    `Site.find_for_request` keeps it for the request) from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_PARTS_SECONDS > 0:
            request._wagtail_site = known_site(request)
        return self.get_response(request)
