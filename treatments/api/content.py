"""The treatments plugin's page types as API fields (see `fields.py`).

Used as each model's `api_fields`. Models are imported inside the prefetch
functions, which run per request, because the models import this module.
"""

import datetime
from typing import Literal

from django.apps import apps
from django.db.models import Prefetch
from ninja import Schema
from pydantic import Field

from ..booking import BookingProvider, treatment_booking
from ..models import ProcedureType, chosen_testimonials, profile_url
from ..numbers import whole_number
from ..visibility import visible
from .fields import ResolvedField, attribute, detail_only_columns, hero_image, rich_text, stream
from .http import MAX_ID
from .prices import price_field
from .types import Image, PageLink
from .values import api_images, image_json, page_link


def live(queryset):
    """Pages an API consumer may see (treatments/visibility.py)."""
    return visible(queryset)


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
    slug: str = Field(description="Their profile's id in addresses, e.g. 'priya-nair'.")
    name: str
    url: str | None = Field(
        description="Their profile page on the site, e.g. /team/priya-nair/; null when the "
        "site has no team page."
    )
    role: str
    credentials: str
    registration_body: str = Field(
        description="The professional register they are on, e.g. 'Nursing and Midwifery "
        "Council'; empty if none is given."
    )
    registration_number: str = Field(description="Their number on that register, or empty.")
    is_physician: bool = Field(description="Whether they are a registered medical doctor.")
    bio: str
    photo: Image | None


class PractitionerProfile(PractitionerCard):
    treatments: list[PageLink] = Field(description="Treatments they perform, in site order.")


class TreatmentBooking(Schema):
    """How visitors book a treatment (treatments/booking.py)."""

    provider: Literal[tuple(BookingProvider.values)] = Field(
        description="'link': book through `url`; otherwise the booking system whose widget "
        "`widget_url` opens: 'cliniko', 'jane' or 'embed' (another system)."
    )
    url: str | None = Field(
        description="The booking link: the treatment's own, else the clinic's; null if none."
    )
    widget_url: str | None = Field(
        description="The address to show in a frame to book this treatment (its service "
        "chosen), from the clinic's booking system; null with a plain link."
    )


class Reviewer(Schema):
    """The practitioner who last checked a page's medical content."""

    id: int
    name: str
    role: str
    credentials: str = Field(description="Qualifications, e.g. 'Registered Nurse (NMC)'.")


class TestimonialSource(Schema):
    kind: Literal["clinic", "review_site"] = Field(
        description="'clinic': given to the clinic (a card, an email, a form); 'review_site': "
        "posted by the patient on a review site."
    )
    name: str = Field(description="The review site, e.g. 'Google reviews'; '' for 'clinic'.")
    url: str | None = Field(description="The review on that site; null for 'clinic'.")


class Testimonial(Schema):
    """A patient's words, published with their agreement. Quote them with the attribution,
    date and source; they carry no rating (docs/structured-data.md)."""

    id: int
    text: str = Field(description="The patient's words, plain text; blank lines part paragraphs.")
    attribution: str = Field(description="The patient's first name or initials.")
    treatment: PageLink | None = Field(
        description="The treatment they had; null if none is set or it is not public."
    )
    date: datetime.date = Field(description="When the patient gave it.")
    source: TestimonialSource


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
        "slug": person.slug,
        "name": person.name,
        "url": profile_url(person, context.get("request")),
        "role": person.role,
        "credentials": person.credentials,
        "registration_body": person.registration_body,
        "registration_number": person.registration_number,
        "is_physician": person.is_physician,
        "bio": person.bio,
        "photo": image_json(person.photo, person.name, context),
    }


def practitioner_profile(person, context):
    return {
        **practitioner_card(person, context),
        "treatments": [page_link(page, context) for page in person.performs()],
    }


def practitioners(with_treatments=False):
    """Practitioners with their photos (and live treatments), in two (four) queries."""
    Practitioner = model("Practitioner")
    people = Practitioner.objects.prefetch_related(Prefetch("photo", queryset=api_images()))
    if with_treatments:
        treatments = live(model("TreatmentPage").objects.all())
        people = people.prefetch_related(Practitioner.performs_prefetch(treatments))
    return people


def testimonial_json(testimonial, context):
    """A testimonial from `chosen_testimonials` or `testimonials()`: never its consent record,
    which is the clinic's file, not content."""
    review_site = testimonial.posted_on_review_site
    treatment = testimonial.treatment
    return {
        "id": testimonial.pk,
        "text": testimonial.text,
        "attribution": testimonial.attribution,
        "treatment": page_link(treatment, context) if treatment else None,
        "date": testimonial.given_on,
        "source": {
            "kind": testimonial.source,
            "name": testimonial.source_name if review_site else "",
            "url": testimonial.source_url if review_site else None,
        },
    }


def live_treatments_named():
    """Treatments for testimonials to name: those visitors may see, without their bodies."""
    return live(model("TreatmentPage").objects.defer("body"))


