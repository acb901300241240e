"""What results to expect, when, and how to keep them."""

from wagtail import blocks

from .base import RICH_TEXT_FEATURES, SectionBlock, heading_block


class ResultsBlock(SectionBlock):
    heading = heading_block("Results and maintenance")
    results = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, help_text="When and what results people usually notice."
    )
    maintenance = blocks.RichTextBlock(
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text="Optional: how to keep the results, e.g. a top-up session every six months.",
    )

    class Meta:
        icon = "success"
        label = "Results and maintenance"
        template = "treatments/blocks/results.html"
        description = "What results to expect, when, and how to maintain them."
        # "Results and Maintenance", "When will I see results?"
        import_headings = (
            r"((expected |your |the |long[- ]term )?results\b.*|"
            r"(when|how soon) (will|do|can|should) (i|you) see (the |any )?results\b.*|"
            r"how long (do|does|will) (the )?results last)"
        )
        preview_value = {
            "heading": "Results and maintenance",
            "results": "<p>Most people see a change after three sessions.</p>",
            "maintenance": "<p>A top-up every six months keeps the effect.</p>",
        }
