"""A short list of what visitors can hope to gain."""

from wagtail import blocks

from .base import SectionBlock, heading_block


class BenefitsBlock(SectionBlock):
    heading = heading_block("Benefits")
    items = blocks.ListBlock(blocks.CharBlock(max_length=200, label="Benefit"), min_num=1)

    class Meta:
        icon = "tick"
        label = "Benefits"
        template = "treatments/blocks/benefits.html"
        description = "A short list of what visitors can hope to gain."
        # "Benefits of Microneedling Treatment", "What are the benefits?"
        import_headings = r"((what are )?(the )?(key |main |top )?benefits\b.*)"
        preview_value = {"heading": "Benefits", "items": ["Smoother texture", "A brighter tone"]}
