"""Whole-page cache for anonymous visitors, shared by every app server (docs/deployment.md).

Only Wagtail pages are kept: a page notes the versions it is built from as Wagtail is
about to serve it (wagtail_hooks.py), and a copy is used only while those versions are
current (versions.py). PAGE_CACHE_SECONDS bounds how long any entry lives; 0 switches the
cache off.

One copy per page and per value of the query parameters the page reads, whatever else
the address carries, so visitors cannot fill the cache by varying it: the host is
lower-cased without a trailing dot or its scheme's default port, tracking parameters
(`utm_*`, `fbclid`, …) are left out and the rest sorted. A page names the parameters it
reads in `page_cache_parameters` (the journal: `page`, `tag`); an address with any other
parameter, or one given twice, is rendered but never stored.
"""

import datetime
import hashlib
import math
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Min
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail.models import Page

from .versions import current_versions, page_cache, page_versions, usable

HIT_HEADER = "X-Page-Cache"
# Added by campaigns, ad clicks and analytics; no page reads them, so they never make
# another copy. Compared case-insensitively; every `utm_…` parameter counts too.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "twclid", "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid",
    }
)  # fmt: skip
DEFAULT_PORTS = {"http": "80", "https": "443"}


def is_tracking(name):
    name = name.lower()
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def query_parameters(request):
    """The (name, value) pairs that may change a page: tracking ones left out, sorted."""
    return sorted(
        (name, value)
        for name, values in request.GET.lists()
        if not is_tracking(name)
        for value in values
    )


def _entry_key(request):
    domain, port = split_domain_port(request.get_host())
    if port and port != DEFAULT_PORTS.get(request.scheme):
        domain = f"{domain}:{port}"
    address = f"{request.scheme}://{domain}{request.path}?{urlencode(query_parameters(request))}"
    return "pagecache:entry:" + hashlib.sha256(address.encode()).hexdigest()


def _reads_only_its_own_parameters(request, page):
    names = [name for name, _ in query_parameters(request)]
    accepted = getattr(page, "page_cache_parameters", ())
    return len(names) == len(set(names)) and set(names) <= set(accepted)


def seconds_to_keep(now, seconds):
    """`seconds`, or less when a live page expires sooner: any page may list it (the home
    page, the journal, a condition's treatments), and an expired page leaves every list at
    its expiry time (treatments/visibility.py), not when the copy runs out. Never past the
    clinic's midnight either: what depends on the date (a patient's consent expiring, a
    closure passing) changes then."""
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    seconds = min(seconds, math.ceil((midnight - now).total_seconds()))
    soonest = Page.objects.filter(live=True, expire_at__gt=now).aggregate(Min("expire_at"))
    expiry = soonest["expire_at__min"]
    if expiry is not None:
        seconds = min(seconds, math.floor((expiry - now).total_seconds()))
    return seconds


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
    if _may_use_cache(request) and _reads_only_its_own_parameters(request, page):
        # Not usable while Redis is away: the page is then built and answered, not stored.
        # Read as routing found the page if it could (wagtail_hooks.page_content_version).
        early = getattr(request, "page_versions_at_routing", {})
        request.page_cache_versions = early.get(page.pk) or page_versions(page.pk)


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
            if usable(versions) and current_versions(list(versions)) == versions:
                response[HIT_HEADER] = "hit"
                return response
        response = self.get_response(request)
        versions = getattr(request, "page_cache_versions", None)
        if versions is not None and _may_store(response):
            response[HIT_HEADER] = "miss"
            seconds = seconds_to_keep(timezone.now(), settings.PAGE_CACHE_SECONDS)
            if seconds >= 1:
                # Browsers always check back; a CDN in front may keep it as long as we do.
                patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
                if usable(versions):
                    page_cache().set(key, (response, versions), seconds)
        return response
