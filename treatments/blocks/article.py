"""Free text, images and quotes: the blocks any article may use."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class RichTextSectionBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = "Text"
        template = "treatments/blocks/rich_text.html"
        description = "Paragraphs, subheadings, lists and links."
        preview_value = "<h2>About this treatment</h2><p>A paragraph of text.</p>"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(help_text="Describe the image for people who cannot see it.")
    caption = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "image"
        label = "Image"
        template = "treatments/blocks/image.html"
        description = "An image with alt text and an optional caption."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The words, without quotation marks.")
    attribution = blocks.CharBlock(
        required=False, max_length=120, help_text="Who said it, e.g. a patient's first name."
    )

    class Meta:
        icon = "openquote"
        label = "Quote or testimonial"
        template = "treatments/blocks/quote.html"
        description = "A short quote from a patient or practitioner."
        preview_value = {
            "quote": "My skin felt calmer after the second visit.",
            "attribution": "Sam, patient",
        }
