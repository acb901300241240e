from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateformat import format as date_format
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from treatments.blocks import RICH_TEXT_FEATURES
from treatments.editing import ClinicPageForm, ClinicPageMixin
from treatments.models import INDEX_PARENT_PAGE_TYPES, TreatmentPage
from treatments.visibility import visible

from .consent import is_valid_for_website, today, valid_for_website


class ConsentRecordQuerySet(models.QuerySet):
    def valid_for_website(self, on=None):
        return self.filter(valid_for_website(on))


class ConsentRecord(models.Model):
    """A patient's written consent to publish their photos. Seen and changed by Site managers
    only; never shown on a page, in an API, a search index, a sitemap or a log message."""

    patient_reference = models.CharField(
        max_length=40,
        help_text="A reference that lets the clinic find the patient's file, e.g. 'R-2026-014'. "
        "Never a name, initials or a date of birth.",
    )
    signed_on = models.DateField(help_text="When the patient signed the consent form.")
    scope_website = models.BooleanField("this website", default=True)
    scope_social = models.BooleanField("social media", default=False)
    scope_print = models.BooleanField("print (leaflets, posters)", default=False)
    expires_on = models.DateField(
        null=True,
        blank=True,
        help_text="Optional: the last day the consent holds is the day before this date. "
        "Leave empty if it does not expire.",
    )
    form = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The signed form, scanned. Upload it to the private 'Consent forms' "
        "collection: only Site managers can open it.",
    )
    withdrawn_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the patient withdrew consent. Saving a date takes their photos off "
        "the website, the apps and every cached copy at once.",
    )

    panels = [
        FieldRowPanel([FieldPanel("patient_reference"), FieldPanel("signed_on")]),
        MultiFieldPanel(
            [FieldPanel("scope_website"), FieldPanel("scope_social"), FieldPanel("scope_print")],
            heading="Where the photos may be used",
        ),
        FieldPanel("expires_on"),
        FieldPanel("form"),
        FieldPanel("withdrawn_on"),
    ]

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "consent record"
        ordering = ["-signed_on", "-pk"]

    def __str__(self):
        # Shown in choosers and Wagtail's audit log: never the patient's reference.
        return f"Consent record #{self.pk}" if self.pk else "New consent record"

    def clean(self):
        errors = {}
        if self.expires_on and self.signed_on and self.expires_on <= self.signed_on:
            errors["expires_on"] = "The consent must expire after the day it was signed."
        if self.withdrawn_on and self.signed_on and self.withdrawn_on < self.signed_on:
            errors["withdrawn_on"] = "Consent cannot be withdrawn before it was signed."
        if errors:
            raise ValidationError(errors)

    @property
    def is_valid_for_website(self):
        return is_valid_for_website(self)

    @property
    def status(self):
        """What editors see instead of the record: 'Valid until 3 March 2027', 'Valid (no
        expiry)', 'Withdrawn', 'Expired' or 'Not for the website'."""
        if self.withdrawn_on is not None:
            return "Withdrawn"
        if not self.scope_website:
            return "Not for the website"
        if self.expires_on is not None and self.expires_on <= today():
            return "Expired"
        if self.signed_on > today():
            return "Not yet valid"
        if self.expires_on is None:
            return "Valid (no expiry)"
        return f"Valid until {date_format(self.expires_on, 'j F Y')}"


class ResultCaseQuerySet(models.QuerySet):
    def shown(self, on=None):
        """Live cases with both photos whose consent allows the website today: THE rule for
        every listing. (Withdrawing consent deletes the photos: a case left without one is
        never shown.)"""
        return self.filter(
            live=True,
            before_image__isnull=False,
            after_image__isnull=False,
            consent__in=ConsentRecord.objects.valid_for_website(on),
        )

    def public(self, on=None):
        """Shown cases of a treatment whose page visitors may see: what the gallery, the
        results page, both APIs and the JSON-LD list."""
        return self.shown(on).filter(treatment__in=visible(TreatmentPage.objects.all()))


