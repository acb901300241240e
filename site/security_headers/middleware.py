"""Security headers the site adds to every response (docs/deployment.md#security).

Public pages carry a strict Content-Security-Policy: scripts, styles and fonts only from
this site (plus the media origin for images), no frames, no inline code. The templates have
no inline scripts or styles, and JSON-LD is data, not script, so no nonce is needed and
cached pages stay valid. Wagtail's admin (with the page preview inside it) and the API's
Swagger page get a policy of their own that allows the inline styles and scripts they use,
and may be framed by the admin itself.

A page may extend the public policy for its own response with django-csp's attributes:
a treatment page showing the clinic's booking widget sets `_csp_update = {"frame-src":
[its origin]}` (treatments/booking.py), and that page alone may frame that origin. The
attribute is kept with the page in the page cache, so a cached copy gets the same header.
"""

from csp.constants import HEADER, NONE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings

# Wagtail's admin sets inline styles and runs a few inline scripts; the preview frames the
# site inside the admin. Swagger's page sets inline styles.
STAFF_PATH_PREFIX = "/admin/"
API_REFERENCE_PATHS = {"/api/clinic/v1/docs", "/api/clinic/v1/docs/"}
# Set on a response by django-csp's view decorators (csp_update, csp_replace, csp_exempt…):
# its policy is then its own.
OWN_POLICY_ATTRIBUTES = tuple(
    f"_csp_{what}{mode}"
    for what in ("config", "update", "replace", "exempt")
    for mode in ("", "_ro")
)


def is_staff_path(request):
    path = request.path_info
    return path.startswith(STAFF_PATH_PREFIX) or path in API_REFERENCE_PATHS


class ClinicCSPMiddleware(CSPMiddleware):
    # The public policy and the settings it was built from (none yet).
    _public = (object(), "")

    def process_response(self, request, response):
        if is_staff_path(request):
            # Wagtail renders a preview by sending a stand-in request for the page's public
            # address through the middleware, which gave it the public policy. The preview
            # is shown inside the admin, so the admin's policy applies.
            response.headers.pop(HEADER, None)
        elif self._gets_the_public_policy(request, response):
            # What django-csp writes for it, but built once: django-csp builds the same
            # header again for every response, a third of the time a page-cache hit (or a
            # static file) takes in the app (bench/page_cache.py).
            if header := self._public_policy():
                response.setdefault(HEADER, header)
            # As django-csp does once the header is written: a nonce asked for later
            # could not be in it.
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
            return response
        return super().process_response(request, response)

    def _gets_the_public_policy(self, request, response):
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        return (
            getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in OWN_POLICY_ATTRIBUTES)
            and not (settings.DEBUG and response.status_code in (404, 500))
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not policy.get("EXCLUDE_URL_PREFIXES")
        )

    def _public_policy(self):
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        built_from, header = self._public
        if built_from is not policy:  # the first response, or other settings (tests)
            header = build_policy()
            self._public = (policy, header)
        return header

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if not is_staff_path(request):
            return self._sources_replace_none(parts)
        # The admin frames its own preview; a previewed page with a booking widget also
        # frames the widget's origin (its `_csp_update`), so editors see the widget.
        page_frames = list((parts.update or {}).get("frame-src", ()))
        return PolicyParts(
            config=parts.config,
            update={**(parts.update or {}), **settings.CSP_STAFF_ALLOWANCES},
            replace={
                "frame-ancestors": [settings.CSP_SELF],
                "frame-src": [settings.CSP_SELF, *page_frames],
            },
            nonce=parts.nonce,
        )

    @staticmethod
    def _sources_replace_none(parts):
        """Sources a page adds to a directive that allows nothing (`frame-src 'none'`) take
        its place: beside a source, 'none' is an error browsers report and ignore."""
        config = parts.config or (settings.CONTENT_SECURITY_POLICY or {}).get("DIRECTIVES", {})
        update, replace = dict(parts.update or {}), dict(parts.replace or {})
        for name in list(update):
            if name not in replace and list(config.get(name) or ()) == [NONE]:
                replace[name] = update.pop(name)
        return PolicyParts(
            config=parts.config, update=update or None, replace=replace or None, nonce=parts.nonce
        )


class PermissionsPolicyMiddleware:
    """Tells browsers the site never uses the camera, microphone, location, payment and the
    like, so nothing injected into a page can ask for them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.value)
        return response
