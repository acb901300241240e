"""Whole-page cache for anonymous visitors, shared by every app server (docs/deployment.md).

Only Wagtail pages are kept: a page notes the versions it is built from as Wagtail is
about to serve it (wagtail_hooks.py), and a copy is used only while those versions are
current (versions.py). PAGE_CACHE_SECONDS bounds how long any entry lives; 0 switches the
cache off.
"""

import hashlib

from django.conf import settings
from django.utils.cache import patch_cache_control

from .versions import SITE_VERSION, current_versions, page_cache, page_version_key

HIT_HEADER = "X-Page-Cache"


def _entry_key(request):
    address = f"{request.get_host()}{request.get_full_path()}"
    return "pagecache:entry:" + hashlib.sha256(address.encode()).hexdigest()


def _may_use_cache(request):
    # A session cookie means a signed-in editor (or a visitor mid-form): they must see
    # their own state, so they skip the cache without a database lookup. Wagtail's preview
    # renders a draft through a stand-in request, which must never meet the live copy.
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not getattr(request, "is_dummy", False)
    )


def _may_store(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and "no-cache" not in cache_control
        and response.get("Content-Type", "").startswith("text/html")
    )


def remember_page(request, page):
    """Called as Wagtail is about to serve `page`: notes the versions it is built from.

    Read before the page's content is rendered, so a publish that lands during rendering
    leaves this entry with an old version, which the next visit will not use.
    """
    if _may_use_cache(request):
        request.page_cache_versions = current_versions([page_version_key(page.pk), SITE_VERSION])


class PageCacheMiddleware:
    """Answers anonymous GET/HEAD requests for Wagtail pages from the shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                # A signed-in editor's page (userbar and all) must not be kept by a CDN
                # that ignores Vary: Cookie.
                patch_cache_control(response, private=True)
            return response
        key = _entry_key(request)
        entry = page_cache().get(key)
        if entry is not None:
            response, versions = entry
            if current_versions(list(versions)) == versions:
                response[HIT_HEADER] = "hit"
                return response
        response = self.get_response(request)
        versions = getattr(request, "page_cache_versions", None)
        if versions is not None and _may_store(response):
            # Browsers always check back; a CDN in front may keep it as long as we do.
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS
            )
            response[HIT_HEADER] = "miss"
            page_cache().set(key, (response, versions), settings.PAGE_CACHE_SECONDS)
        return response
