from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from treatments.api.content import live
from treatments.blocks import ArticleBodyBlock, validate_web_url
from treatments.models import (
    ClinicPageForm,
    HeadlessPreviewMixin,
    HeroImageMixin,
    TreatmentPage,
    linked_pages,
    with_card_images,
)

from .api_fields import home_fields, standard_page_fields


def menu_pages(site):
    """Live pages directly under the site root that editors marked "Show in menus"."""
    if site is None:
        return Page.objects.none()
    return live(site.root_page.get_children().in_menu()).specific(defer=True)


class HomePage(HeadlessPreviewMixin, HeroImageMixin, Page):
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
        InlinePanel(
            "featured_treatments",
            heading="Featured treatments",
            label="Treatment",
            help_text="Choose the treatments to feature and drag them into order.",
        ),
    ]

    api_fields = home_fields()

    base_form_class = ClinicPageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "treatments.TreatmentIndexPage",
        "treatments.ConditionIndexPage",
        "treatments.PractitionerIndexPage",
        "blog.BlogIndexPage",
        "home.StandardPage",
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
                with_card_images(TreatmentPage.objects.live().public()),
            )
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured"] = self.featured()
        return context


class HomeFeaturedTreatment(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_treatments")
    treatment = models.ForeignKey(
        "treatments.TreatmentPage", on_delete=models.CASCADE, related_name="featured_on"
    )

    panels = [PageChooserPanel("treatment", "treatments.TreatmentPage")]


class StandardPage(HeadlessPreviewMixin, HeroImageMixin, Page):
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
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "plain page"
