"""Previews in the site's own front end (the content pages' preview extension point)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from wagtail import hooks

from treatments.editing import PREVIEW_HOOK

from .models import PagePreview


@hooks.register(PREVIEW_HOOK)
def preview_in_the_front_end(page, request, mode_name):
    """With TREATMENTS_HEADLESS_PREVIEW_URL set, the admin's preview opens
    `<url>?content_type=…&token=…`, and the front end fetches the draft from the API with
    those. Without it, Wagtail's own HTML preview is used.

    Why not wagtail-headless-preview: its 0.9 release declares support for Wagtail 7 only,
    and its tokens do not expire (previews are kept for a day); this is a page of code,
    with tokens that expire after TREATMENTS_PREVIEW_TOKEN_HOURS (docs/api.md).
    """
    client_url = getattr(settings, "TREATMENTS_HEADLESS_PREVIEW_URL", "")
    if not client_url:
        return None
    preview = PagePreview.create_for(page)
    query = urlencode({"content_type": preview.content_type_label, "token": preview.token})
    return redirect(f"{client_url}?{query}")
