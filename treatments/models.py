import json
from collections import namedtuple
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Prefetch, prefetch_related_objects
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import Truncator, slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from . import prices
from .blocks import (
    RICH_TEXT_FEATURES,
    ArticleBodyBlock,
    ClosureBlock,
    OpeningHoursBlock,
    PriceOptionBlock,
    SessionFactsBlock,
    SocialLinkBlock,
    TreatmentBodyBlock,
    closure_days,
    upcoming_closures,
    validate_web_url,
)
from .booking import (
    BookingProvider,
    allow_widget_frame,
    widget_address_problem,
    widget_booking,
)
from .editing import ClinicCopyForm, ClinicPageForm, ClinicPageMixin
from .fragments import kept
from .images import images_for
from .navigation import RoutedView
from .panels import ChosenTitleInlinePanel
from .prices import currency_for
from .search import CompoundWordsMixin, compound_words_field
from .text import shorten
from .visibility import has_expired, restrictions, visible

# Where the index pages may be created. A site composing this app names its
# own home page type here (e.g. ["home.HomePage"]); by default, anywhere.
INDEX_PARENT_PAGE_TYPES = getattr(settings, "TREATMENTS_INDEX_PARENT_PAGE_TYPES", None)

# The currencies editors may choose for prices (ISO 4217); a site may set its own list.
CURRENCIES = getattr(
    settings,
    "TREATMENTS_CURRENCIES",
    [("GBP", "Pound sterling (£)"), ("EUR", "Euro (€)"), ("USD", "US dollar ($)")],
)
DEFAULT_CURRENCY = getattr(settings, "TREATMENTS_DEFAULT_CURRENCY", CURRENCIES[0][0])

# Rights declared by TreatmentPage (Meta.permissions): what they allow is decided by the
# optional clinical review app (treatments.review.permissions).
PUBLISH_CLINICAL_CONTENT = "treatments.publish_clinical_content"
MANAGE_SITE_SECTIONS = "treatments.manage_site_sections"
DELETE_TREATMENT = "treatments.delete_treatmentpage"


def with_card_images(queryset):
    """Fetch each page's hero image and its card renditions in two queries, not one per card.

    The renditions are those `{% responsive_picture … "card" %}` draws (treatments.images).
    """
    return queryset.prefetch_related(Prefetch("hero_image", queryset=images_for("card")))


def linked_pages(links, field, pages):
    """(link, page) for each inline link whose target is in `pages`, in the editor's order.

    Reads the links through their relation, so a preview shows the unsaved edit; targets
    missing from `pages` (drafts, private pages) are left out. Two queries in all.
    """
    links = list(links.all())
    ids = [getattr(link, f"{field}_id") for link in links]
    found = pages.filter(pk__in=ids).in_bulk()
    return [(link, found[pk]) for link, pk in zip(links, ids, strict=True) if pk in found]


# One part of a treatment page: `kind` is "conditions", "preparation" or "block" (a body
# block, in `block`); `heading` feeds the page's contents list.
Section = namedtuple("Section", "anchor heading block kind")
# A treatment page's own sections after its body blocks: (context name, heading). Optional
# apps add theirs after "testimonials" through TREATMENT_SECTIONS_HOOK.
EXTRA_SECTIONS = [
    ("prices", "Prices"),
    ("practitioners", "Who performs this treatment"),
    ("testimonials", "What patients say"),
    ("locations", "Where to have it"),
    ("booking", "Book online"),
]
# `fn(page, request)` -> [(kind, heading, load)]: an optional app's sections of a treatment
# page (e.g. its before-and-after results). `load()` gives the context value `kind` (read
# only if the page's body is built; empty: no section), drawn by the app's template
# treatments/includes/section_<kind>.html.
TREATMENT_SECTIONS_HOOK = "treatments_treatment_page_sections"
# Ids the page around the sections already uses (base.html's main landmark, the skip link's
# target, and the contents list's heading): a section headed "Main" must not take them.
PAGE_IDS = frozenset({"main", "toc-heading"})


class ProcedureType(models.TextChoices):
    """How a treatment is done, as schema.org's MedicalProcedureType values."""

    NONINVASIVE = "NoninvasiveProcedure", "Non-invasive: nothing goes into the skin (e.g. massage)"
    PERCUTANEOUS = (
        "PercutaneousProcedure",
        "Through the skin with fine needles (e.g. acupuncture, microneedling)",
    )
    SURGICAL = "SurgicalProcedure", "Surgical: involves an incision"


class HeroImageMixin(models.Model):
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A landscape photo shown at the top of the page and on its card.",
    )
    hero_image_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="Describe the photo for people who cannot see it, e.g. "
        "'Practitioner placing fine needles along a patient's jawline'.",
    )

    hero_panels = [
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], "Hero image")
    ]

    class Meta:
        abstract = True


# What a page says about its last clinical review: shown as "Medically reviewed by … on …"
# in the page, the APIs and the JSON-LD. `reviewer` is a Practitioner or None.
MedicalReview = namedtuple("MedicalReview", "reviewer date")


