"""What search engines and link previews read about each page (docs/seo.md).

`{% load seo %}{% seo_meta as seo %}` works out a page's title, description, canonical
address and share image once; base.html and includes/seo_tags.html print it.
A page's description comes from the plugin's one rule, `treatments.text.page_description`,
which the JSON-LD uses too.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.paginator import Page as ListingPage
from django.templatetags.static import static
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page, Site

from blog.models import BlogPage
from treatments.navigation import home_page, routed_view
from treatments.text import page_description

register = template.Library()

# Facebook, LinkedIn and X all crop shared links to about 1.91:1.
SHARE_RENDITION = "fill-1200x630"


@dataclass(frozen=True)
class ShareImage:
    url: str  # absolute
    width: int
    height: int
    alt: str


# Drawn by scripts/make_site_icons.py: the site's mark on a pale background.
DEFAULT_SHARE_IMAGE = ShareImage(
    "img/share-default.png", 1200, 630, "The clinic's mark: a white leaf on a green square"
)


@dataclass(frozen=True)
class SeoMeta:
    title: str  # what the <title> starts with, e.g. "Microneedling" or "Journal, page 2"
    title_suffix: str  # " | Site name", or "" when the title already names the site
    site_name: str
    description: str
    canonical_url: str  # "" for views that are not a page (search, errors)
    url: str
    og_type: str
    published_time: str
    modified_time: str
    image: ShareImage
    locale: str


def listing_page_number(context):
    """The number of the page of a paginated listing (?page=N) being shown, else 1.

    Reads the paginator's page from the context, so junk or out-of-range ?page= values
    count as the page the view actually chose. `type()` keeps lazy values unevaluated.
    """
    for layer in context.dicts:
        for value in layer.values():
            if issubclass(type(value), ListingPage):
                return value.number
    return 1


def canonical_url(page, request, number):
    """The page's full URL, plus the sub-view (e.g. a blog tag) and ?page=N if any."""
    url = page.get_full_url(request)
    if url is None:
        return ""
    match = getattr(request, "routable_resolver_match", None)
    if match is not None and isinstance(page, RoutablePageMixin):
        url += page.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
    if number > 1:
        url += f"?page={number}"
    return url


def share_image(candidates, root_url):
    """The hero image of the first candidate page that has one, else the default picture."""
    for candidate in candidates:
        image = getattr(candidate, "hero_image", None)
        if image is None:
            continue
        try:
            rendition = image.get_rendition(SHARE_RENDITION)
        except SourceImageIOError:  # the original file is missing: try the next one
            continue
        alt = getattr(candidate, "hero_image_alt", "") or image.default_alt_text or image.title
        return ShareImage(absolute(rendition.url, root_url), rendition.width, rendition.height, alt)
    default = DEFAULT_SHARE_IMAGE
    return ShareImage(
        absolute(static(default.url), root_url), default.width, default.height, default.alt
    )


def absolute(url, root_url):
    return url if "://" in url else root_url + url


@register.simple_tag(takes_context=True)
def seo_meta(context):
    """Title, description, addresses and share image for the page (or view) rendered."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):  # views without a page: search, errors
        page = None
    site = Site.find_for_request(request) if request is not None else None
    site_name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME

    number = listing_page_number(context)
    view = routed_view(page, request) if page is not None else None
    if page is not None:
        # A view below the page, e.g. a practitioner's profile, is a page of its own.
        title = view.title if view else page.seo_title or page.title
        if number > 1:
            title = f"{title}, page {number}"
        url_parts = page.get_url_parts(request)
        root_url = url_parts[1] if url_parts else ""
        canonical = url = canonical_url(page, request, number)
    else:
        title = canonical = ""
        root_url = site.root_url if site else ""
        url = root_url + request.get_full_path() if root_url else ""

    # The home page stands in for a page without a description or hero image.
    description = (view.description if view else page_description(page)) if page else ""
    candidates = [page] if page else []
    if site is not None and not (description and getattr(page, "hero_image", None)):
        home = page if page and page.pk == site.root_page_id else home_page(request)
        description = description or page_description(home)
        candidates.append(home)

    is_post = isinstance(page, BlogPage)
    names_site = title and site_name.casefold() in title.casefold()
    return SeoMeta(
        title=title,
        title_suffix="" if names_site else f" | {site_name}",
        site_name=site_name,
        description=description or site_name,
        canonical_url=canonical,
        url=url,
        og_type="article" if is_post else "website",
        published_time=page.date.isoformat() if is_post else "",
        modified_time=(
            page.last_published_at.isoformat() if is_post and page.last_published_at else ""
        ),
        image=share_image(candidates, root_url),
        locale=translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE),
    )
