"""`/healthz` for load balancers and orchestrators (docs/deployment.md).

503 when the database does not answer: the server can do little without it. When only a
cache fails (the shared one, or the pages' one: its own Redis, or the server's folder) the
answer is still 200 with status "degraded": pages are then built from the database
(degrading.py), and a 503 would make the load balancer drop every server at once over a
Redis outage. Monitoring should alert on "degraded".

A middleware at the top of the stack answers it, so the check works over plain HTTP and
for any Host header (a load balancer asks by IP address), and never touches sessions.
"""

import logging
import time
import uuid

from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse

logger = logging.getLogger(__name__)
PATH = "/healthz"


def check_database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache(alias="default"):
    cache = caches[alias]
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


# name: (check, whether the server is unusable without it)
CHECKS = {
    "database": (check_database, True),
    "cache": (check_cache, False),
    "page cache": (lambda: check_cache("pages"), False),
}


def health_report():
    """("ok" | "degraded" | "error", {check name: its result})."""
    report, status = {}, "ok"
    for name, (check, required) in CHECKS.items():
        started = time.monotonic()
        try:
            check()
        except Exception as error:
            status = "error" if required else ("degraded" if status == "ok" else status)
            report[name] = {"status": "error", "error": error.__class__.__name__}
            logger.error("Health check failed: %s: %s", name, error.__class__.__name__)
        else:
            report[name] = {"status": "ok", "ms": round((time.monotonic() - started) * 1000, 1)}
    return status, report


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PATH:
            return self.get_response(request)
        status, report = health_report()
        response = JsonResponse(
            {"status": status, "checks": report}, status=503 if status == "error" else 200
        )
        response["Cache-Control"] = "no-store"
        # The failing check is logged above; Django's own "Service Unavailable" line would
        # only repeat it.
        response._has_been_logged = True
        # It answers before the security middleware; this is the header that matters for JSON.
        response["X-Content-Type-Options"] = "nosniff"
        return response
