"""Security headers the site adds to every response (docs/deployment.md#security).

Public pages carry a strict Content-Security-Policy: scripts, styles, fonts and frames
only from this site (plus the media origin for images and two video hosts for embeds),
no inline code. The templates have no inline scripts or styles, and JSON-LD is data, not
script, so no nonce is needed and cached pages stay valid. Wagtail's admin, the page
preview inside it and the API's Swagger page get a policy of their own that allows the
inline styles and scripts they use, and may be framed by the admin itself.
"""

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

# Their only script is from this site, but Wagtail's admin sets inline styles and runs a
# few inline scripts; the preview frames the site inside the admin.
STAFF_PATH_PREFIXES = ("/admin/", "/api/v3/docs")


def is_staff_path(request):
    return request.path_info.startswith(STAFF_PATH_PREFIXES)


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
            replace={"frame-ancestors": [settings.CSP_SELF]},
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
