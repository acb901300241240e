"""HTTP caching for API responses: ETag, Cache-Control and 304s."""

import hashlib

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import quote_etag


class APICacheMiddleware:
    """Give successful API GETs an ETag from their body and a short public max-age.

    The ETag is a digest of the exact JSON, so publishing a page (which changes its
    fields and `last_published_at`) changes it; a client sending `If-None-Match`
    with the current ETag gets an empty 304. Responses that set their own
    Cache-Control (previews: `private, no-store`) are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = getattr(settings, "TREATMENTS_API_PATH_PREFIX", "/api/")
        self.max_age = getattr(settings, "TREATMENTS_API_CACHE_SECONDS", 60)

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not request.path.startswith(self.prefix)
            or request.method not in ("GET", "HEAD")
            or response.status_code != 200
            or response.streaming
            or response.has_header("Cache-Control")
        ):
            return response
        response["Cache-Control"] = f"public, max-age={self.max_age}"
        patch_vary_headers(response, ["Accept"])
        if not response.has_header("ETag"):
            response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        return get_conditional_response(request, etag=response["ETag"], response=response)
