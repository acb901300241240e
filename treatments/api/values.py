"""Resolved values shared by both APIs: images with named renditions and page links.

Nothing here returns Wagtail's internal forms (image ids alone, `linktype=` markup):
an API consumer gets what it needs to render, with absolute image addresses.
"""

import functools

from django.conf import settings
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

# A small fixed set, so clients cannot ask the server to make arbitrary sizes.
# `card` matches the cards on the site; `large` suits a full-width hero.
DEFAULT_RENDITIONS = {
    "card": "fill-480x270",
    "card_webp": "fill-480x270|format-webp",
    "card_avif": "fill-480x270|format-avif",
    "large": "max-1600x1600",
    "large_webp": "max-1600x1600|format-webp",
    "large_avif": "max-1600x1600|format-avif",
}
RENDITIONS = getattr(settings, "TREATMENTS_API_RENDITIONS", DEFAULT_RENDITIONS)
# Parsed once: a Filter caches its parsed operations, which every lookup needs.
_FILTERS = [Filter(spec) for spec in RENDITIONS.values()]


def absolute(url, context):
    """A site-relative address made absolute for clients on another origin."""
    request = context.get("request")
    if url and url.startswith("/") and request is not None:
        return request.build_absolute_uri(url)
    return url


def with_api_renditions(queryset):
    """Images with every named rendition fetched in one query, not one per image."""
    return queryset.prefetch_renditions(*RENDITIONS.values())


def api_images():
    return with_api_renditions(get_image_model().objects.all())


def image_json(image, alt, context):
    """{id, title, alt, width, height, url, renditions} for an image, or None.

    Built once per image and alt text in a request: a listing shows the same photo on many
    cards (copies are returned, so callers may change theirs).
    """
    if image is None:
        return None
    memo = _memo(context)
    if memo is None or not image.pk:
        return _image_json(image, alt, context)
    key = (image.pk, alt)
    found = memo.images.get(key)
    if found is None:
        found = memo.images[key] = _image_json(image, alt, context)
    return _copy_image(found)


def _copy_image(found):
    return {**found, "renditions": {name: (r and {**r}) for name, r in found["renditions"].items()}}


def _image_json(image, alt, context):
    renditions = {}
    try:
        # Read from prefetched renditions where a listing fetched them; makes any missing.
        made = image.get_renditions(*_FILTERS)
        for name, spec in RENDITIONS.items():
            rendition = made[spec]
            renditions[name] = {
                "url": absolute(rendition.url, context),
                "width": rendition.width,
                "height": rendition.height,
            }
    except SourceImageIOError:
        # The original file is missing (e.g. media not copied): describe the image
        # without sizes (each rendition null) rather than failing the whole response.
        renditions = dict.fromkeys(RENDITIONS)
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt or "",
        "width": image.width,
        "height": image.height,
        "url": absolute(image.file.url, context),
        "renditions": renditions,
    }


def page_url(page, context):
    """The page's address on the site, e.g. /treatments/microneedling/ (None if unsaved).

    Worked out once per address in a request (Wagtail reverses a URL pattern for each),
    for page types that keep Wagtail's own URL methods: a listing links the same
    conditions from many cards.
    """
    if not page.url_path:
        return None
    request = context.get("request")
    memo = _memo(context)
    if memo is None or not _wagtail_urls(type(page)):
        return page.get_url(request=request)
    # With Wagtail's i18n the address also depends on the active language.
    key = (page.url_path, translation.get_language() if memo.i18n else None)
    try:
        return memo.urls[key]
    except KeyError:
        url = memo.urls[key] = page.get_url(request=request)
        return url


@functools.cache
def _wagtail_urls(page_class):
    """Whether the page type's address depends only on its url_path, as Wagtail's does."""
    return all(
        getattr(page_class, name) is getattr(Page, name) for name in ("get_url", "get_url_parts")
    )


class _Memo:
    """What this request's response has resolved already, kept on the request."""

    def __init__(self):
        self.i18n = getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        self.urls = {}  # (url_path, language) -> page_url()
        self.images = {}  # (image id, alt) -> image_json()


def _memo(context):
    request = context.get("request")
    if request is None:
        return None
    try:
        return request.__dict__["_treatments_api_memo"]
    except KeyError:
        memo = request.__dict__["_treatments_api_memo"] = _Memo()
        return memo


def page_link(page, context):
    return {
        "id": page.pk or 0,
        "title": page.title,
        "url": page_url(page, context),
        "type": page.specific_class._meta.label if page.specific_class else "wagtailcore.Page",
    }


def rich_text_html(source):
    """Editor rich text as display HTML: real hrefs, no `linktype=` or `embedtype=`."""
    return expand_db_html(source or "")