class ClinicalReviewMixin(models.Model):
    """Who last checked a page's medical content, when, and when it is due again.

    Set when a clinical reviewer approves the page in the "Clinical review" workflow;
    reviewers may adjust the next review date. The stamp holds for the version that was
    approved (`reviewed_revision`): once another version is published (a direct publish,
    an import, a copy, a restored old version), the page says nothing about a review until
    the next approval (`medical_review`).
    """

    reviewed_by = models.ForeignKey(
        "treatments.Practitioner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The practitioner who last checked this page's medical content. Filled in "
        "when a clinical reviewer approves the page.",
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="When the medical content was last checked. Filled in on approval.",
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the page should be checked again: 12 months after approval unless a "
        "reviewer sets another date.",
    )
    reviewed_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The version the reviewer approved. The review is shown only while that "
        "version is the published one.",
    )

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("reviewed_by", read_only=True),
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review_due", permission=PUBLISH_CLINICAL_CONTENT),
            ],
            heading="Clinical review",
            help_text="Filled in when a clinical reviewer approves the page in the "
            "“Clinical review” workflow. Reviewers can change the next review date.",
        )
    ]

    class Meta:
        abstract = True

    @property
    def medical_review(self):
        """The review of this page as published, or None: the one rule that decides whether
        the page, the APIs and the JSON-LD say "Medically reviewed by … on …"."""
        if (
            self.last_reviewed is None
            or self.reviewed_revision_id is None
            or self.reviewed_revision_id != self.live_revision_id
        ):
            return None
        return MedicalReview(self.reviewed_by, self.last_reviewed)

    @staticmethod
    def with_current_review():
        """`medical_review`'s rule as a filter: pages whose published version is the one
        reviewed (e.g. those a practitioner's profile lists as reviewed by them)."""
        return models.Q(last_reviewed__isnull=False, reviewed_revision_id=F("live_revision_id"))


def mark_as_reviewed(revision):
    """Say that the review stamp in `revision` is for `revision` itself (see
    ClinicalReviewMixin.medical_review). The revision is saved."""
    revision.content["reviewed_revision"] = revision.pk
    revision.save(update_fields=["content"])


