"""The clinic's locations as API fields (see `fields.py`): LocationPage and LocationIndexPage,
and the `locations` of a treatment. Set as the models' `api_fields` in apps.py, so Wagtail's
API v2 and the clinic content API (`/locations/`) serve the same typed values."""

from django.apps import apps
from django.db.models import Prefetch

from ..blocks import ClosureBlock, OpeningHoursBlock
from .content import live
from .fields import ResolvedField, attribute, hero_image, rich_text
from .streamfield import block_json, block_type
from .types import PageLink
from .values import page_link

# Only what a link needs: a location may offer every treatment, with their long bodies.
LINK_COLUMNS = ("id", "title", "url_path", "content_type_id", "path", "depth")


def _model(name):
    return apps.get_model("treatments", name)


class LocationCard(PageLink):
    summary: str
    address_lines: list[str]


def location_card(location, context):
    return {
        **page_link(location, context),
        "summary": location.summary,
        "address_lines": location.address_lines,
    }


def _rows(stream, context):
    return [block_json(child.block, child.value, context) for child in stream]


def _treatments(location, context):
    treatments = getattr(location, "api_treatments", None)
    if treatments is None:  # a preview: the editor's unsaved choice
        treatments = location.offered()
    return [page_link(treatment, context) for treatment in treatments]


def _offered_treatments():
    treatments = live(_model("TreatmentPage").objects.order_by("path")).only(*LINK_COLUMNS)
    return [Prefetch("treatments", queryset=treatments, to_attr="api_treatments")]


def location_fields():
    return [
        attribute("summary", str, description="A sentence for its card; '' if not set."),
        ResolvedField(
            "address_lines",
            list[str],
            lambda page, context: page.address_lines,
            description="The postal address, a line each.",
        ),
        attribute("phone", str, description="'' if not set."),
        attribute("email", str, description="'' if not set."),
        ResolvedField(
            "opening_hours",
            list[block_type(OpeningHoursBlock())],
            lambda page, context: _rows(page.opening_hours, context),
            description="The usual opening hours, a row per set of days with the same hours, "
            "in the clinic's time zone.",
        ),
        ResolvedField(
            "closures",
            list[block_type(ClosureBlock())],
            lambda page, context: _rows(page.upcoming_closures(), context),
            description="Days it is closed outside its usual hours (bank holidays…), soonest "
            "first: those not over when the response was made (it may be cached for a while, "
            "so compare `last_day` with today).",
        ),
        attribute("directions", str, description="How to get there; '' if not set."),
        ResolvedField(
            "map_url",
            str | None,
            lambda page, context: page.map_url or None,
            description="A link to the location on a map website; null if not set.",
        ),
        hero_image(),
        ResolvedField(
            "treatments",
            list[PageLink],
            _treatments,
            prefetch=_offered_treatments,
            description="The live treatments offered here, in site order.",
        ),
    ]


def location_index_fields():
    return [
        rich_text("intro"),
        ResolvedField(
            "locations",
            list[LocationCard],
            lambda page, context: [
                location_card(location, context)
                for location in live(_model("LocationPage").objects.child_of(page)).order_by("path")
            ],
            detail_only=True,
            description="The clinic's locations, in the order editors set.",
        ),
    ]


def _treatment_locations(page, context):
    locations = getattr(page, "api_locations", None)
    if locations is None:  # a preview
        locations = live(page.locations.all()).order_by("path") if page.pk else []
    return [page_link(location, context) for location in locations]


def treatment_locations_field():
    """A treatment's `locations`: every live location offering it, even a clinic's only one
    (the page shows "Where to have it" from two; an app may choose for itself)."""
    return ResolvedField(
        "locations",
        list[PageLink],
        _treatment_locations,
        prefetch=lambda: [
            Prefetch(
                "locations",
                queryset=live(_model("LocationPage").objects.order_by("path")).only(*LINK_COLUMNS),
                to_attr="api_locations",
            )
        ],
        detail_only=True,
        description="The live locations that offer it, in site order.",
    )
