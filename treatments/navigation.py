"""The breadcrumb trail: the one rule for the page's trail, its JSON-LD and the API.

The trail runs from the site's home page down to the page's parent, through the pages
visitors may see (visibility.py). The home page itself has none. It is read once per
request and page, however many parts of the response show it.
"""

from wagtail.models import Site

from .visibility import visible


def breadcrumb_trail(page, request):
    """The pages above `page` from the request's site's home page, as a list."""
    cache = request.__dict__.setdefault("_breadcrumb_trails", {}) if request else {}
    key = (page.pk, page.path)
    if key not in cache:
        cache[key] = _trail(page, request)
    return cache[key]


def _trail(page, request):
    site = Site.find_for_request(request) if request else None
    if site is None or not page.path or page.depth <= site.root_page.depth:
        return []  # no site, a preview of a page not yet saved, or the home page
    ancestors = page.get_ancestors().filter(depth__gte=site.root_page.depth)
    return list(visible(ancestors).specific(defer=True))
