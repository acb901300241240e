"""Security headers the site adds to every response (docs/deployment.md#security).

Public pages carry a strict Content-Security-Policy: scripts, styles and fonts only from
this site (plus the media origin for images), no frames, no inline code. The templates have
no inline scripts or styles, and JSON-LD is data, not script, so no nonce is needed and
cached pages stay valid. Wagtail's admin (with the page preview inside it) and the API's
Swagger page get a policy of their own that allows the inline styles and scripts they use,
and may be framed by the admin itself.
"""

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

# Wagtail's admin sets inline styles and runs a few inline scripts; the preview frames the
# site inside the admin. Swagger's page sets inline styles.
STAFF_PATH_PREFIX = "/admin/"
API_REFERENCE_PATHS = {"/api/clinic/v1/docs", "/api/clinic/v1/docs/"}


def is_staff_path(request):
    path = request.path_info
    return path.startswith(STAFF_PATH_PREFIX) or path in API_REFERENCE_PATHS


class ClinicCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if is_staff_path(request):
            # Wagtail renders a preview by sending a stand-in request for the page's public
            # address through the middleware, which gave it the public policy. The preview
            # is shown inside the admin, so the admin's policy applies.
            response.headers.pop(HEADER, None)
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or not is_staff_path(request):
            return parts
        return PolicyParts(
            config=parts.config,
            update={**(parts.update or {}), **settings.CSP_STAFF_ALLOWANCES},
            replace={"frame-ancestors": [settings.CSP_SELF], "frame-src": [settings.CSP_SELF]},
            nonce=parts.nonce,
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