class ResultCase(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    """A before-and-after pair of photos from one patient's course of one treatment.

    Goes through the clinical review workflow like a treatment page; shown only while its
    consent record is valid for the website.
    """

    treatment = models.ForeignKey(
        "treatments.TreatmentPage",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The treatment the patient had.",
    )
    conditions = ParentalManyToManyField(
        "treatments.ConditionPage",
        blank=True,
        related_name="+",
        help_text="Optional: the conditions it shows, for the results page's filters.",
    )
    practitioner = models.ForeignKey(
        "treatments.Practitioner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who performed the treatment.",
    )
    sessions = models.PositiveSmallIntegerField(
        help_text="How many sessions the patient had between the two photos."
    )
    time_between = models.CharField(
        "time between the photos",
        max_length=60,
        help_text="e.g. '12 weeks' or '4 months'.",
    )
    before_image = models.ForeignKey(
        "wagtailimages.Image",
        # Emptied when the patient withdraws consent and the photo is deleted.
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Upload to the 'Results' collection: its location and camera details are "
        "removed on upload.",
    )
    before_alt = models.CharField(
        "before photo alt text",
        max_length=250,
        help_text="Describe what the photo shows of the skin, not the person, e.g. 'Cheek with "
        "rolling acne scars and uneven texture, before treatment'.",
    )
    after_image = models.ForeignKey(
        "wagtailimages.Image",
        # Emptied when the patient withdraws consent and the photo is deleted.
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Taken in the same light, angle and distance as the before photo.",
    )
    after_alt = models.CharField(
        "after photo alt text",
        max_length=250,
        help_text="Describe the visible change, e.g. 'The same cheek with shallower scars and "
        "smoother texture after three sessions'.",
    )
    caption = models.TextField(
        max_length=400,
        help_text="A sentence or two on what changed. Avoid promises: results vary.",
    )
    consent = models.ForeignKey(
        ConsentRecord,
        on_delete=models.PROTECT,
        related_name="cases",
        help_text="The patient's consent record. Site managers add it under Consent records.",
    )
    photos_unretouched = models.BooleanField(
        "I confirm the photos are unretouched",
        default=False,
        help_text="Both photos are unedited (no filters, retouching or changed lighting) and "
        "were taken under the same conditions.",
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="result_case")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="result_case",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("treatment"),
        FieldPanel("conditions"),
        FieldPanel("practitioner"),
        FieldRowPanel([FieldPanel("sessions"), FieldPanel("time_between")]),
        MultiFieldPanel([FieldPanel("before_image"), FieldPanel("before_alt")], "Before"),
        MultiFieldPanel([FieldPanel("after_image"), FieldPanel("after_alt")], "After"),
        FieldPanel("caption"),
        FieldPanel("consent"),
        FieldPanel("photos_unretouched"),
    ]

    objects = ResultCaseQuerySet.as_manager()

    class Meta:
        verbose_name = "result case"
        ordering = ["-pk"]

    def __str__(self):
        return f"{self.treatment.title}: {self.sessions} sessions, {self.time_between}"

    @property
    def revisions(self):
        return self._revisions

    def clean(self):
        if not self.photos_unretouched:
            raise ValidationError(
                {"photos_unretouched": "Confirm the photos are unretouched and comparable."}
            )
        if self.before_image_id and self.before_image_id == self.after_image_id:
            raise ValidationError({"after_image": "Choose a different photo from the before."})

    def get_preview_template(self, request, mode_name):
        return "treatments_results/preview.html"


@register_setting(icon="image")
class ResultsSettings(BaseSiteSetting):
    """What every results gallery says beside the photos."""

    results_vary = models.CharField(
        "'results vary' statement",
        max_length=300,
        default="Results vary from person to person. These photos show one patient's "
        "results and are not a promise of yours.",
        help_text="Shown with every before-and-after gallery.",
    )

    class Meta:
        verbose_name = "results gallery"


class ResultsIndexPage(ClinicPageMixin, Page):
    """The clinic's before-and-after results, filterable by treatment and condition."""

    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="A short introduction shown above the results. Add results under "
        "Results › Result cases.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    schema_org_type = "CollectionPage"
    is_site_section = True
    base_form_class = ClinicPageForm
    parent_page_types = INDEX_PARENT_PAGE_TYPES
    subpage_types = []
    max_count_per_parent = 1
    template = "treatments_results/results_index_page.html"
    # The query parameters its gallery reads (sections.read_filters): a kept part and a cached
    # copy per filter on offer; any other value answers 404, so none is kept for junk.
    page_cache_parameters = ("treatment", "condition")

    class Meta:
        verbose_name = "results page"

    def serve(self, request, *args, **kwargs):
        from .sections import read_filters  # sections.py reads these models

        read_filters(request)  # a filter not on offer: 404 before anything is built
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import sections

        context = super().get_context(request, *args, **kwargs)
        context["filters"] = sections.read_filters(request)
        # Read only if the page's body is built (treatments/templatetags/kept_parts.py).
        context["results"] = SimpleLazyObject(lambda: sections.index_gallery(request))
        context["treatment_options"] = SimpleLazyObject(
            lambda: list(sections.treatments_with_results().order_by("title"))
        )
        context["condition_options"] = SimpleLazyObject(
            lambda: list(sections.conditions_with_results().order_by("title"))
        )
        return context