def twelve_months_after(day):
    """The same date a year later, when a page is next due for review."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class TreatmentPageForm(ClinicPageForm):
    def clean(self):
        cleaned = super().clean()
        conditions = self.formsets.get("treated_conditions")
        if conditions is not None and conditions.is_valid():
            seen = set()
            for form in conditions.forms:
                condition = form.cleaned_data.get("condition")
                if not condition or form.cleaned_data.get("DELETE"):
                    continue
                if condition.pk in seen:
                    form.add_error(
                        "condition", f"“{condition.title}” is already in this treatment’s list."
                    )
                seen.add(condition.pk)
        people = self.formsets.get("practitioner_links")
        if people is not None and people.is_valid():
            seen = set()
            for form in people.forms:
                person = form.cleaned_data.get("practitioner")
                if not person or form.cleaned_data.get("DELETE"):
                    continue
                if person.pk in seen:
                    form.add_error(
                        "practitioner", f"{person.name} is already in “Who performs it”."
                    )
                seen.add(person.pk)
        return cleaned


# --- Treatments -------------------------------------------------------------


class TreatmentIndexPage(ClinicPageMixin, Page):
    """Lists the clinic's treatments as cards, in the order editors set in the page tree."""

    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="A short introduction shown above the list of treatments.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    schema_org_type = "CollectionPage"  # for search engines: a page listing others
    is_site_section = True
    lists_clinical_content = True
    base_form_class = ClinicPageForm
    copy_form_class = ClinicCopyForm
    parent_page_types = INDEX_PARENT_PAGE_TYPES
    subpage_types = ["treatments.TreatmentPage"]
    max_count_per_parent = 1
    template = "treatments/treatment_index_page.html"
    # The admin lists treatments in the public order, ready to drag into a new one.
    admin_default_ordering = "ord"

    class Meta:
        verbose_name = "treatment list"

    def treatments(self):
        """Live treatments in page-tree order: editors reorder them by dragging in the admin."""
        return with_card_images(visible(TreatmentPage.objects.child_of(self)).order_by("path"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = SimpleLazyObject(self.treatments)
        return context


class TreatmentPage(
    ClinicPageMixin,
    CompoundWordsMixin,
    RoutablePageMixin,
    ClinicalReviewMixin,
    HeroImageMixin,
    Page,
):
    """One treatment: what it treats, what to expect, aftercare and at-home care."""

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences that sum up the treatment. Shown on cards, in search "
        "results and to apps.",
    )
    also_known_as = models.CharField(
        max_length=250,
        blank=True,
        help_text="Other names people search for, separated by commas, e.g. "
        "'Collagen induction therapy, skin needling'.",
    )
    procedure_type = models.CharField(
        max_length=40,
        blank=True,
        choices=ProcedureType.choices,
        help_text="Does anything go into the skin? Leave empty if you are not sure.",
    )
    body_location = models.CharField(
        "where on the body",
        max_length=120,
        blank=True,
        help_text="The areas treated, e.g. 'Face, neck'.",
    )
    preparation = models.TextField(
        "how to prepare",
        max_length=500,
        blank=True,
        help_text="What patients should do before the appointment, in a sentence or two, e.g. "
        "'Stop retinoids three days before. Come without make-up.' Shown just before "
        "'What to expect'.",
    )
    body = StreamField(
        TreatmentBodyBlock(),
        blank=True,
        help_text="The sections of the page. Add them in the order visitors should read them.",
    )
    prices = StreamField(
        [("option", PriceOptionBlock())],
        blank=True,
        help_text="One row per way to book it, e.g. 'Full face' and 'Face and neck', in the "
        "order visitors should read them. The lowest price is shown on the treatment's card.",
    )
    price_note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: a line shown under the prices, e.g. 'Not usually covered by "
        "insurance.'",
    )
    prices_on_request = models.BooleanField(
        default=False,
        help_text="Tick to hide the amounts everywhere (the page, its card, apps and search "
        "engines) and say 'Prices on request' instead: some treatments may not be advertised "
        "with prices.",
    )
    booking_url = models.URLField(
        "booking link",
        blank=True,
        validators=[validate_web_url],
        help_text="Optional: where visitors book this treatment, starting with https://. "
        "Leave empty to use the clinic's booking link.",
    )
    booking_service = models.CharField(
        "booking system service id",
        max_length=120,
        blank=True,
        help_text="Optional: this treatment's id in the clinic's booking system (Settings › "
        "Clinic details), so the booking widget opens at it. Your booking system shows it "
        "in the service's settings.",
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            FieldPanel("also_known_as"),
            FieldPanel("preparation"),
            MultiFieldPanel(
                [FieldPanel("procedure_type"), FieldPanel("body_location")],
                heading="For search engines",
                help_text="Search engines such as Google read these to describe the treatment "
                "in their results; they are not shown on the page.",
            ),
        ]
        + HeroImageMixin.hero_panels
        + [
            ChosenTitleInlinePanel(
                "treated_conditions",
                title_from="condition",
                heading="Conditions it treats",
                label="Condition",
                help_text="Drag to reorder: visitors see them in this order.",
            ),
            ChosenTitleInlinePanel(
                "practitioner_links",
                title_from="practitioner",
                heading="Who performs it",
                label="Practitioner",
                help_text="Drag to reorder: visitors see them in this order.",
            ),
            FieldPanel("body"),
            ChosenTitleInlinePanel(
                "testimonial_links",
                title_from="testimonial",
                heading="Testimonials",
                label="Testimonial",
                help_text="Patients' words about this treatment, in the order visitors see "
                "them. Add them under Snippets › Testimonials first.",
            ),
        ]
        + ClinicalReviewMixin.review_panels
    )
    price_panels = [
        FieldPanel("prices"),
        FieldPanel("price_note"),
        FieldPanel("prices_on_request"),
        MultiFieldPanel(
            [FieldPanel("booking_url"), FieldPanel("booking_service")],
            heading="Booking",
            help_text="Leave both empty to book through the clinic's booking link or widget.",
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(price_panels, heading="Prices and booking"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("also_known_as"),
        index.SearchField("body"),
        # Searching for a condition also finds the treatments that list it.
        index.SearchField("condition_names"),
        compound_words_field,
    ]

    base_form_class = TreatmentPageForm
    copy_form_class = ClinicCopyForm
    # Only site managers delete (or move) treatments; publishing needs a clinical reviewer.
    delete_permission = DELETE_TREATMENT
    parent_page_types = ["treatments.TreatmentIndexPage"]
    subpage_types = []
    template = "treatments/treatment_page.html"
    # The hero and the reviewer line, fetched with the page (routing.py).
    serve_select_related = ("hero_image", "reviewed_by")

    class Meta:
        verbose_name = "treatment"
        permissions = [
            (
                "publish_clinical_content",
                "Can publish treatments, conditions, medical posts and pages with flagged claims",
            ),
            (
                "manage_site_sections",
                "Can unpublish, make private, schedule the expiry of, move or delete the home "
                "page and the section lists",
            ),
        ]

    def needs_clinical_review(self, include_saved=False):
        return True

    def condition_names(self):
        """The published conditions it treats, with their notes, for the search index."""
        links = self.treated_conditions.filter(condition__live=True).select_related("condition")
        return [f"{link.condition.title} {link.note}".strip() for link in links]

    @property
    def other_names(self):
        return [name.strip() for name in self.also_known_as.split(",") if name.strip()]

    def conditions(self):
        """(link, condition) for the live conditions it treats, in the editor's order."""
        return linked_pages(
            self.treated_conditions, "condition", visible(ConditionPage.objects.all())
        )

    def price_list(self, currency=DEFAULT_CURRENCY):
        """The price options visitors see, with "prices on request" and the note
        (treatments/prices.py): false when there is nothing to show."""
        return prices.price_list(self, currency)

    def performed_by(self):
        """(link, practitioner) for who performs it, in the editor's order, with their card
        photos: four queries however many (a preview shows the unsaved list)."""
        people = Practitioner.objects.prefetch_related(
            Prefetch("photo", queryset=images_for("photo"))
        )
        return linked_pages(self.practitioner_links, "practitioner", people)

    def testimonials(self):
        """The testimonials chosen for this page, in the editor's order (two queries)."""
        return chosen_testimonials(self.testimonial_links)

    def offered_at(self):
        """The live locations that offer it, in site order, when the clinic has more than
        one (a single-site clinic needs no "Where to have it"): one query."""
        if not self.pk:  # a preview before the first save
            return []
        offers = LocationPage.treatments.through.objects.filter(
            locationpage=OuterRef("pk"), treatmentpage=self.pk
        )
        locations = list(live_locations().annotate(offers_it=Exists(offers)))
        return [place for place in locations if place.offers_it] if len(locations) > 1 else []

    def block(self, block_type):
        """The first body block of a type, e.g. the aftercare section, or None."""
        return next((b for b in self.body if b.block_type == block_type), None)

    def card_facts(self, currency=DEFAULT_CURRENCY):
        """Price and duration for the treatment's card and booking bar ("from £120",
        "60 min"): the lowest price option's, else the session facts' duration. Read from
        the stored JSON, so a listing converts no blocks (`{% card_facts %}` passes the
        request's currency)."""
        raw = next((b for b in self.body.raw_data if b["type"] == "session_facts"), None)
        duration = SessionFactsBlock.card_duration(raw["value"]) if raw else ""
        return prices.card_facts(self, currency, duration)

    def sections(self, conditions, extras=()):
        """A `Section` for each part of the page, in reading order.

        The conditions list (from the inline list) comes first and the preparation notes
        just before what to expect; then the body blocks, with the page's `extras` (prices,
        who performs it, testimonials, where, booking: `EXTRA_SECTIONS`) before its FAQ, or
        at the end without one. Each block's heading is the one it opens with
        (`section_heading`: a text's first subheading included); a block without one is left
        out of the contents list and anchored by its label ("image", "quote").
        Anchors are readable and unique within the page.
        """
        used = set(PAGE_IDS)

        def anchor(text):
            base = slugify(text) or "section"
            candidate, n = base, 2
            while candidate in used:
                candidate, n = f"{base}-{n}", n + 1
            used.add(candidate)
            return candidate

        def preparation():
            heading = "Before your appointment"
            return Section(anchor(heading), heading, None, "preparation")

        def page_extras():
            return [Section(anchor(heading), heading, None, kind) for kind, heading in extras]

        parts = []
        if conditions:
            parts.append(Section(anchor("what-it-treats"), "What it treats", None, "conditions"))
        prepare = bool(self.preparation.strip())
        extras_placed = False
        for block in self.body:
            if prepare and block.block_type == "what_to_expect":
                parts.append(preparation())
                prepare = False
            if not extras_placed and block.block_type == "faq":
                parts.extend(page_extras())
                extras_placed = True
            heading = block.block.section_heading(block.value)
            parts.append(Section(anchor(heading or block.block.label), heading, block, "block"))
        if prepare:
            parts.append(preparation())
        if not extras_placed:
            parts.extend(page_extras())
        return parts

    def extra_sections(self, context):
        """(kind, heading) of the page's own sections that have something to show, in
        `EXTRA_SECTIONS` order; each kind is drawn by treatments/includes/section_<kind>.html
        from the context value of the same name."""
        sections = list(EXTRA_SECTIONS)
        after = [kind for kind, _ in sections].index("testimonials") + 1
        sections[after:after] = context.get("app_sections", [])
        return [(kind, heading) for kind, heading in sections if context.get(kind)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only if the page's body is built (templatetags/kept_parts.py).
        conditions = SimpleLazyObject(self.conditions)
        context["conditions"] = conditions
        context["prices"] = SimpleLazyObject(lambda: self.price_list(currency_for(request)))
        context["practitioners"] = SimpleLazyObject(self.performed_by)
        context["testimonials"] = SimpleLazyObject(self.testimonials)
        context["locations"] = SimpleLazyObject(self.offered_at)
        # The booking system's widget, or None with a plain booking link.
        context["booking"] = SimpleLazyObject(lambda: widget_booking(self, request))
        context["app_sections"] = []
        for fn in hooks.get_hooks(TREATMENT_SECTIONS_HOOK):
            for kind, heading, load in fn(self, request):
                context[kind] = SimpleLazyObject(load)
                context["app_sections"].append((kind, heading))
        context["sections"] = SimpleLazyObject(
            lambda: self.sections(conditions, self.extra_sections(context))
        )
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The page; with a booking widget, it may show frames from the widget's origin.

        The origin is kept like the page's body (fragments.py), so a kept page costs no
        query for the clinic's settings; saving them makes both stale at once.
        """
        widget_origin = kept(
            "booking-widget-origin",
            self,
            request,
            lambda: getattr(widget_booking(self, request), "widget_origin", None) or "",
        )
        return allow_widget_frame(super().index_route(request, *args, **kwargs), widget_origin)

    def serve_preview(self, request, mode_name):
        """The preview in the admin shows the booking widget too."""
        response = super().serve_preview(request, mode_name)
        booking = widget_booking(self, request)
        return allow_widget_frame(response, getattr(booking, "widget_origin", None))

    @path("aftercare/", name="aftercare_sheet")
    def aftercare_sheet(self, request):
        """A printable aftercare sheet a clinic can hand to a patient."""
        aftercare = self.block("aftercare")
        if aftercare is None:
            raise Http404("This treatment has no aftercare section.")
        return TemplateResponse(
            request,
            "treatments/aftercare_sheet.html",
            self.get_context(request)
            | {
                "aftercare": aftercare,
                "safety": [b for b in self.body if b.block_type == "safety_callout"],
            },
        )


class TreatmentCondition(Orderable):
    """One entry in a treatment's ordered list of conditions."""

    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="treated_conditions")
    condition = models.ForeignKey(
        "treatments.ConditionPage",
        on_delete=models.CASCADE,
        related_name="treatment_links",
        help_text="Choose a condition page. Create it under Conditions first if it is missing.",
    )
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: a short note, e.g. 'best results on shallow scars'.",
    )

    panels = [PageChooserPanel("condition", "treatments.ConditionPage"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "treated condition"


class TreatmentPractitioner(Orderable):
    """One practitioner in a treatment's "Who performs this treatment" list."""

    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="practitioner_links")
    practitioner = models.ForeignKey(
        "treatments.Practitioner",
        on_delete=models.CASCADE,
        related_name="treatment_links",
        help_text="Choose a practitioner. Add them under Snippets › Practitioners first.",
    )

    panels = [FieldPanel("practitioner")]

    class Meta(Orderable.Meta):
        verbose_name = "practitioner who performs it"


class TreatmentTestimonial(Orderable):
    """One testimonial shown on a treatment page, in the editor's order."""

    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="testimonial_links")
    testimonial = models.ForeignKey(
        "treatments.Testimonial",
        on_delete=models.CASCADE,
        related_name="treatment_links",
        help_text="Choose a testimonial. Add it under Snippets › Testimonials first.",
    )

    panels = [FieldPanel("testimonial")]

    class Meta(Orderable.Meta):
        verbose_name = "testimonial"


# --- Conditions -------------------------------------------------------------


class ConditionIndexPage(ClinicPageMixin, Page):
    """Lists the skin and facial conditions the clinic treats, A to Z."""

    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="A short introduction shown above the list of conditions.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    schema_org_type = "CollectionPage"  # for search engines: a page listing others
    is_site_section = True
    lists_clinical_content = True
    base_form_class = ClinicPageForm
    copy_form_class = ClinicCopyForm
    parent_page_types = INDEX_PARENT_PAGE_TYPES
    subpage_types = ["treatments.ConditionPage"]
    max_count_per_parent = 1
    template = "treatments/condition_index_page.html"
    # The admin lists conditions as visitors see them, A to Z.
    admin_default_ordering = "title"

    class Meta:
        verbose_name = "condition list"

    def conditions(self):
        return with_card_images(visible(ConditionPage.objects.child_of(self)).order_by("title"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["conditions"] = SimpleLazyObject(self.conditions)
        return context


class ConditionPage(ClinicPageMixin, CompoundWordsMixin, ClinicalReviewMixin, HeroImageMixin, Page):
    """A skin or facial condition, listing the treatments that help with it."""

    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences describing the condition. Shown on lists, in search "
        "results and to apps.",
    )
    description = StreamField(
        ArticleBodyBlock(),
        blank=True,
        help_text="More about the condition: causes, signs, what helps.",
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("summary")]
        + HeroImageMixin.hero_panels
        + [FieldPanel("description")]
        + ClinicalReviewMixin.review_panels
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        compound_words_field,
    ]

    base_form_class = ClinicPageForm
    copy_form_class = ClinicCopyForm
    parent_page_types = ["treatments.ConditionIndexPage"]
    subpage_types = []
    template = "treatments/condition_page.html"
    serve_select_related = ("hero_image", "reviewed_by")

    class Meta:
        verbose_name = "condition"

    def needs_clinical_review(self, include_saved=False):
        return True

    def treatments(self):
        """Live, public treatments that list this condition, in page-tree order.

        Needs no editor work: it follows each treatment's published condition list.
        Built once per page object, so the page and its structured data share one result.
        """
        if "_live_treatments" not in self.__dict__:
            treatments = TreatmentPage.objects.none()  # a preview of an unsaved condition
            if self.pk:
                treatments = (
                    visible(TreatmentPage.objects.filter(treated_conditions__condition=self))
                    .distinct()
                    .order_by("path")
                )
            self._live_treatments = with_card_images(treatments)
        return self._live_treatments

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = SimpleLazyObject(self.treatments)
        return context


# --- Practitioners -------------------------------------------------------------

# Apps that have pages by a practitioner (the journal's posts) answer this hook with
# fn(practitioner, request) -> ProfileSection or None, so the plugin needs no import of them.
PRACTITIONER_PAGES_HOOK = "treatments_practitioner_pages"


@dataclass(frozen=True)
class ProfileSection:
    """A list on a practitioner's profile: its heading (e.g. "Journal posts"), its pages
    (fetched with what their cards show) and the template drawing each one as a card
    (given the page as `item`, and `heading` "h3")."""

    heading: str
    pages: list
    card_template: str = "treatments/includes/card.html"


class Practitioner(index.Indexed, ClusterableModel):
    """A member of the clinical team, with a public profile at /team/<slug>/: shown as a
    post's author, as a page's reviewer and on the treatments they perform."""

    name = models.CharField(max_length=120, help_text="Full name, as patients know them.")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="The last part of their profile's address, e.g. 'priya-nair' for "
        "/team/priya-nair/. Leave empty to make it from the name.",
    )
    role = models.CharField(
        max_length=120, blank=True, help_text="e.g. Acupuncturist and clinic founder."
    )
    credentials = models.CharField(
        max_length=250,
        blank=True,
        help_text="Qualifications, licences or registrations, e.g. 'Lic.Ac., MBAcC'.",
    )
    registration_body = models.CharField(
        max_length=120,
        blank=True,
        help_text="Optional: the register they are on, e.g. 'Nursing and Midwifery Council'.",
    )
    registration_number = models.CharField(
        max_length=40,
        blank=True,
        help_text="Optional: their number on that register, so patients can check it.",
    )
    is_physician = models.BooleanField(
        "medical doctor",
        default=False,
        help_text="Tick for a registered medical doctor: search engines then describe them as "
        "a physician.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A friendly head-and-shoulders photo.",
    )
    bio = models.TextField(blank=True, help_text="Two or three sentences about them.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practitioner",
        help_text="Their admin login, if they have one. A clinical reviewer needs this so "
        "pages they approve name them as the reviewer.",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("role"), FieldPanel("credentials")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("registration_body"), FieldPanel("registration_number")]),
                FieldPanel("is_physician"),
            ],
            heading="Professional registration",
        ),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user", heading="Admin login"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unused_slug()
        super().save(*args, **kwargs)

    def _unused_slug(self):
        base = slugify(self.name)[:70] or "practitioner"
        others = Practitioner.objects.exclude(pk=self.pk)
        slug, n = base, 2
        while others.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @staticmethod
    def performs_prefetch(treatments, card_images=False):
        """Prefetch each practitioner's links to the `treatments` (e.g. the visible ones) they
        perform, with the pages, in site order, for `performs()`: one query (and two for
        the pages' card images, else their bodies are left unread)."""
        links = TreatmentPractitioner.objects.filter(page__in=treatments.values("pk"))
        links = links.select_related("page").order_by("page__path")
        if card_images:
            cards = Prefetch("page__hero_image", queryset=images_for("card"))
            links = links.prefetch_related(cards)
        else:
            links = links.defer("page__body")
        return Prefetch("treatment_links", queryset=links, to_attr="performed_links")

    def performs(self):
        """The treatments visitors may see that they perform, in site order."""
        links = getattr(self, "performed_links", None)
        if links is None:
            treatments = visible(TreatmentPage.objects.all())
            links = self.treatment_links.filter(page__in=treatments.values("pk"))
            links = links.select_related("page").order_by("page__path")
        return [link.page for link in links]

    @property
    def registration(self):
        """'Registered with the Nursing and Midwifery Council, no. 12A3456C', or ''."""
        if not self.registration_body:
            return ""
        number = f", no. {self.registration_number}" if self.registration_number else ""
        return f"Registered with the {self.registration_body}{number}"

    def description(self):
        """A line for search results and link previews: the start of their bio, else their
        role (and registration)."""
        return shorten(" ".join(self.bio.split())) or ". ".join(
            part for part in (self.role or self.name, self.registration) if part
        )

    def reviewed_pages(self):
        """The pages visitors see as "Medically reviewed by" them, in site order: a query per
        page type that records reviews (listed by title and date: there may be many)."""
        pages = []
        for model in (TreatmentPage, ConditionPage):
            found = model.objects.filter(ClinicalReviewMixin.with_current_review())
            pages += visible(found.filter(reviewed_by=self)).defer_streamfields()
        return sorted(pages, key=lambda page: page.path)

    def writing(self, request):
        """What other apps list on their profile (PRACTITIONER_PAGES_HOOK), e.g. their
        journal posts: `ProfileSection`s with something in them."""
        found = (fn(self, request) for fn in hooks.get_hooks(PRACTITIONER_PAGES_HOOK))
        return [section for section in found if section and section.pages]


