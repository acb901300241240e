"""The treatments plugin's page types as API fields (see `fields.py`).

Used as each model's `api_fields`. Models are imported inside the prefetch
functions, which run per request, because the models import this module.
"""

from django.apps import apps
from django.db.models import Prefetch
from django.utils import timezone
from ninja import Schema
from pydantic import Field

from .fields import ResolvedField, attribute, hero_image, rich_text, stream
from .types import Image, PageLink
from .values import api_images, image_json, page_link


def live(queryset):
    """Pages an API consumer may see: live, not private, not past their expiry date."""
    return queryset.live().public().exclude(expire_at__lte=timezone.now())


# --- Types ---------------------------------------------------------------------


class TreatmentCard(PageLink):
    summary: str
    hero_image: Image | None


class ConditionCard(PageLink):
    summary: str


class TreatedCondition(ConditionCard):
    note: str = Field(
        description="The editor's note for this treatment, e.g. 'best on shallow scars'."
    )


class PractitionerCard(Schema):
    id: int
    name: str
    role: str
    credentials: str
    bio: str
    photo: Image | None


class PractitionerProfile(PractitionerCard):
    treatments: list[PageLink] = Field(description="Treatments they perform, in site order.")


# --- Resolved values -----------------------------------------------------------


def model(name):
    """A treatments model, looked up when a request needs it (the models import us)."""
    return apps.get_model("treatments", name)


def treatment_card(page, context):
    return {
        **page_link(page, context),
        "summary": page.summary,
        "hero_image": image_json(page.hero_image, page.hero_image_alt, context),
    }


def condition_card(page, context):
    return {**page_link(page, context), "summary": page.summary}


def practitioner_card(person, context):
    return {
        "id": person.pk,
        "name": person.name,
        "role": person.role,
        "credentials": person.credentials,
        "bio": person.bio,
        "photo": image_json(person.photo, person.name, context),
    }


def practitioner_profile(person, context):
    return {
        **practitioner_card(person, context),
        "treatments": [page_link(page, context) for page in person.api_treatments],
    }


def practitioners(with_treatments=False):
    """Practitioners with their photos (and live treatments), in two (three) queries."""
    people = model("Practitioner").objects.prefetch_related(
        Prefetch("photo", queryset=api_images())
    )
    if with_treatments:
        treatments = live(model("TreatmentPage").objects.order_by("path")).defer("body")
        people = people.prefetch_related(
            Prefetch("treatments", queryset=treatments, to_attr="api_treatments")
        )
    return people


def parse_id(value):
    """The id in a filter value such as "42", or None for a slug (or a number too large)."""
    if value.isascii() and value.isdigit() and 0 < int(value) < 2**31:
        return int(value)
    return None


def for_condition(treatments, value):
    """Treatments for a live condition given by slug or id; ValueError if there is none."""
    conditions = live(model("ConditionPage").objects.all())
    pk = parse_id(value)
    condition = (conditions.filter(pk=pk) if pk else conditions.filter(slug=value)).first()
    if condition is None:
        raise ValueError(f"No condition matches '{value}'. Use a condition's slug or id.")
    return treatments.filter(treated_conditions__condition=condition).distinct()


def treatment_cards():
    treatments = live(model("TreatmentPage").objects.order_by("path")).defer("body")
    return treatments.prefetch_related(Prefetch("hero_image", queryset=api_images()))


def visible(links, field, model_name):
    """The inline links whose target an anonymous visitor may see, in their order."""
    links = list(links)
    ids = [getattr(link, f"{field}_id") for link in links]
    shown = set(live(model(model_name).objects.filter(pk__in=ids)).values_list("pk", flat=True))
    return [link for link in links if getattr(link, f"{field}_id") in shown]


def linked_treatments(name, relation, link_model, description):
    """A field with the live treatments an inline list links to, as cards, in its order.

    `relation` is the page's inline list (e.g. "related_treatments") of `link_model`
    objects (e.g. "blog.BlogRelatedTreatment") with a `treatment` foreign key.
    """
    to_attr = f"api_{relation}"

    def prefetch():
        links = apps.get_model(link_model).objects.filter(
            treatment__in=live(model("TreatmentPage").objects.all())
        )
        links = links.select_related("treatment").defer("treatment__body")
        return [
            Prefetch(
                relation,
                queryset=links.prefetch_related(
                    Prefetch("treatment__hero_image", queryset=api_images())
                ),
                to_attr=to_attr,
            )
        ]

    def resolve(page, context):
        links = getattr(page, to_attr, None)
        if links is None:  # a preview: the editor's unsaved list
            links = visible(getattr(page, relation).all(), "treatment", "TreatmentPage")
        return [treatment_card(link.treatment, context) for link in links]

    return ResolvedField(
        name, list[TreatmentCard], resolve, prefetch=prefetch, description=description
    )


