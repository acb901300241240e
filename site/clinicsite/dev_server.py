"""What `make run` (settings/dev.py) changes, so a newcomer sees the site as visitors will.

- `SiteErrorPagesMiddleware`: with DEBUG on, Django answers a wrong address or a failing
  view with its own debug pages. This answers them with the site's 404 and 500 pages, made
  by the handlers production uses (`handler404`, `handler500` in clinicsite/urls.py), with
  the same status codes, and still logs a failure's traceback on the console.
  `SITE_ERROR_PAGES=false` brings Django's debug pages back.
- `RequestOriginMiddleware`: absolute links (canonical and share tags, JSON-LD, the
  sitemap, the feeds, both APIs, emails) use the host and port the browser asked for,
  whatever the Site record (Settings › Sites) says, e.g. http://localhost:8123/ when
  serving with `make run PORT=8123`.

Only settings/dev.py names these: production keeps its Site record, WAGTAILADMIN_BASE_URL
and WAGTAILAPI_BASE_URL, and Django's own error handling.
"""

import copy
from contextvars import ContextVar

from django.conf import settings
from django.core import signals
from django.core.exceptions import (
    BadRequest,
    MiddlewareNotUsed,
    PermissionDenied,
    SuspiciousOperation,
)
from django.core.mail.backends import console
from django.core.mail.message import EmailAlternative
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.urls import get_resolver, get_urlconf
from django.utils.log import log_response
from wagtail.models import Site

# --- Error pages -----------------------------------------------------------------------

# Not server errors: Django answers these itself (a 403 from handler403, or a 400).
NOT_SERVER_ERRORS = (PermissionDenied, BadRequest, SuspiciousOperation, MultiPartParserError)


def error_handler(status):
    """The view Django itself calls for `status` without DEBUG: the URLconf's handler404 or
    handler500, else Django's default (django.views.defaults)."""
    return get_resolver(get_urlconf()).resolve_error_handler(status)


class SiteErrorPagesMiddleware:
    """The site's own 404 and 500 pages with DEBUG on (SITE_ERROR_PAGES).

    Django has no setting for this: with DEBUG it renders its debug pages whatever the
    handlers say. A view's exception reaches `process_exception` first, so answering it
    there with the handler's page uses Django's own mechanism, patching nothing. An
    address no URL pattern matches (Wagtail's catch-all takes paths like /a/b/ only, not
    /old.php) fails before any view: its 404 is replaced on the way out. Last in
    MIDDLEWARE, so every other middleware (Wagtail's redirects, the slash redirect, the
    API's JSON errors, the headers) treats the page as it treats production's.
    """

    def __init__(self, get_response):
        if not (settings.DEBUG and getattr(settings, "SITE_ERROR_PAGES", False)):
            raise MiddlewareNotUsed  # without DEBUG, Django uses the handlers itself
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.resolver_match is None:
            return error_handler(404)(request, Http404(request.path))
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return error_handler(404)(request, exception)
        if isinstance(exception, NOT_SERVER_ERRORS) or settings.DEBUG_PROPAGATE_EXCEPTIONS:
            return None
        # What Django does for an uncaught exception, with the 500 handler's page: tell
        # listeners (the test client re-raises it), then log it with its traceback.
        signals.got_request_exception.send(sender=None, request=request)
        response = error_handler(500)(request)
        log_response(
            "%s: %s",
            response.reason_phrase,
            request.path,
            response=response,
            request=request,
            exception=exception,
        )
        return response


# --- Absolute links ----------------------------------------------------------------------

_serving = ContextVar("clinic_dev_server_request", default=None)


def request_origin():
    """The scheme, host and port of the request being served, e.g. "http://localhost:8123",
    or None outside one (and always in production)."""
    request = _serving.get()
    return None if request is None else f"{request.scheme}://{request.get_host()}"


def origin_of_site(site_id):
    """The one rule: the site a request is for (found by its host and port, else the
    default site) is at the request's origin. None for any other site, or no request."""
    request = _serving.get()
    if request is None:
        return None
    site = Site.find_for_request(request)
    return request_origin() if site is not None and site.pk == site_id else None


def serve_sites_at_request_origin():
    """Make Wagtail build the request's site's addresses from `origin_of_site`.

    Every absolute page address (`page.full_url`, `get_full_url(request)`: canonical,
    JSON-LD, the sitemap, API v2's html_url) is a Site record's root URL plus the page's
    path, and API v2's detail_url is `Site.root_url` when WAGTAILAPI_BASE_URL is unset.
    Wagtail has no setting for "the host the request came to", so these two ask the rule
    first. Outside RequestOriginMiddleware (management commands, other tests) no request
    is being served and they answer exactly as Wagtail's own.
    """
    if _record_addresses:
        return  # once per process
    _record_addresses.update(root_url=Site.root_url.fget, root_paths=Site.get_site_root_paths)
    Site.root_url = property(_root_url)
    Site.get_site_root_paths = staticmethod(_site_root_paths)


# Wagtail's own Site.root_url and Site.get_site_root_paths, once replaced.
_record_addresses = {}


def _root_url(site):
    return origin_of_site(site.pk) or _record_addresses["root_url"](site)


def _site_root_paths():
    # Wagtail caches the list it builds for every request: keep the records' own addresses
    # in it, and put this request's origin on the copy it returns.
    token = _serving.set(None)
    try:
        paths = _record_addresses["root_paths"]()
    finally:
        _serving.reset(token)
    return [path._replace(root_url=origin_of_site(path.site_id) or path.root_url) for path in paths]


class RequestOriginMiddleware:
    """Absolute links on the address the browser asked for, while the request is served."""

    def __init__(self, get_response):
        serve_sites_at_request_origin()
        self.get_response = get_response

    def __call__(self, request):
        token = _serving.set(request)
        try:
            return self.get_response(request)
        finally:
            _serving.reset(token)


class ConsoleEmailBackend(console.EmailBackend):
    """Django's console mail, with links to the admin (WAGTAILADMIN_BASE_URL: the enquiry
    email's list of enquiries, Wagtail's notifications) on the origin of the request that
    sends it. The setting is one address for the whole process; this is the one place
    where mail meets the request."""

    def write_message(self, message):
        origin = request_origin()
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        if origin and origin != base:

            def moved(text):
                return text.replace(f"{base}/", f"{origin}/") if isinstance(text, str) else text

            message = copy.copy(message)  # the sender's message stays as it was
            message.body = moved(message.body)
            if getattr(message, "alternatives", None):  # e.g. Wagtail's HTML notifications
                message.alternatives = [
                    EmailAlternative(moved(content), mimetype)
                    for content, mimetype in message.alternatives
                ]
        super().write_message(message)