class PractitionerIndexPage(ClinicPageMixin, RoutablePageMixin, Page):
    """Introduces the clinic's practitioners to visitors, with the treatments each performs,
    and serves each one's profile below it: /team/<slug>/ (Practitioner.slug)."""

    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="A short introduction shown above the team. Edit the people themselves "
        "under Snippets › Practitioners: each has a profile page below this one.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    schema_org_type = "CollectionPage"  # for search engines: a page listing others
    is_site_section = True
    base_form_class = ClinicPageForm
    copy_form_class = ClinicCopyForm
    parent_page_types = INDEX_PARENT_PAGE_TYPES
    subpage_types = []
    max_count_per_parent = 1
    template = "treatments/practitioner_index_page.html"

    class Meta:
        verbose_name = "practitioner list"

    def practitioners(self):
        return Practitioner.objects.prefetch_related(
            Prefetch("photo", queryset=images_for("photo")),
            Practitioner.performs_prefetch(visible(TreatmentPage.objects.all())),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["practitioners"] = SimpleLazyObject(self.practitioners)
        return context

    @path("<slug:slug>/", name="profile")
    def profile(self, request, slug):
        """A practitioner's profile: who they are, what they do, write and review."""
        person = self.profile_of(request, slug)
        if person is None:
            raise Http404("No practitioner has this address.")

        def with_cards():
            # Only when the page's body is built: a kept profile needs the person alone.
            prefetch_related_objects(
                [person],
                Prefetch("photo", queryset=images_for("photo")),
                Practitioner.performs_prefetch(
                    visible(TreatmentPage.objects.all()), card_images=True
                ),
            )
            return person

        shown = SimpleLazyObject(with_cards)
        return self.render(
            request,
            template="treatments/practitioner_page.html",
            context_overrides={
                "person": shown,
                "treatments": SimpleLazyObject(lambda: shown.performs()),
                "reviewed": SimpleLazyObject(person.reviewed_pages),
                "writing": SimpleLazyObject(lambda: person.writing(request)),
            },
        )

    def profile_of(self, request, slug):
        """The practitioner with this slug, read once per request (the page, its title and
        breadcrumbs and its structured data all ask), or None."""
        memo = request.__dict__.setdefault("_practitioner_profiles", {})
        if slug not in memo:
            memo[slug] = Practitioner.objects.filter(slug=slug).first()
        return memo[slug]

    def routed_view(self, request):
        """The profile the request shows, as treatments.navigation reads it (breadcrumbs,
        title, description), or None for the team page itself."""
        match = getattr(request, "routable_resolver_match", None)
        if match is None or match.url_name != "profile":
            return None
        person = self.profile_of(request, match.kwargs["slug"])
        if person is None:
            return None
        return RoutedView(person.name, person.description(), self.profile_path(person))

    def profile_path(self, person):
        """A profile's address below this page's, e.g. "priya-nair/"."""
        return self.reverse_subpage("profile", kwargs={"slug": person.slug}).lstrip("/")

    def get_sitemap_urls(self, request=None):
        """The team page, then each practitioner's profile."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        if not base:
            return urls
        return urls + [
            {"location": base + self.profile_path(person)}
            for person in Practitioner.objects.only("slug")
        ]


def team_page(request):
    """The request's site's practitioner list, which serves the profiles, or None; read once
    per request however many practitioners a page names."""
    if request is None:
        return None
    if "_team_page" not in request.__dict__:
        site = Site.find_for_request(request)
        pages = visible(PractitionerIndexPage.objects.all())
        request._team_page = (
            pages.descendant_of(site.root_page, inclusive=True).first() if site else None
        )
    return request._team_page


def profile_url(person, request, full=False):
    """The address of a practitioner's profile on the request's site, or None without a
    (visible) team page: the one rule the pages, the APIs and the JSON-LD use."""
    team = team_page(request)
    if team is None or not person.slug:
        return None
    base = team.get_full_url(request) if full else team.get_url(request)
    return base + team.profile_path(person) if base else None


# --- Testimonials -------------------------------------------------------------


class TestimonialSource(models.TextChoices):
    CLINIC = "clinic", "Given to the clinic (a card, an email, a feedback form)"
    REVIEW_SITE = "review_site", "Posted on a review site"


class ConsentMethod(models.TextChoices):
    FORM = "form", "Signed a consent form"
    EMAIL = "email", "Agreed by email"
    REVIEW_SITE = "review_site", "Posted it publicly themselves on a review site"


class Testimonial(models.Model):
    """A patient's own words about a treatment, published only with their agreement.

    Shown as a quote on the treatment pages and the home page that choose it. Never marked up
    as a review with stars for search engines: see docs/treatments.md#testimonials.
    """

    text = models.TextField(
        max_length=600, help_text="The patient's words, as they gave them (shorten with '…')."
    )
    attribution = models.CharField(
        "name or initials",
        max_length=40,
        help_text="Only a first name or initials, e.g. 'Sam' or 'J. K.'.",
    )
    treatment = models.ForeignKey(
        TreatmentPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The treatment they had.",
    )
    given_on = models.DateField("date", help_text="When the patient gave it.")
    source = models.CharField(
        max_length=20,
        choices=TestimonialSource.choices,
        default=TestimonialSource.CLINIC,
        help_text="For a review site, name it and link to the review: visitors see where the "
        "patient posted it and can read it there.",
    )
    source_name = models.CharField(
        "review site",
        max_length=60,
        blank=True,
        help_text="For a review site: its name, e.g. 'Google reviews'.",
    )
    source_url = models.URLField(
        "link to the review",
        blank=True,
        validators=[validate_web_url],
        help_text="For a review site: the address of the review, starting with https://.",
    )
    consent_given_on = models.DateField(
        "agreed to publication on",
        help_text="When the patient agreed to us publishing their words on this website.",
    )
    consent_method = models.CharField(
        "how they agreed", max_length=20, choices=ConsentMethod.choices
    )

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("attribution"), FieldPanel("given_on")]),
        FieldPanel("treatment"),
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")]),
            ],
            heading="Where it comes from",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("consent_given_on"), FieldPanel("consent_method")])],
            heading="Agreement to publish",
            help_text="Publish a patient's words only with their agreement, and keep the record "
            "(the form or the email) with the clinic's files.",
        ),
    ]

    class Meta:
        ordering = ["-given_on"]

    def __str__(self):
        return f"{self.attribution}: {Truncator(self.text).chars(60)}"

    @property
    def posted_on_review_site(self):
        return self.source == TestimonialSource.REVIEW_SITE

    @property
    def treatment_in_words(self):
        """The treatment's title as it reads mid-sentence ("facial massage"; "LED therapy"
        keeps its capitals), or "" without one. Read from `chosen_testimonials`, which
        leaves out a treatment visitors may not see."""
        title = self.treatment.title if self.treatment else ""
        return title if title[:2].isupper() else title[:1].lower() + title[1:]

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.posted_on_review_site:
            if not self.source_name.strip():
                errors["source_name"] = "Name the review site it was posted on."
            if not self.source_url:
                errors["source_url"] = "Link to the review, so visitors can read it there."
        else:
            # Visitors would read "Given to the clinic" beside a review site's name or link.
            for field in ("source_name", "source_url"):
                if getattr(self, field).strip():
                    errors[field] = (
                        "Only for a review site: empty it, or choose 'Posted on a review "
                        "site' as where it comes from."
                    )
            if self.consent_method == ConsentMethod.REVIEW_SITE:
                errors["consent_method"] = (
                    "Only for words the patient posted on a review site themselves: choose how "
                    "they agreed to us using words given to the clinic."
                )
        if self.given_on and self.given_on > today:
            errors["given_on"] = "This date is in the future: give the day the patient gave it."
        if self.consent_given_on and self.consent_given_on > today:
            errors["consent_given_on"] = "This date is in the future: give the day they agreed."
        elif self.consent_given_on and self.given_on and self.consent_given_on < self.given_on:
            # A patient's public review is its own publication; anything else needs their
            # agreement to these words, so given once the words existed.
            if self.consent_method != ConsentMethod.REVIEW_SITE:
                errors["consent_given_on"] = (
                    "The agreement must date from the day of the testimonial or later: a "
                    "patient agrees to publishing words they have given."
                )
        if errors:
            raise ValidationError(errors)


def chosen_testimonials(links):
    """The testimonials of inline `links` (a treatment's, the home page's), in the editor's
    order, each with its treatment if visitors may see it (else None): two queries however
    many. Read through the relation, so a preview shows the unsaved choice."""
    treatments = visible(TreatmentPage.objects.defer("body"))
    rows = (
        links.all()
        .select_related("testimonial")
        .prefetch_related(Prefetch("testimonial__treatment", queryset=treatments))
    )
    return [link.testimonial for link in rows]


# --- Locations -----------------------------------------------------------------


class LocationIndexPage(ClinicPageMixin, Page):
    """Lists the clinic's locations. Only a clinic with more than one site needs it: with none,
    the footer and the contact page show the address in Settings › Clinic details."""

    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="A short introduction shown above the list of locations.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    schema_org_type = "CollectionPage"  # for search engines: a page listing others
    is_site_section = True
    base_form_class = ClinicPageForm
    copy_form_class = ClinicCopyForm
    parent_page_types = INDEX_PARENT_PAGE_TYPES
    subpage_types = ["treatments.LocationPage"]
    max_count_per_parent = 1
    template = "treatments/location_index_page.html"
    admin_default_ordering = "ord"

    class Meta:
        verbose_name = "location list"

    def locations(self):
        """Its live locations in page-tree order, with their card photos."""
        return with_card_images(live_locations().child_of(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["locations"] = SimpleLazyObject(lambda: list(self.locations()))
        return context


class LocationPage(ClinicPageMixin, HeroImageMixin, Page):
    """One of the clinic's sites: where it is, when it is open and which treatments it offers."""

    summary = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: a sentence for its card, e.g. 'Two minutes from Angel station.'",
    )
    address = models.TextField(help_text="The postal address, one line each.")
    phone = models.CharField(max_length=40, blank=True, help_text="e.g. 020 7946 0000")
    email = models.EmailField(blank=True, help_text="Where visitors can write to this location.")
    opening_hours = StreamField(
        [("hours", OpeningHoursBlock())],
        blank=True,
        help_text="Add one row per set of days with the same hours.",
    )
    closures = StreamField(
        [("closure", ClosureBlock())],
        blank=True,
        help_text="Bank holidays and other days it is closed. Past closures stop showing by "
        "themselves.",
    )
    directions = models.TextField(
        blank=True,
        help_text="How to get there: nearest station, bus routes, parking, step-free access.",
    )
    map_url = models.URLField(
        "map link",
        blank=True,
        validators=[validate_web_url],
        help_text="Optional: a link to the location on a map website, starting with https://. "
        "The page links to it; no map is embedded, so visitors are not tracked by a map "
        "service.",
    )
    treatments = ParentalManyToManyField(
        "treatments.TreatmentPage",
        blank=True,
        related_name="locations",
        help_text="The treatments offered here.",
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("summary")]
        + HeroImageMixin.hero_panels
        + [
            FieldPanel("address"),
            FieldRowPanel([FieldPanel("phone"), FieldPanel("email")], heading="Contact"),
            FieldPanel("opening_hours"),
            FieldPanel("closures"),
            FieldPanel("directions"),
            FieldPanel("map_url"),
            FieldPanel("treatments", widget=forms.CheckboxSelectMultiple),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("address"),
        index.SearchField("directions"),
    ]

    base_form_class = ClinicPageForm
    copy_form_class = ClinicCopyForm
    parent_page_types = ["treatments.LocationIndexPage"]
    subpage_types = []
    template = "treatments/location_page.html"
    serve_select_related = ("hero_image",)

    class Meta:
        verbose_name = "location"

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    def upcoming_closures(self, today=None):
        """Closures not over yet (in the clinic's time zone), soonest first. A kept or cached
        page may outlive the day: js/site.js hides what has ended since."""
        return upcoming_closures(self.closures, today or timezone.localdate())

    def closures_for_script(self):
        """The upcoming closures as JSON, for js/site.js to say "Closed today: Christmas"."""
        closures = []
        for closure in self.upcoming_closures():
            first, last = closure_days(closure.value)
            closures.append({"first": str(first), "last": str(last), "note": closure.value["note"]})
        return json.dumps(closures)

    def offered(self):
        """The live treatments offered here, in site order, with their card photos: read once
        for the page and its JSON-LD. The ids come from the relation, so a preview shows the
        editor's unsaved choice."""
        if not hasattr(self, "_offered"):
            chosen = self.treatments.values_list("pk", flat=True)
            if not isinstance(chosen, models.QuerySet):  # a preview's unsaved choice
                chosen = list(chosen)
            treatments = visible(TreatmentPage.objects.filter(pk__in=chosen))
            self._offered = list(with_card_images(treatments.order_by("path")))
        return self._offered

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = SimpleLazyObject(self.offered)
        return context