def testimonials():
    """Every testimonial, newest first, each with its treatment if public: two queries."""
    return (
        model("Testimonial")
        .objects.order_by("-given_on", "-pk")
        .prefetch_related(Prefetch("treatment", queryset=live_treatments_named()))
    )


def chosen_testimonials_field(name, relation, link_model, description, detail_only=False):
    """A page's chosen testimonials (its inline list `relation` of `link_model` objects),
    in the editor's order: two queries for one page or a whole listing."""
    to_attr = f"api_{relation}"

    def prefetch():
        links = (
            apps.get_model(link_model)
            .objects.select_related("testimonial")
            .prefetch_related(Prefetch("testimonial__treatment", queryset=live_treatments_named()))
        )
        return [Prefetch(relation, queryset=links, to_attr=to_attr)]

    def resolve(page, context):
        links = getattr(page, to_attr, None)
        if links is None:  # a preview: the editor's unsaved choice
            chosen = chosen_testimonials(getattr(page, relation))
        else:
            chosen = [link.testimonial for link in links]
        return [testimonial_json(testimonial, context) for testimonial in chosen]

    return ResolvedField(
        name,
        list[Testimonial],
        resolve,
        prefetch=prefetch,
        detail_only=detail_only,
        description=description,
    )


def _reviewer(page, context):
    review = page.medical_review
    person = review.reviewer if review else None
    if person is None:
        return None
    return {
        "id": person.pk,
        "name": person.name,
        "role": person.role,
        "credentials": person.credentials,
    }


def clinical_review_fields():
    """Who last checked a treatment's or condition's medical content, and when.

    Both follow the page's "Medically reviewed" line (`medical_review`): null once a
    version nobody approved is published. The next review date is an internal planning
    date (the "Reviews due" report), so it is not published.
    """
    return [
        ResolvedField(
            "reviewed_by",
            Reviewer | None,
            _reviewer,
            prefetch=lambda: ["reviewed_by"],
            select=["reviewed_by"],
            description="The practitioner who approved the published version; null if none "
            "is recorded, or if the page has changed since.",
        ),
        ResolvedField(
            "last_reviewed",
            datetime.date | None,
            lambda page, context: page.medical_review and page.medical_review.date,
            description="When a clinical reviewer approved the published version; null if "
            "never, or if the page has changed since.",
        ),
    ]


def parse_id(value):
    """The id in a filter value such as "42", or None for a slug (or a number too large, or
    one not written in the digits 0-9: treatments/numbers.py)."""
    return whole_number(value, MAX_ID) or None


def find_live(pages, value, noun):
    """The live page in `pages` with this slug or id; ValueError naming it if none."""
    pk = parse_id(value)
    page = (pages.filter(pk=pk) if pk else pages.filter(slug=value)).first()
    if page is None:
        raise ValueError(f"No {noun} matches '{value}'. Use a {noun}'s slug or id.")
    return page


def for_condition(treatments, value):
    """Treatments for a live condition given by slug or id; ValueError if there is none."""
    condition = find_live(live(model("ConditionPage").objects.all()), value, "condition")
    return treatments.filter(treated_conditions__condition=condition).distinct()


def treatment_cards():
    treatments = live(model("TreatmentPage").objects.order_by("path")).defer("body")
    return treatments.prefetch_related(Prefetch("hero_image", queryset=api_images()))


def inline_links(relation, link_model, field, target, with_image=False):
    """(prefetch, listing_prefetch, read) for links from a page to other pages, e.g. its
    treated conditions.

    `relation` names the page's links (`link_model` objects, e.g. "blog.BlogRelatedTreatment")
    and `field` their foreign key to `target` pages (e.g. "TreatmentPage"). `prefetch`
    reads each link with its page in one query, for one page; `listing_prefetch` reads the
    links, then each page they link to once, in one more query: a listing's pages share
    the pages they link to (fifty treatments, seven conditions), and building a page is
    most of what reading a link costs. `read(page)` gives (link, target) for targets a
    visitor may see, in the links' order: from either prefetch in a listing or detail, else
    (a preview) from the editor's unsaved links.
    """
    to_attr = f"api_{relation}"

    def live_links():
        target_model = model(target)
        links = apps.get_model(link_model).objects.filter(
            **{f"{field}__in": live(target_model.objects.all())}
        )
        return links, detail_only_columns(target_model)

    def prefetch():
        links, leave_out = live_links()
        links = links.select_related(field).defer(*(f"{field}__{name}" for name in leave_out))
        if with_image:
            links = links.prefetch_related(Prefetch(f"{field}__hero_image", queryset=api_images()))
        return [Prefetch(relation, queryset=links, to_attr=to_attr)]

    def listing_prefetch():
        links, leave_out = live_links()
        # The links query chose the live ones: the pages are read by id.
        pages = model(target).objects.defer(*leave_out)
        lookups = [
            Prefetch(relation, queryset=links, to_attr=to_attr),
            Prefetch(f"{to_attr}__{field}", queryset=pages),
        ]
        if with_image:
            lookups.append(Prefetch(f"{to_attr}__{field}__hero_image", queryset=api_images()))
        return lookups

    def read(page):
        links = getattr(page, to_attr, None)
        if links is not None:
            return [(link, getattr(link, field)) for link in links]
        from ..models import linked_pages  # the models import this module

        return linked_pages(getattr(page, relation), field, live(model(target).objects.all()))

    return prefetch, listing_prefetch, read


