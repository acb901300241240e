"""What every API response gets, whichever API and view answered: JSON errors,
HEAD support, and HTTP caching (Cache-Control, and ETag/304 by Django's
ConditionalGetMiddleware)."""

import json
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_vary_headers
from django.views import defaults


def _has_message(response):
    if not response.get("Content-Type", "").startswith("application/json"):
        return False
    try:
        return bool(json.loads(response.content).get("message"))
    except (ValueError, AttributeError):
        return False


class APIMiddleware:
    """For paths under TREATMENTS_API_PATH_PREFIX ("/api/"):

    - a NUL byte in the query string is a 400 before any view runs (databases refuse it);
    - HEAD is answered as GET without the body (Ninja routes GET only);
    - any error without a JSON `message` (a framework's 405, 406, …) is given one;
    - successful GETs get a public max-age, unless they set their own Cache-Control
      (previews: `private, no-store`); then Django's ConditionalGetMiddleware gives them
      an ETag (a digest of the body; none with `no-store`) and answers `If-None-Match`
      with that ETag with an empty 304. Publishing a page changes its JSON
      (`last_published_at` at least), so its ETag.

    ConditionalGetMiddleware runs here, on API responses only: site-wide it would add
    ETags and 304s to public pages and the admin too (docs/api.md, "Caching and CORS").
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.conditional_get = ConditionalGetMiddleware(get_response)
        self.prefix = getattr(settings, "TREATMENTS_API_PATH_PREFIX", "/api/")
        self.max_age = getattr(settings, "TREATMENTS_API_CACHE_SECONDS", 60)

    def __call__(self, request):
        if not request.path.startswith(self.prefix):
            return self.get_response(request)
        if any("\x00" in key + "".join(values) for key, values in request.GET.lists()):
            message = "Query parameters cannot contain NUL bytes."
            return JsonResponse({"message": message}, status=400)
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = self.get_response(request)
        if response.status_code >= 400 and not _has_message(response):
            response = self._json_error(response)
        elif response.status_code == 200 and request.method == "GET" and not response.streaming:
            response = self._cache(request, response)
        if head:
            response.content = b""
        return response

    @staticmethod
    def _json_error(response):
        reason = HTTPStatus(response.status_code).phrase
        messages = {405: "Method not allowed: this API is read-only (GET)."}
        error = JsonResponse(
            {"message": messages.get(response.status_code, f"{reason}.")},
            status=response.status_code,
        )
        for header in ("Allow", "Access-Control-Allow-Origin", "Vary"):
            if response.has_header(header):
                error[header] = response[header]
        # Django marks an error it has logged (with its traceback) on the response; without
        # the mark it would log this replacement a second time.
        error._has_been_logged = getattr(response, "_has_been_logged", False)
        return error

    def _cache(self, request, response):
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = f"public, max-age={self.max_age}"
            patch_vary_headers(response, ["Accept"])
        # The JSON has no modification date, and RFC 9110 (13.1.4) says to ignore
        # If-Unmodified-Since then; Django 5.2 answers it with a 412 instead (ticket 37252).
        request.META.pop("HTTP_IF_UNMODIFIED_SINCE", None)
        # A HEAD is still the GET it was turned into above, so it gets the GET's ETag.
        return self.conditional_get.process_response(request, response)


def bad_request(request, exception):
    """The site's `handler400`: a JSON 400 with a message under the API, Django's own 400
    page elsewhere.

    Django answers some bad requests before any view or `APIMiddleware` runs, such as a
    Host header not in ALLOWED_HOSTS (raised by the first middleware that asks for the
    host). Only this handler sees those answers, so a site that composes the API sets
    `handler400 = "treatments.api.middleware.bad_request"` in its root URLconf.
    """
    prefix = getattr(settings, "TREATMENTS_API_PATH_PREFIX", "/api/")
    if not request.path.startswith(prefix):
        return defaults.bad_request(request, exception)
    if isinstance(exception, DisallowedHost):
        message = "Bad request: this server does not answer for the Host header sent."
    else:
        message = "Bad request."
    return JsonResponse({"message": message}, status=400)