# TreatmentPage ------------------------------------------------------------------


def _condition_links_prefetch():
    links = model("TreatmentCondition").objects.filter(
        condition__in=live(model("ConditionPage").objects.all())
    )
    return [
        Prefetch(
            "treated_conditions",
            queryset=links.select_related("condition").defer("condition__description"),
            to_attr="api_condition_links",
        )
    ]


def _treated_conditions(page, context):
    links = getattr(page, "api_condition_links", None)
    if links is None:  # a preview: the editor's unsaved list
        links = visible(page.treated_conditions.all(), "condition", "ConditionPage")
    return [{**condition_card(link.condition, context), "note": link.note} for link in links]


def _practitioners(page, context):
    people = getattr(page, "api_people", None)
    if people is None:
        people = practitioners().filter(treatments=page) if page.pk else []
    return [practitioner_card(person, context) for person in people]


def treatment_fields(body_block):
    return [
        attribute("summary", str),
        ResolvedField(
            "other_names",
            list[str],
            lambda page, context: page.other_names,
            description="Other names people search for.",
        ),
        hero_image(),
        ResolvedField(
            "conditions",
            list[TreatedCondition],
            _treated_conditions,
            prefetch=_condition_links_prefetch,
            description="The conditions it treats, in the editor's order.",
        ),
        ResolvedField(
            "practitioners",
            list[PractitionerCard],
            _practitioners,
            prefetch=lambda: [
                Prefetch("practitioners", queryset=practitioners(), to_attr="api_people")
            ],
            description="The practitioners who perform it.",
        ),
        stream("body", body_block),
    ]


# ConditionPage --------------------------------------------------------------------


def _treatment_links_prefetch():
    links = model("TreatmentCondition").objects.filter(
        page__in=live(model("TreatmentPage").objects.all())
    )
    return [
        Prefetch(
            "treatment_links",
            queryset=links.select_related("page")
            .defer("page__body")
            .prefetch_related(Prefetch("page__hero_image", queryset=api_images())),
            to_attr="api_treatment_links",
        )
    ]


def _condition_treatments(page, context):
    links = getattr(page, "api_treatment_links", None)
    if links is None and not page.pk:  # a preview of a condition not saved yet
        treatments = []
    elif links is None:
        treatments = treatment_cards().filter(treated_conditions__condition=page).distinct()
    else:
        unique = {link.page.pk: link.page for link in links}
        treatments = sorted(unique.values(), key=lambda treatment: treatment.path)
    return [treatment_card(treatment, context) for treatment in treatments]


def condition_fields(description_block):
    return [
        attribute("summary", str),
        hero_image(),
        stream("description", description_block),
        ResolvedField(
            "treatments",
            list[TreatmentCard],
            _condition_treatments,
            prefetch=_treatment_links_prefetch,
            description="Treatments that list this condition, in site order.",
        ),
    ]


# Index pages ----------------------------------------------------------------------


def index_fields(name, type_, children, description):
    """An index page: its intro and its children (detail only: a list can be long)."""
    return [
        rich_text("intro"),
        ResolvedField(name, type_, children, detail_only=True, description=description),
    ]


def treatment_index_fields():
    return index_fields(
        "treatments",
        list[TreatmentCard],
        lambda page, context: [
            treatment_card(child, context) for child in treatment_cards().child_of(page)
        ],
        "The treatments, in the order editors set.",
    )


def condition_index_fields():
    return index_fields(
        "conditions",
        list[ConditionCard],
        lambda page, context: [
            condition_card(child, context)
            for child in live(model("ConditionPage").objects.child_of(page)).order_by("title")
        ],
        "The conditions, A to Z.",
    )


def practitioner_index_fields():
    return index_fields(
        "practitioners",
        list[PractitionerProfile],
        lambda page, context: [
            practitioner_profile(person, context) for person in practitioners(True)
        ],
        "The clinical team, A to Z.",
    )
