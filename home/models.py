from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.forms.models import AbstractForm
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PagePermissionTester
from wagtail.search import index

from treatments.api.content import live
from treatments.api.fields import rich_text
from treatments.api.pages import site_pages
from treatments.blocks import ArticleBodyBlock, validate_web_url
from treatments.editing import ClinicCopyForm, ClinicPageMixin
from treatments.images import images_for
from treatments.models import (
    ClinicPageForm,
    ClinicSettings,
    ConditionIndexPage,
    ConditionPage,
    HeroImageMixin,
    Practitioner,
    PractitionerIndexPage,
    TreatmentPage,
    chosen_testimonials,
    linked_pages,
    with_card_images,
)
from treatments.panels import ChosenTitleInlinePanel
from treatments.visibility import visible

from .api_fields import home_fields, standard_page_fields
from .forms import EnquiryForm, send_enquiry_email, within_rate_limit


def menu_pages(site):
    """Live pages directly under the site root that editors marked "Show in menus"."""
    if site is None:
        return Page.objects.none()
    return live(site.root_page.get_children().in_menu()).specific(defer=True)


class HomePage(ClinicPageMixin, HeroImageMixin, Page):
    """The clinic's front page: a welcome, featured treatments, the latest posts and contact."""

    hero_heading = models.CharField(
        max_length=120,
        blank=True,
        help_text="The big heading visitors see first. Leave empty to use the page title.",
    )
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A short welcome under the heading. One or two sentences work best.",
    )
    hero_cta_label = models.CharField(
        "button label",
        max_length=40,
        default="Book a consultation",
        help_text="The words on the main button.",
    )
    hero_cta_url = models.URLField(
        "button link",
        blank=True,
        validators=[validate_web_url],
        help_text="Leave empty to use the booking link from Settings › Clinic details.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("intro"),
                FieldPanel("hero_image"),
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_url"),
            ],
            heading="Welcome",
        ),
        ChosenTitleInlinePanel(
            "featured_treatments",
            title_from="treatment",
            heading="Featured treatments",
            label="Treatment",
            help_text="Choose the treatments to feature and drag them into order.",
        ),
        ChosenTitleInlinePanel(
            "featured_testimonials",
            title_from="testimonial",
            heading="Testimonials",
            label="Testimonial",
            help_text="Patients' words to show on the home page, in the order visitors see "
            "them. Add them under Snippets › Testimonials first.",
        ),
    ]

    api_fields = home_fields()

    is_site_section = True
    base_form_class = ClinicPageForm
    copy_form_class = ClinicCopyForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "treatments.TreatmentIndexPage",
        "treatments.ConditionIndexPage",
        "treatments.PractitionerIndexPage",
        "treatments.LocationIndexPage",
        "blog.BlogIndexPage",
        "treatments_results.ResultsIndexPage",
        "home.StandardPage",
        "home.EnquiryPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def featured(self):
        """Featured treatments that are live, in the editor's order."""
        return [
            page
            for _, page in linked_pages(
                self.featured_treatments,
                "treatment",
                with_card_images(visible(TreatmentPage.objects.all())),
            )
        ]

    def conditions(self):
        """The conditions the clinic helps with, A to Z, for the home page's list."""
        return visible(ConditionPage.objects.all()).order_by("title").only("title", "url_path")

    def team(self):
        """The practitioners, with their photos, for the home page's team section."""
        return Practitioner.objects.prefetch_related(
            Prefetch("photo", queryset=images_for("avatar"))
        )

    def testimonials(self):
        """The testimonials chosen for the home page, in the editor's order (two queries)."""
        return chosen_testimonials(self.featured_testimonials)

    def section_pages(self):
        """The conditions list and the team page by type, for "see all" links."""
        pages = visible(Page.objects.type(ConditionIndexPage, PractitionerIndexPage))
        by_type = {}
        for page in pages.select_related("content_type").order_by("path"):
            by_type.setdefault(page.content_type.model, page)
        return by_type

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured"] = SimpleLazyObject(self.featured)
        context["conditions"] = SimpleLazyObject(lambda: list(self.conditions()))
        context["team"] = SimpleLazyObject(lambda: list(self.team()))
        context["testimonials"] = SimpleLazyObject(self.testimonials)
        context["section_pages"] = SimpleLazyObject(self.section_pages)
        return context