def live_locations():
    """The clinic's live, public locations in page-tree order: the footer, the contact page
    and the treatments' "Where to have it" show them (none: the clinic's own details)."""
    return visible(LocationPage.objects.all()).order_by("path")


# --- Clinic details -----------------------------------------------------------


@register_setting(icon="site")
class ClinicSettings(BaseSiteSetting):
    """The clinic's name, logo and contact details, used in the header, the footer, booking
    buttons and printed aftercare sheets."""

    name = models.CharField(
        "clinic name", max_length=120, blank=True, help_text="As it should appear on the site."
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The clinic's mark, shown next to its name at the top of the site and on "
        "printed aftercare sheets. A square or wide mark works: upload a PNG with a "
        "transparent background, at least 200 pixels tall. Leave empty to show a simple leaf.",
    )
    phone = models.CharField(max_length=40, blank=True, help_text="e.g. 020 7946 0000")
    email = models.EmailField(blank=True, help_text="Where visitors can write to the clinic.")
    address = models.TextField(blank=True, help_text="The clinic's postal address, one line each.")
    opening_hours = StreamField(
        [("hours", OpeningHoursBlock())],
        blank=True,
        help_text="Add one row per set of days with the same hours.",
    )
    booking_url = models.URLField(
        "booking link",
        blank=True,
        validators=[validate_web_url],
        help_text="The web address where visitors book, starting with https://. "
        "Booking buttons link here unless they set their own.",
    )
    booking_provider = models.CharField(
        "booking system",
        max_length=20,
        choices=BookingProvider.choices,
        default=BookingProvider.LINK,
        help_text="With a link, booking buttons open your booking page. With a booking "
        "system's widget, treatment pages show its booking form in the page.",
    )
    booking_widget_url = models.URLField(
        "booking widget address",
        blank=True,
        validators=[validate_web_url],
        help_text="For a widget: the address of your booking page in that system, e.g. "
        "https://yourclinic.cliniko.com/bookings. Only this address's site may show "
        "content in your pages.",
    )
    currency = models.CharField(
        max_length=3,
        choices=CURRENCIES,
        default=DEFAULT_CURRENCY,
        help_text="The currency of the treatments' prices.",
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        blank=True,
        help_text="The clinic's pages on Instagram, Facebook and other networks, shown in the "
        "footer in this order (drag to reorder). Search engines also read them as the "
        "clinic's own.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page with your privacy notice, linked from the footer.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("logo")], heading="Name and logo"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")], heading="Contact"),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        MultiFieldPanel(
            [
                FieldPanel("booking_url"),
                FieldPanel("booking_provider"),
                FieldPanel("booking_widget_url"),
            ],
            heading="Booking",
        ),
        FieldPanel("currency"),
        MultiFieldPanel(
            [FieldPanel("social_links"), FieldPanel("privacy_page")], heading="Footer links"
        ),
    ]
    # Shown with the details on every page: read in the same query.
    select_related = ["logo", "privacy_page"]

    class Meta:
        verbose_name = "clinic details"

    def clean(self):
        super().clean()
        try:
            validate_web_url(self.booking_widget_url or "https://example.com")
        except ValidationError:
            return  # the field says so already
        problem = widget_address_problem(self.booking_provider, self.booking_widget_url)
        if problem:
            raise ValidationError({"booking_widget_url": problem})

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def privacy_notice(self):
        """The privacy page while visitors can read it (live, not private, not expired),
        else None. Read without a query: the privacy settings are read once per request."""
        page = self.privacy_page
        if page is None or not page.live or has_expired(page):
            return None
        if any(page.path.startswith(r.page.path) for r in restrictions()):
            return None
        return page
