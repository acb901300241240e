"""Who the treatment suits and who should not have it (contraindications)."""

from wagtail import blocks

from .base import SectionBlock, heading_block


class SuitabilityBlock(SectionBlock):
    heading = heading_block("Is it right for me?")
    suits = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label="Suits"),
        min_num=0,
        default=[],
        label="Who it suits",
    )
    not_suitable = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label="Not suitable"),
        min_num=0,
        default=[],
        label="Who should not have it",
        help_text="Contraindications, e.g. active skin infection, blood-clotting problems.",
    )
    consult_prompt = blocks.CharBlock(
        required=False,
        max_length=240,
        default="Not sure? Book a consultation and we will talk it through first.",
        help_text="A short nudge to get advice before booking.",
    )

    def schema_org_properties(self, value, context=None):
        return {"contraindication": list(value["not_suitable"])}

    class Meta:
        icon = "user"
        label = "Who it suits"
        template = "treatments/blocks/suitability.html"
        description = "Who the treatment suits and who should not have it (contraindications)."
        # "Is Micro-Needling For Me?" on the page is "is for me".
        import_headings = (
            r"(is ((it|this|\w+( \w+){0,3}) )?(right |suitable )?for me|who it suits|"
            r"who is it for|who (is it|it's) (for|suitable for)\b.*|"
            r"who (should|can) ?(not|n't|’t)\b.*|contraindications?|not suitable\b.*|"
            r"am i (a )?(good |suitable |right )?candidate\b.*|"
            r"who is (a )?(good |suitable |ideal )?candidate\b.*|(good |ideal )?candidates|"
            r"eligibility|who can have (it|this)( treatment)?)"
        )
        preview_value = {
            "heading": "Is it right for me?",
            "suits": ["Fine lines", "Uneven texture"],
            "not_suitable": ["Active skin infection", "Keloid-prone skin"],
            "consult_prompt": "Not sure? Book a consultation first.",
        }
