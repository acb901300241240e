"""The breadcrumb trail: the one rule for the page's trail, its JSON-LD and the API; and the
site's home page, which stands in for a page's missing photo or description.

The trail runs from the site's home page down to the page's parent, through the pages
visitors may see (visibility.py). The home page itself has none. It is read once per
request and page, however many parts of the response show it.
"""

from collections import namedtuple

from wagtail.models import Page, Site

from .visibility import visible

# A view a routable page serves below its own address as a page of its own, e.g. a
# practitioner's profile below the team page: `path` is relative to the page's address.
RoutedView = namedtuple("RoutedView", "title description path")


def routed_view(page, request):
    """The `RoutedView` the request shows below `page` (its `routed_view(request)`), or None
    for the page itself: then the trail ends with the page and the view comes last."""
    view = getattr(page, "routed_view", None)
    return view(request) if view is not None and request is not None else None


def breadcrumb_trail(page, request):
    """The pages above what the request shows from the site's home page, as a list: those
    above `page`, and `page` itself when it shows a `routed_view`."""
    cache = request.__dict__.setdefault("_breadcrumb_trails", {}) if request else {}
    key = (page.pk, page.path)
    if key not in cache:
        cache[key] = _trail(page, request)
    return cache[key]


def _trail(page, request):
    site = Site.find_for_request(request) if request else None
    if site is None or not page.path or page.depth <= site.root_page.depth:
        return []  # no site, a preview of a page not yet saved, or the home page
    # Read again, not taken from routing (routing.py): the trail is kept with the page's
    # parts, which must not hold titles read before their versions.
    inclusive = routed_view(page, request) is not None
    ancestors = page.get_ancestors(inclusive).filter(depth__gte=site.root_page.depth)
    return list(visible(ancestors).specific(defer=True))


def home_page(request):
    """The request's site's home page in its own type with its hero image, read once per
    request however many parts of the page fall back on it (share tags, the clinic's
    JSON-LD); None without a site."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    if "_clinic_home_page" not in request.__dict__:
        request._clinic_home_page = home_with_photo(site.root_page)
    return request._clinic_home_page


def home_with_photo(root):
    """`root` in its own type, its hero image joined (a query unless it already is)."""
    model = root.specific_class or Page
    has_photo = any(field.name == "hero_image" for field in model._meta.fields)
    if isinstance(root, model) and (not has_photo or "hero_image" in root._state.fields_cache):
        return root
    pages = model.objects.filter(pk=root.pk)
    if has_photo:
        pages = pages.select_related("hero_image")
    return pages.first() or root