class HomeFeaturedTreatment(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_treatments")
    treatment = models.ForeignKey(
        "treatments.TreatmentPage", on_delete=models.CASCADE, related_name="featured_on"
    )

    panels = [PageChooserPanel("treatment", "treatments.TreatmentPage")]


class HomeTestimonial(Orderable):
    """One testimonial in the home page's "What patients say" section."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_testimonials")
    testimonial = models.ForeignKey(
        "treatments.Testimonial",
        on_delete=models.CASCADE,
        related_name="home_links",
        help_text="Choose a testimonial. Add it under Snippets › Testimonials first.",
    )

    panels = [FieldPanel("testimonial")]

    class Meta(Orderable.Meta):
        verbose_name = "testimonial"


class StandardPage(ClinicPageMixin, HeroImageMixin, Page):
    """A plain page for everything else: about the clinic, prices, finding us."""

    summary = models.TextField(
        max_length=300,
        blank=True,
        help_text="Optional: one or two sentences shown under the title and in search results.",
    )
    body = StreamField(
        ArticleBodyBlock(),
        blank=True,
        help_text="The page itself: text, images, questions and answers, quotes.",
    )

    content_panels = (
        Page.content_panels
        + [FieldPanel("summary")]
        + HeroImageMixin.hero_panels
        + [FieldPanel("body")]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    api_fields = standard_page_fields(ArticleBodyBlock())

    base_form_class = ClinicPageForm
    copy_form_class = ClinicCopyForm
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    serve_select_related = ("hero_image",)  # fetched with the page (treatments/routing.py)
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "plain page"


# --- Enquiry form (docs/enquiries.md) ----------------------------------------------


# Enquiries hold visitors' contact and health details (docs/editorial.md): reading them,
# choosing where they are emailed and deleting them take these rights (Site managers).
ENQUIRY_READER_PERMISSION = "wagtailforms.view_formsubmission"
ENQUIRY_DELETE_PERMISSION = "wagtailforms.delete_formsubmission"


class EnquiryPagePermissionTester(PagePermissionTester):
    """Deleting the enquiry page deletes every enquiry with it."""

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk=ignore_bulk) and (
            self.user.is_superuser or self.user.has_perm(ENQUIRY_DELETE_PERMISSION)
        )


class EnquiryPage(ClinicPageMixin, RoutablePageMixin, AbstractForm):
    """The enquiry page ("Contact us"): visitors send a question or a booking request.

    The form's fields are fixed (see home/forms.py). Each enquiry is stored as a Wagtail
    form submission (Forms in the admin) and emailed to the clinic; the visitor is then
    redirected to a thank-you address, so refreshing never sends it twice.
    """

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="Shown above the form. Say what people can ask about and how soon you reply, "
        "e.g. 'We answer within one working day.'",
    )
    thank_you_text = RichTextField(
        "thank-you message",
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="What visitors read after sending the form: what happens next and when. "
        "Leave empty for a short standard message.",
    )
    to_address = models.EmailField(
        "send enquiries to",
        blank=True,
        help_text="Optional. Leave empty to send enquiries to the email address in "
        "Settings › Clinic details.",
    )
    subject = models.CharField(
        "email subject",
        max_length=120,
        default="New enquiry from the website",
        help_text="The subject of the email the clinic receives. The visitor's name is added "
        "after it, so you can tell enquiries apart in your inbox.",
    )

    content_panels = Page.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                # Whoever sets the address receives every enquiry: enquiry readers only.
                FieldPanel("to_address", permission=ENQUIRY_READER_PERMISSION),
                FieldPanel("subject"),
            ],
            heading="Email to the clinic",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    # The recipient address and subject stay private: only the visitor-facing text.
    api_fields = [rich_text("intro"), rich_text("thank_you_text")]

    # Its intro and thank-you text go through the claims check like every clinic page.
    base_form_class = ClinicPageForm
    copy_form_class = ClinicCopyForm
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "enquiry page"

    def permissions_for_user(self, user):
        return EnquiryPagePermissionTester(user, self)

    # --- The form --------------------------------------------------------------------

    def treatment_choices(self, request):
        """(slug, title) of the site's live, public treatments, in the site's order."""
        pages = site_pages(request, TreatmentPage).order_by("path")
        choices = {}
        for slug, title in pages.values_list("slug", "title"):
            choices.setdefault(slug, title)
        return list(choices.items())

    def get_form_class(self):
        return EnquiryForm

    def get_form(self, *args, treatments=(), page=None, user=None, **kwargs):
        # Wagtail passes page and user; the form needs neither, only the treatments.
        return self.get_form_class()(*args, treatments=treatments, **kwargs)

    def get_data_fields(self):
        """The columns of the admin's submissions listing and its CSV export."""
        return [
            ("submit_time", "Submitted"),
            ("name", "Name"),
            ("email", "Email"),
            ("phone", "Phone"),
            ("treatment", "Treatment of interest"),
            ("message", "Message"),
            ("consent", "Agreed to be contacted"),
        ]

    @path("")
    def enquiry_form(self, request):
        status = 200
        treatments = self.treatment_choices(request)
        if request.method == "POST":
            form = self.get_form(request.POST, treatments=treatments)
            if form.is_spam:
                # Robots see the usual thank-you page; nothing is stored or sent.
                return self.thank(request)
            if form.is_valid():
                if within_rate_limit(request):
                    self.process_form_submission(form)
                    return self.thank(request, form.cleaned_data.get("treatment"))
                status = 429
                form.add_error(None, self.rate_limit_message(request))
        else:
            wanted = request.GET.get("treatment", "")
            initial = {"treatment": wanted if wanted in dict(treatments) else ""}
            form = self.get_form(initial=initial, treatments=treatments)
        context = self.get_context(request)
        context["form"] = form
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        # A form with a CSRF token must never come from a shared cache.
        add_never_cache_headers(response)
        return response

    def rate_limit_message(self, request):
        phone = ClinicSettings.for_request(request).phone
        call = f" or call us on {phone}" if phone else ""
        return (
            "You have sent several enquiries from this connection recently. "
            f"Please try again later{call}. Your details are still in the form below."
        )

    def thank(self, request, treatment=""):
        """Redirect to the thank-you page, naming the chosen treatment in its address.

        The address, not the session, carries it: a thank-you writes nothing, so robots
        caught by the honeypot cannot fill the session table.
        """
        url = self.get_url(request) + self.reverse_subpage("thanks")
        return redirect(f"{url}?{urlencode({'treatment': treatment})}" if treatment else url)

    @path("thanks/", name="thanks")
    def thanks(self, request):
        return self.render_landing_page(request)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        context = self.get_context(request)
        chosen = request.GET.get("treatment", "")
        context["treatment"] = (
            dict(self.treatment_choices(request)).get(chosen, "") if chosen else ""
        )
        response = TemplateResponse(request, self.get_landing_page_template(request), context)
        add_never_cache_headers(response)
        return response

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.render_landing_page(request)
        return super().serve_preview(request, mode_name)

    # --- Storing and emailing ----------------------------------------------------------

    def process_form_submission(self, form):
        """Store the enquiry (Forms in the admin), then email it to the clinic."""
        submission = self.get_submission_class().objects.create(
            form_data=form.submission_data(), page=self
        )
        data = submission.form_data
        send_enquiry_email(
            recipient=self.enquiry_recipient(),
            subject=f"{self.subject}: {data['name']}",
            body=self.email_body(data),
            reply_to=data["email"],
        )
        return submission

    def enquiry_recipient(self):
        """The page's own address, else the clinic's (Settings), else ENQUIRY_EMAIL_TO."""
        if self.to_address:
            return self.to_address
        site = self.get_site()
        clinic_email = ClinicSettings.for_site(site).email if site else ""
        return clinic_email or getattr(settings, "ENQUIRY_EMAIL_TO", "")

    def email_body(self, data):
        listing = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "wagtailforms:list_submissions", args=[self.pk]
        )
        lines = [f"A new enquiry from the “{self.title}” page.", ""]
        labels = dict(self.get_data_fields())
        for name in ("name", "email", "phone", "treatment"):
            lines.append(f"{labels[name]}: {data[name] or '—'}")
        lines += ["", "Message:", data["message"] or "(none)", ""]
        lines.append("They agreed to be contacted about this enquiry.")
        if data["email"]:
            lines.append("Reply to this email to answer them.")
        lines += ["", f"All enquiries: {listing}"]
        return "\n".join(lines)
