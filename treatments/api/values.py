"""Resolved values shared by both APIs: images with named renditions and page links.

Nothing here returns Wagtail's internal forms (image ids alone, `linktype=` markup):
an API consumer gets what it needs to render, with absolute image addresses.
"""

from django.conf import settings
from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError
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
    """{id, title, alt, width, height, url, renditions} for an image, or None."""
    if image is None:
        return None
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
        # without sizes rather than failing the whole response.
        renditions = {}
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
    """The page's address on the site, e.g. /treatments/microneedling/ (None if unsaved)."""
    if not page.url_path:
        return None
    return page.get_url(request=context.get("request"))


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
