from collections import namedtuple

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import (
    RICH_TEXT_FEATURES,
    ArticleBodyBlock,
    OpeningHoursBlock,
    SessionFactsBlock,
    SocialLinkBlock,
    TreatmentBodyBlock,
    validate_web_url,
)
from .editing import ClinicCopyForm, ClinicPageForm, ClinicPageMixin
from .images import images_for
from .panels import ChosenTitleInlinePanel
from .search import CompoundWordsMixin, compound_words_field
from .visibility import has_expired, restrictions, visible

# Where the index pages may be created. A site composing this app names its
# own home page type here (e.g. ["home.HomePage"]); by default, anywhere.
INDEX_PARENT_PAGE_TYPES = getattr(settings, "TREATMENTS_INDEX_PARENT_PAGE_TYPES", None)

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
            FieldPanel("body"),
        ]
        + ClinicalReviewMixin.review_panels
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

    def block(self, block_type):
        """The first body block of a type, e.g. the aftercare section, or None."""
        return next((b for b in self.body if b.block_type == block_type), None)

    def card_facts(self):
        """Duration and price for the treatment's card, or None without session facts."""
        raw = next((b for b in self.body.raw_data if b["type"] == "session_facts"), None)
        return SessionFactsBlock.card_facts(raw["value"]) if raw else None

    def sections(self, conditions):
        """A `Section` for each part of the page, in reading order.

        The conditions list (from the inline list) comes first and the preparation notes
        just before what to expect; the rest are body blocks. Each block's heading is the
        one it opens with (`section_heading`: a text's first subheading included); a block
        without one is left out of the contents list and anchored by its label ("image",
        "quote-or-testimonial"). Anchors are readable and unique within the page.
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

        parts = []
        if conditions:
            parts.append(Section(anchor("what-it-treats"), "What it treats", None, "conditions"))
        prepare = bool(self.preparation.strip())
        for block in self.body:
            if prepare and block.block_type == "what_to_expect":
                parts.append(preparation())
                prepare = False
            heading = block.block.section_heading(block.value)
            parts.append(Section(anchor(heading or block.block.label), heading, block, "block"))
        if prepare:
            parts.append(preparation())
        return parts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only if the page's body is built (templatetags/kept_parts.py).
        conditions = SimpleLazyObject(self.conditions)
        context["conditions"] = conditions
        context["sections"] = SimpleLazyObject(lambda: self.sections(conditions))
        return context

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


class Practitioner(index.Indexed, ClusterableModel):
    """A member of the clinical team: shown as a post's author and as a page's reviewer."""

    name = models.CharField(max_length=120, help_text="Full name, as patients know them.")
    role = models.CharField(
        max_length=120, blank=True, help_text="e.g. Acupuncturist and clinic founder."
    )
    credentials = models.CharField(
        max_length=250,
        blank=True,
        help_text="Qualifications, licences or registrations, e.g. 'Lic.Ac., MBAcC'.",
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
    treatments = ParentalManyToManyField(
        "treatments.TreatmentPage",
        blank=True,
        related_name="practitioners",
        help_text="The treatments they perform.",
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("credentials")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("treatments", widget=forms.CheckboxSelectMultiple),
        FieldPanel("user", heading="Admin login"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PractitionerIndexPage(ClinicPageMixin, Page):
    """Introduces the clinic's practitioners to visitors, with the treatments each performs."""

    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="A short introduction shown above the team. Edit the people themselves "
        "under Snippets › Practitioners.",
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
            Prefetch("treatments", queryset=visible(TreatmentPage.objects.order_by("path"))),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["practitioners"] = SimpleLazyObject(self.practitioners)
        return context


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
        FieldPanel("booking_url"),
        MultiFieldPanel(
            [FieldPanel("social_links"), FieldPanel("privacy_page")], heading="Footer links"
        ),
    ]
    # Shown with the details on every page: read in the same query.
    select_related = ["logo", "privacy_page"]

    class Meta:
        verbose_name = "clinic details"

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
