"""The appointment step by step: consultation, preparation, the treatment…"""

from wagtail import blocks

from ..text import lines, plain_text
from .base import RICH_TEXT_FEATURES, SectionBlock, heading_block, intro_block


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, help_text="e.g. Consultation, Preparation")
    description = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, help_text="What happens in this step, in plain words."
    )
    duration = blocks.CharBlock(
        required=False, max_length=60, help_text="Optional: how long it takes, e.g. 10 minutes."
    )

    class Meta:
        icon = "list-ol"
        label = "Step"

    def as_text(self, value):
        """A step as one line: "Consultation (15 minutes): We talk through your skin…"."""
        title = f"{value['title']} ({value['duration']})" if value["duration"] else value["title"]
        return f"{title}: {plain_text(value['description'])}"


class WhatToExpectBlock(SectionBlock):
    heading = heading_block("What to expect")
    intro = intro_block()
    steps = blocks.ListBlock(
        StepBlock(),
        min_num=1,
        help_text="One step per stage of the appointment, in the order they happen. "
        "Drag to reorder.",
    )

    def schema_org_properties(self, value, context=None):
        step = self.child_blocks["steps"].child_block
        steps = [step.as_text(item) for item in value["steps"]]
        return {"howPerformed": lines([plain_text(value["intro"]), *steps])}

    class Meta:
        icon = "list-ol"
        label = "What to expect"
        template = "treatments/blocks/what_to_expect.html"
        description = "The appointment step by step: consultation, preparation, the treatment…"
        # "What to expect after…" is aftercare (its pattern is tried first); "The
        # Microneedling Procedure" on the Microneedling page is "the procedure".
        import_headings = (
            r"(what to expect(?!.*\bafter\b).*|what happens(?!.*\bafter\b)\b.*|how it works|"
            r"how (is it|it is) (done|performed)|your (first )?(appointment|visit|session)|"
            r"(the |your )?((\w+ ){0,2}procedure|treatment process|process)( steps?| step by "
            r"step)?|"
            r"(on the day|during (the |your )?(treatment|procedure|session|appointment))|"
            r"step by step)"
        )
        preview_value = {
            "heading": "What to expect",
            "steps": [
                {
                    "title": "Consultation",
                    "description": "<p>We talk through your skin, health and goals.</p>",
                    "duration": "15 minutes",
                },
                {
                    "title": "The treatment",
                    "description": "<p>Fine needles are placed along the face and body.</p>",
                    "duration": "30 minutes",
                },
                {
                    "title": "Aftercare advice",
                    "description": "<p>You leave with a written plan for the week ahead.</p>",
                },
            ],
        }
