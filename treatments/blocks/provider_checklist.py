"""What to look for in a practitioner."""

from wagtail import blocks

from .base import SectionBlock, heading_block, intro_block


class ProviderChecklistBlock(SectionBlock):
    heading = heading_block("Choosing a practitioner")
    intro = intro_block()
    items = blocks.ListBlock(blocks.CharBlock(max_length=200, label="Check"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Provider checklist"
        template = "treatments/blocks/provider_checklist.html"
        description = "What to look for in a practitioner."
        # "Choosing a Provider for Microneedling", "Finding the right practitioner"
        import_headings = (
            r"((choosing|finding|selecting|how to (choose|find|pick)) (a|an|the|your) (\w+ ){0,2}"
            r"(practitioner|provider|clinic|clinician|therapist|aesthetician|acupuncturist|"
            r"specialist)s?\b.*|how to choose\b.*)"
        )
        preview_value = {
            "heading": "Choosing a practitioner",
            "items": ["Registered with a professional body", "Uses single-use needles"],
        }
