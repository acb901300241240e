"""A post's body reuses the treatments blocks that fit an article."""

from wagtail import blocks

from treatments.blocks import (
    CallToActionBlock,
    CaptionedImageBlock,
    FAQBlock,
    QuoteBlock,
    RichTextSectionBlock,
    SafetyCalloutBlock,
)


class BlogBodyBlock(blocks.StreamBlock):
    rich_text = RichTextSectionBlock()
    image = CaptionedImageBlock()
    faq = FAQBlock()
    safety_callout = SafetyCalloutBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
