"""Free text, images and quotes: the blocks any article may use."""

from html.parser import HTMLParser

from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock

from .base import PageSectionMixin


class _FirstH2(HTMLParser):
    """Reads the text of the first <h2> in some HTML, entities decoded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.inside = False
        self.done = False

    def handle_starttag(self, tag, attrs):
        if tag == "h2" and not self.done:
            self.inside = True
        elif tag == "br" and self.inside:  # a line break in the heading reads as a space
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag == "h2" and self.inside:
            self.inside, self.done = False, True

    def handle_data(self, data):
        if self.inside:
            self.parts.append(data)

    @classmethod
    def text(cls, html):
        parser = cls()
        parser.feed(html)
        parser.close()
        return " ".join("".join(parser.parts).split()) or None


class RichTextSectionBlock(PageSectionMixin, blocks.RichTextBlock):
    def section_heading(self, value):
        """The text of its first subheading (<h2>), as a visitor reads it."""
        return _FirstH2.text(getattr(value, "source", value) or "")

    class Meta:
        icon = "pilcrow"
        label = "Text"
        template = "treatments/blocks/rich_text.html"
        description = "Paragraphs, subheadings, lists and links."
        preview_value = "<h2>About this treatment</h2><p>A paragraph of text.</p>"


class CaptionedImageBlock(PageSectionMixin, blocks.StructBlock):
    image = ImageBlock(help_text="Describe the image for people who cannot see it.")
    caption = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "image"
        label = "Image"
        template = "treatments/blocks/image.html"
        description = "An image with alt text and an optional caption."

    def get_preview_value(self):
        """The library's newest image, so previews and the style page show a real picture."""
        image = get_image_model().objects.order_by("-created_at").first()
        if image is None:
            return super().get_preview_value()
        return self.to_python(
            {
                "image": {"image": image.pk, "alt_text": image.title, "decorative": False},
                "caption": "A caption under the picture.",
            }
        )


class QuoteBlock(PageSectionMixin, blocks.StructBlock):
    """A quote in the text. A patient's words are a testimonial instead (Snippets ›
    Testimonials): that records their agreement to publish and where they gave them."""

    quote = blocks.TextBlock(
        help_text="The words, without quotation marks. For a patient's words, add a "
        "testimonial under Snippets › Testimonials and choose it in the page's Testimonials "
        "list instead."
    )
    attribution = blocks.CharBlock(
        required=False,
        max_length=120,
        help_text="Who said it, e.g. 'Priya Nair, lead practitioner'.",
    )

    class Meta:
        icon = "openquote"
        label = "Quote"
        template = "treatments/blocks/quote.html"
        description = (
            "A short quote from a practitioner or an expert. For patients' words, use "
            "Testimonials: they keep the patient's agreement to publish."
        )
        preview_value = {
            "quote": "A broad-spectrum sunscreen every morning does more for your skin than "
            "any treatment we offer.",
            "attribution": "Priya Nair, lead practitioner",
        }
