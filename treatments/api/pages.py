"""Pages as typed JSON: the common page fields plus each type's `ResolvedField`s.

`summary_model`/`detail_model` build a page type's pydantic models from its
`api_fields`; `summary_json`/`detail_json` fill them, prefetching what the fields
read so a listing costs the same number of queries for 5 pages as for 50.
"""

import datetime
import functools
import operator
from typing import Annotated, Literal

from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from ninja import Schema
from ninja.errors import HttpError
from pydantic import Field, create_model
from wagtail.models import Page, Site, get_page_models

from ..fragments import kept
from ..navigation import breadcrumb_trail
from .content import live
from .fields import detail_only_columns, prefetch_lookups, resolved_fields, with_selects
from .http import paginate
from .types import PageLink
from .values import absolute, page_link, page_url

_models = {}


class PageSummary(Schema):
    id: int
    type: str = Field(description="The page type, e.g. treatments.TreatmentPage.")
    title: str
    slug: str
    url: str | None = Field(description="The page's address on the site.")
    html_url: str | None = Field(description="The page's full address on the site.")
    seo_title: str
    search_description: str
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class PageDetail(PageSummary):
    breadcrumbs: list[PageLink] = Field(
        description="The pages above this one, from the home page down."
    )


def _label(model):
    return model._meta.label


def _typed(model, base, listing):
    name = f"{model.__name__}{'Summary' if listing else 'Detail'}"
    if name not in _models:
        fields = {
            field.name: (field.type, Field(..., description=field.description or None))
            for field in resolved_fields(model, listing=listing)
        }
        _models[name] = create_model(
            name,
            __base__=base,
            __doc__=(model.__doc__ or model.__name__).strip().splitlines()[0],
            type=(Literal[_label(model)], ...),
            **fields,
        )
    return _models[name]


def summary_model(model):
    return _typed(model, PageSummary, listing=True)


def detail_model(model):
    return _typed(model, PageDetail, listing=False)


def any_page_detail():
    """Every page type's detail model, told apart by `type`."""
    models = [model for model in get_page_models() if model is not Page]
    members = tuple(detail_model(model) for model in models)
    return Annotated[functools.reduce(operator.or_, members), Field(discriminator="type")]


def page_summary(page, context):
    url = page_url(page, context)
    return {
        "id": page.pk or 0,
        "type": _label(type(page)),
        "title": page.title,
        "slug": page.slug,
        "url": url,
        "html_url": absolute(url, context),
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


def for_listing(queryset):
    """Leave out what listings never show (bodies): large JSON not worth loading; join the
    foreign keys their fields `select`."""
    queryset = queryset.defer(*detail_only_columns(queryset.model))
    return with_selects(queryset, resolved_fields(queryset.model, listing=True))


def summary_json(pages, request):
    """Listing JSON for pages of one type, with their listing fields, in bulk.

    Each item is kept for the page's live content (treatments/fragments.py, where the site
    provides content versions); the pages' relations are prefetched, all at once, only when
    an item has to be built.
    """
    pages = list(pages)
    context = {"request": request}
    if not pages:
        return []
    fields = resolved_fields(type(pages[0]), listing=True)
    prefetched = []

    def build(page):
        if not prefetched:
            prefetch_related_objects(pages, *prefetch_lookups(fields, listing=True))
            prefetched.append(True)
        return {**page_summary(page, context), **{f.name: f.resolve(page, context) for f in fields}}

    return [
        kept("api-listing-item", page, request, functools.partial(build, page)) for page in pages
    ]


def _breadcrumbs(page, context):
    return [page_link(ancestor, context) for ancestor in breadcrumb_trail(page, context["request"])]


def detail_json(page, request, preview=False):
    """Detail JSON for one page: every field, bodies included.

    Kept for the page's live content (treatments/fragments.py), except a preview's: its
    page is a draft, with unsaved relations that must not be reloaded either.
    """
    context = {"request": request}
    fields = resolved_fields(type(page))

    def build():
        if not preview:
            prefetch_related_objects([page], *prefetch_lookups(fields))
        return {
            **page_summary(page, context),
            "breadcrumbs": _breadcrumbs(page, context),
            **{field.name: field.resolve(page, context) for field in fields},
        }

    return build() if preview else kept("api-detail", page, request, build)


def site_pages(request, model=Page, site=None):
    """Live, public pages of `site`, by default the site the request is for."""
    site = site or Site.find_for_request(request)
    if site is None:
        return model.objects.none()
    return live(model.objects.descendant_of(site.root_page, inclusive=True))


def page_list(request, queryset, query):
    """`{count, items}` for one page of a listing of pages of one type."""
    count, items = paginate(for_listing(queryset), query)
    return {"count": count, "items": summary_json(items, request)}


def page_detail(request, model, pk):
    """Detail JSON for a live page of `model` on the request's site, else a 404."""
    return detail_json(get_object_or_404(site_pages(request, model), pk=pk).specific, request)


def page_type(value):
    labels = {_label(model).lower(): model for model in get_page_models()}
    model = labels.get(value.lower())
    if model is None:
        known = ", ".join(sorted(_label(m) for m in get_page_models() if m is not Page))
        raise HttpError(400, f"Unknown page type '{value}'. Known types: {known}.")
    return model
