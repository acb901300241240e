"""Finding the page for an address in two queries, whatever its depth.

Wagtail's own routing asks the database twice per level of the address (the child with the
next slug, then that child in its specific type): four queries for
/treatments/microneedling/. Here the page routing the address (the site's home page) reads
every page on the way in one query by its stored `url_path`, and then only the page being
served in its specific type, joined with what its template shows (`serve_select_related`).

A page that routes part of the address itself (RoutablePageMixin: a treatment's aftercare
sheet, the journal's tag pages) still does, exactly as in Wagtail: where its own routes
match, they win over a child with the same slug.

The pages found on the way are the served page's ancestors: the privacy check reads them
from the page (`served_ancestors`) instead of asking again. Between finding the page and
reading it, the versions its kept parts are stored under are read (fragments.py), so a
part is never kept under versions newer than what it shows.
"""

from django.db.models import Q
from django.http import Http404
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction

from .fragments import content_version
from .visibility import restrictions_on


class ServedPageMixin:
    """Put before `Page` (ClinicPageMixin includes it)."""

    # Related rows the page's template shows, fetched with the page when it is served,
    # e.g. ("hero_image",): one query, not one more per field.
    serve_select_related = ()

    def route(self, request, path_components):
        if not path_components or not self.url_path or _routes_itself(self, path_components):
            return super().route(request, path_components)
        addresses = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[:n])
            for n in range(1, len(path_components) + 1)
        ]
        above = [self.path[: Page.steplen * n] for n in range(1, self.depth)]
        found = Page.objects.filter(
            Q(path__in=above)
            | Q(url_path__in=addresses, path__startswith=self.path, depth__gt=self.depth)
        ).order_by("path")
        below = {page.url_path: page for page in found if page.depth > self.depth}
        ancestors = [page for page in found if page.depth < self.depth] + [self]
        parent = self
        for n, address in enumerate(addresses, 1):
            page = below.get(address)
            if page is None or page.depth != parent.depth + 1:
                raise Http404
            page._cached_parent_obj = parent
            rest = path_components[n:]
            page_class = page.specific_class
            if page_class is None:  # its model is gone: Wagtail's routing decides
                return page.specific.route(request, rest)
            if not rest or _has_own_routing(page_class) or _routes_itself(page, rest):
                # Versions first, content after: what is kept under them is never older.
                content_version(page, request)
                served = served_page(page, page_class, ancestors)
                return served.route(request, rest)
            ancestors = [*ancestors, page]
            parent = page
        raise Http404  # not reached: the last address is always served above

    def served_ancestors(self):
        """The pages above this one, root first, if routing read them; else None."""
        return getattr(self, "_served_ancestors", None)

    def get_view_restrictions(self):
        ancestors = self.served_ancestors()
        if ancestors is None:
            return super().get_view_restrictions()
        # Read once per request (visibility.py) rather than twice per page served.
        found = [restriction.pk for restriction in restrictions_on(self, ancestors)]
        if not found:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=found)


def served_page(page, page_class, ancestors):
    """`page` in its specific type with the rows its template shows, knowing its ancestors."""
    related = getattr(page_class, "serve_select_related", ())
    try:
        served = page_class._default_manager.select_related(*related).get(pk=page.pk)
    except page_class.DoesNotExist as gone:  # deleted since the first query
        raise Http404 from gone
    served._cached_parent_obj = page._cached_parent_obj
    served._served_ancestors = ancestors
    return served


def _has_own_routing(page_class):
    """A page type that overrides `route` other than through this mixin or RoutablePageMixin."""
    return page_class.route not in (ServedPageMixin.route, Page.route) and not issubclass(
        page_class, RoutablePageMixin
    )


def _routes_itself(page, path_components):
    """Whether a RoutablePageMixin page has a route of its own for this rest of the address."""
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, RoutablePageMixin) or not page.live:
        return False
    try:
        page_class.get_resolver().resolve("/" + "/".join(path_components) + "/")
    except Resolver404:
        return False
    return True
