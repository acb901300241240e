"""The site's own import types: the home page, plain pages and the enquiry page
(docs/importing.md)."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from treatments.importer.markdown import Heading, to_html
from treatments.importer.types import (
    PAGE_KEYS,
    PageImporter,
    in_order,
    ordered,
    testimonial_links,
)

from .models import EnquiryPage, HomeFeaturedTreatment, HomePage, HomeTestimonial, StandardPage


class StandardPageImporter(PageImporter):
    model = StandardPage
    rank = 30
    body_field = "body"

    def sort_key(self):
        # A page's parent may be another page of the same import: shallower first.
        depth = self.text("parent").strip("/").count("/") + bool(self.text("parent").strip("/"))
        return (self.rank, depth, *super().sort_key()[1:])


class HomePageImporter(PageImporter):
    """Fills in the site's existing home page; it runs last, so it can feature treatments."""

    model = HomePage
    rank = 90
    keys = {
        "image",
        "image_alt",
        "seo_title",
        "search_description",
        "draft",
        "heading",
        "button_label",
        "button_url",
        "featured_treatments",
        "testimonials",
    }
    intro_field = "intro"
    fields = PageImporter.fields + ["hero_heading", "hero_cta_label", "hero_cta_url"]
    key_of_field = {
        **PageImporter.key_of_field,
        "hero_heading": "heading",
        "hero_cta_label": "button_label",
        "hero_cta_url": "button_url",
    }

    def prepare(self):
        super().prepare()
        self.featured_names = self.names("featured_treatments")
        self.testimonial_ids = self.names("testimonials")

    def parent(self):
        return self.run.site.root_page.get_parent().specific

    def expected_url(self):
        return "/"

    def save(self):
        self.slug = self.run.site.root_page.slug
        return super().save()

    def apply(self, page):
        super().apply(page)
        page.hero_heading = self.text("heading")
        page.hero_cta_label = self.text("button_label") or "Book a consultation"
        page.hero_cta_url = self.text("button_url")
        line = self.source.line_of("featured_treatments")
        page.featured_treatments = in_order(
            HomeFeaturedTreatment(treatment=self.run.treatment(self, name, line))
            for name in self.featured_names
        )
        if self.given("testimonials"):  # a file without the key keeps the editors' list
            page.featured_testimonials = testimonial_links(self, HomeTestimonial)

    def relations(self, page):
        return {
            "featured": [link.treatment_id for link in ordered(page.featured_treatments)],
            "testimonials": [link.testimonial_id for link in ordered(page.featured_testimonials)],
        }


class EnquiryPageImporter(PageImporter):
    """The enquiry page: the body is the text above the form; a "## Thank you" section
    is the thank-you message. The form's fields are fixed in code."""

    model = EnquiryPage
    # After the index pages, so it comes after them in the menu.
    rank = 35
    keys = (PAGE_KEYS - {"summary", "image", "image_alt"}) | {"email_subject", "send_to"}
    intro_field = "intro"
    fields = PageImporter.fields + ["thank_you_text", "subject", "to_address"]

    def prepare(self):
        super().prepare()
        self.subject = self.text("email_subject")
        limit = self.model._meta.get_field("subject").max_length
        if len(self.subject) > limit:
            raise self.problem(
                f"`email_subject` is {len(self.subject)} characters long; the most is {limit}",
                key="email_subject",
            )
        self.send_to = self.text("send_to")
        if self.send_to:
            try:
                validate_email(self.send_to)
            except ValidationError:
                raise self.problem(
                    f"`send_to` must be one email address, not ‘{self.send_to}’", key="send_to"
                ) from None
        self.thank_you_nodes = []
        for index, node in enumerate(self.nodes):
            if isinstance(node, Heading) and node.text.casefold().startswith("thank you"):
                self.nodes, self.thank_you_nodes = self.nodes[:index], self.nodes[index + 1 :]
                break

    def apply(self, page):
        super().apply(page)
        page.subject = self.subject or self.model._meta.get_field("subject").default
        page.to_address = self.send_to
        page.thank_you_text = to_html(
            self.thank_you_nodes, headings=False, rewrite_link=self.rewrite_link, lists=True
        )
