"""A timeline of do’s and don’ts after the treatment; also the printable aftercare sheet."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from ..text import lines, plain_text
from .base import SectionBlock, heading_block, intro_block


class AftercareStageBlock(blocks.StructBlock):
    when = blocks.CharBlock(max_length=80, help_text="e.g. First 24 hours, Days 2 to 7.")
    dos = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label="Do"),
        min_num=0,
        default=[],
        label="Do",
        help_text="Things to do.",
    )
    donts = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label="Don’t"),
        min_num=0,
        default=[],
        label="Don’t",
        help_text="Things to avoid.",
    )

    def clean(self, value):
        value = super().clean(value)
        if not value["dos"] and not value["donts"]:
            raise StructBlockValidationError(
                block_errors={"dos": ValidationError("Add at least one do or don’t.")}
            )
        return value

    class Meta:
        icon = "time"
        label = "Stage"

    def as_text(self, value):
        """A stage as one line: "First 24 hours. Do: …. Don’t: …."."""
        parts = [f"{value['when']}."]
        if value["dos"]:
            parts.append(f"Do: {'; '.join(value['dos'])}.")
        if value["donts"]:
            parts.append(f"Don’t: {'; '.join(value['donts'])}.")
        return " ".join(parts)


class AftercareBlock(SectionBlock):
    heading = heading_block("Aftercare")
    intro = intro_block()
    stages = blocks.ListBlock(AftercareStageBlock(), min_num=1, help_text="In time order.")

    def schema_org_properties(self, value, context=None):
        stage = self.child_blocks["stages"].child_block
        stages = [stage.as_text(item) for item in value["stages"]]
        return {"followup": lines([plain_text(value["intro"]), *stages])}

    class Meta:
        icon = "time"
        label = "Aftercare"
        template = "treatments/blocks/aftercare.html"
        description = "A timeline of do’s and don’ts after the treatment; also the printable sheet."
        # Matched against the heading in lower case without the page's own name, so
        # "What to Expect After Microneedling Treatment" is "what to expect after treatment".
        import_headings = (
            r"(after ?care\b.*|afterwards|after (your |the |a |each )?(treatment|session|visit|"
            r"appointment|procedure)s?|(what to expect|what happens|caring for (your )?skin|"
            r"looking after (your )?skin) after\b.*|post (treatment|procedure)( care)?\b.*|"
            r"recovery( and (after ?care|downtime))?|downtime( and recovery)?)"
        )
        preview_value = {
            "heading": "Aftercare",
            "stages": [
                {
                    "when": "First 24 hours",
                    "dos": ["Rinse with lukewarm water only"],
                    "donts": ["No make-up"],
                },
                {"when": "Days 2 to 7", "dos": ["Use SPF 30 or higher"], "donts": ["No sauna"]},
            ],
        }
