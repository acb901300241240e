"""Declare a page type's API fields once, for both APIs.

Each `ResolvedField` is a Wagtail `APIField` (so API v2 serves it) that also carries
its pydantic type and a resolver `(page, context) -> JSON` (so the clinic content API
types and serves the same value). Resolvers read prefetched relations, so listings stay
at a fixed number of queries however many pages they hold.
"""

import functools

from django.db.models import Prefetch
from rest_framework import serializers
from wagtail.api import APIField

from .streamfield import HTML, stream_json, stream_type
from .types import Image
from .values import api_images, image_json, rich_text_html


class _ResolvedSerializerField(serializers.Field):
    """Lets API v2 call a resolver with the whole page and the serializer context."""

    def __init__(self, resolve, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)
        self.resolve = resolve

    def to_representation(self, page):
        return self.resolve(page, self.context)


class ResolvedField(APIField):
    """An API field: its name, its pydantic type and how to resolve it.

    `prefetch` returns the prefetch lookups the resolver reads (called per request,
    as querysets such as `.public()` depend on the moment); `listing_prefetch`, if given,
    the lookups a listing of many pages uses instead (e.g. fetching pages that many links
    share once each, not once per link); `select` names foreign keys a listing joins into
    its own query (`select_related`) rather than prefetching; `detail_only` keeps large
    values such as bodies out of listings.
    """

    def __init__(
        self,
        name,
        type_,
        resolve,
        *,
        prefetch=None,
        listing_prefetch=None,
        select=(),
        detail_only=False,
        description="",
    ):
        super().__init__(name, serializer=_ResolvedSerializerField(resolve))
        # A callable for types that can only be built once all apps are loaded (streams).
        self._type = type_
        self.resolve = resolve
        self.prefetch = prefetch or (lambda: [])
        self.listing_prefetch = listing_prefetch or self.prefetch
        self.select = tuple(select)
        self.detail_only = detail_only
        self.description = description

    @property
    def type(self):
        if isinstance(self._type, functools.partial):
            self._type = self._type()
        return self._type


def resolved_fields(model, listing=False):
    """The ResolvedFields a page type declares in `api_fields`."""
    fields = [f for f in getattr(model, "api_fields", ()) if isinstance(f, ResolvedField)]
    return [f for f in fields if not (listing and f.detail_only)]


def detail_only_columns(model):
    """Columns only details show (bodies): listings and cards leave them unloaded."""
    columns = {field.name for field in model._meta.concrete_fields}
    return [f.name for f in resolved_fields(model) if f.detail_only and f.name in columns]


def prefetch_lookups(fields, listing=False):
    """The prefetch lookups of `fields`, for one page or (`listing`) for many."""
    lookups, seen = [], set()
    for field in fields:
        for lookup in field.listing_prefetch() if listing else field.prefetch():
            key = getattr(lookup, "prefetch_to", lookup)
            if key not in seen:
                seen.add(key)
                lookups.append(lookup)
    return lookups


def with_selects(queryset, fields):
    """`queryset` joining the foreign keys `fields` name in `select` (listings).

    Their `prefetch` still names them: prefetching a relation already joined costs no
    query, and one page found some other way still gets it in one query.
    """
    names = sorted({name for field in fields for name in field.select})
    return queryset.select_related(*names) if names else queryset


def attribute(name, type_, **kwargs):
    """A plain value read from the page, e.g. its summary."""
    return ResolvedField(name, type_, lambda page, context: getattr(page, name), **kwargs)


def rich_text(name, **kwargs):
    """A RichTextField as display HTML."""
    return ResolvedField(
        name, HTML, lambda page, context: rich_text_html(getattr(page, name)), **kwargs
    )


def stream(name, stream_block, **kwargs):
    """A StreamField as typed [{type, value, id}]; detail only, as bodies are large."""
    kwargs.setdefault("detail_only", True)
    return ResolvedField(
        name,
        functools.partial(stream_type, stream_block),
        lambda page, context: stream_json(getattr(page, name), context),
        **kwargs,
    )


def hero_image(name="hero_image"):
    """The page's hero image with its alt text, from HeroImageMixin."""
    return ResolvedField(
        name,
        Image | None,
        lambda page, context: image_json(page.hero_image, page.hero_image_alt, context),
        prefetch=lambda: [Prefetch("hero_image", queryset=api_images())],
    )