def linked_treatments(name, relation, link_model, description):
    """A field with the live treatments an inline list links to, as cards, in its order.

    `relation` is the page's inline list (e.g. "related_treatments") of `link_model`
    objects (e.g. "blog.BlogRelatedTreatment") with a `treatment` foreign key.
    """
    # A few links per page: fetching the pages separately would cost a query and save little.
    prefetch, _, read = inline_links(relation, link_model, "treatment", "TreatmentPage", True)
    return ResolvedField(
        name,
        list[TreatmentCard],
        lambda page, context: [treatment_card(t, context) for _, t in read(page)],
        prefetch=prefetch,
        description=description,
    )


# TreatmentPage ------------------------------------------------------------------


_condition_links, _listed_condition_links, _read_conditions = inline_links(
    "treated_conditions", "treatments.TreatmentCondition", "condition", "ConditionPage"
)


def _treated_conditions(page, context):
    return [
        {**condition_card(condition, context), "note": link.note}
        for link, condition in _read_conditions(page)
    ]


def _practitioner_links():
    links = model("TreatmentPractitioner").objects.prefetch_related(
        Prefetch("practitioner", queryset=practitioners())
    )
    return [Prefetch("practitioner_links", queryset=links, to_attr="api_people")]


def _practitioners(page, context):
    # The prefetched links, else (a preview) the editor's unsaved ones; in the editor's order.
    links = getattr(page, "api_people", None)
    if links is None:
        links = page.practitioner_links.all()
    return [practitioner_card(link.practitioner, context) for link in links]


def _booking(page, context):
    booking = treatment_booking(page, context.get("request"))
    return {"provider": booking.provider, "url": booking.url, "widget_url": booking.widget_url}


def treatment_fields(body_block):
    return [
        attribute("summary", str),
        ResolvedField(
            "other_names",
            list[str],
            lambda page, context: page.other_names,
            description="Other names people search for.",
        ),
        attribute(
            "procedure_type",
            Literal[(*ProcedureType.values, "")],
            description="How it is done, as schema.org's MedicalProcedureType: "
            "NoninvasiveProcedure, PercutaneousProcedure or SurgicalProcedure; '' if not set.",
        ),
        attribute("body_location", str, description="The areas treated, e.g. 'Face, neck'."),
        attribute("preparation", str, description="What to do before the appointment."),
        hero_image(),
        ResolvedField(
            "conditions",
            list[TreatedCondition],
            _treated_conditions,
            prefetch=_condition_links,
            # One more query than `prefetch`, paid for by joining `reviewed_by`.
            listing_prefetch=_listed_condition_links,
            description="The conditions it treats, in the editor's order.",
        ),
        ResolvedField(
            "practitioners",
            list[PractitionerCard],
            _practitioners,
            prefetch=_practitioner_links,
            description="The practitioners who perform it, in the editor's order.",
        ),
        ResolvedField(
            "booking",
            TreatmentBooking,
            _booking,
            description="How visitors book it: a link, or the clinic's booking widget.",
        ),
        chosen_testimonials_field(
            "testimonials",
            "testimonial_links",
            "treatments.TreatmentTestimonial",
            "Patients' words chosen for this treatment, in the editor's order.",
            detail_only=True,
        ),
        price_field(),
        *clinical_review_fields(),
        stream("body", body_block),
    ]


# ConditionPage --------------------------------------------------------------------


_treatment_links, _listed_treatment_links, _read_treatments = inline_links(
    "treatment_links", "treatments.TreatmentCondition", "page", "TreatmentPage", True
)


def _condition_treatments(page, context):
    if not page.pk:  # a preview of a condition not saved yet: nothing links to it
        return []
    treatments = {treatment.pk: treatment for _, treatment in _read_treatments(page)}
    return [
        treatment_card(treatment, context)
        for treatment in sorted(treatments.values(), key=lambda treatment: treatment.path)
    ]


def condition_fields(description_block):
    return [
        attribute("summary", str),
        hero_image(),
        stream("description", description_block),
        ResolvedField(
            "treatments",
            list[TreatmentCard],
            _condition_treatments,
            prefetch=_treatment_links,
            # One more query than `prefetch`, paid for by joining `reviewed_by`.
            listing_prefetch=_listed_treatment_links,
            description="Treatments that list this condition, in site order.",
        ),
        *clinical_review_fields(),
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
