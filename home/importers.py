"""The site's own import types: the home page and plain pages (docs/importing.md)."""

from treatments.importer.types import PageImporter, in_order, ordered

from .models import HomeFeaturedTreatment, HomePage, StandardPage


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
    }
    intro_field = "intro"
    fields = PageImporter.fields + ["hero_heading", "hero_cta_label", "hero_cta_url"]

    def prepare(self):
        super().prepare()
        self.featured_names = self.names("featured_treatments")

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

    def relations(self, page):
        return {"featured": [link.treatment_id for link in ordered(page.featured_treatments)]}
