from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The clinic's front page: the root of the site that every other section hangs from."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A short welcome shown under the page title. One or two sentences work best.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["treatments.TreatmentIndexPage", "treatments.ConditionIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"
