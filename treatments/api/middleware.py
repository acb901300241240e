"""What every API response gets, whichever API and view answered: JSON errors,
HEAD support, and HTTP caching (ETag, Cache-Control, 304)."""

import hashlib
import json
from http import HTTPStatus

from django.conf import settings
from django.http import HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, quote_etag

# Copied onto a 304 so a cache can refresh what it holds.
KEPT_ON_304 = ("ETag", "Cache-Control", "Vary", "Access-Control-Allow-Origin")


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
    - successful GETs get an ETag from a digest of the body and a public max-age, and
      `If-None-Match` with that ETag an empty 304. Publishing a page changes its JSON
      (`last_published_at` at least), so its ETag. Responses that set their own
      Cache-Control (previews: `private, no-store`) are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
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
        elif response.status_code == 200 and not response.streaming:
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
        if request.method != "GET" or response.has_header("Cache-Control"):
            return response
        response["Cache-Control"] = f"public, max-age={self.max_age}"
        patch_vary_headers(response, ["Accept"])
        etag = response.get("ETag") or quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        response["ETag"] = etag
        # Only If-None-Match: the JSON has no modification date to compare others with.
        wanted = parse_etags(request.META.get("HTTP_IF_NONE_MATCH", ""))
        if "*" in wanted or etag.removeprefix("W/") in {e.removeprefix("W/") for e in wanted}:
            not_modified = HttpResponseNotModified()
            for header in KEPT_ON_304:
                if response.has_header(header):
                    not_modified[header] = response[header]
            return not_modified
        return response
