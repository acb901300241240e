"""Tools and routines to use between visits: gua sha, cupping, self-massage…"""

from wagtail import blocks

from .base import RICH_TEXT_FEATURES, SectionBlock, heading_block, intro_block


class MaterialBlock(blocks.StructBlock):
    material = blocks.CharBlock(max_length=80, help_text="e.g. Jade, rose quartz, stainless steel")
    why = blocks.CharBlock(
        required=False, max_length=200, help_text="Why this material, e.g. stays cool on the skin."
    )

    class Meta:
        icon = "tag"
        label = "Material"


class HomeCareItemBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        max_length=80, help_text="The tool or technique, e.g. Gua sha, Facial cupping."
    )
    description = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, help_text="How to use it, step by step if helpful."
    )
    frequency = blocks.CharBlock(
        required=False, max_length=120, help_text="How often, e.g. three evenings a week."
    )
    ramp_up = blocks.CharBlock(
        required=False,
        max_length=200,
        label="Starting slowly",
        help_text="How to build up, e.g. once a week, building to nightly over three weeks.",
    )
    session_length = blocks.CharBlock(
        required=False, max_length=60, help_text="How long each session lasts, e.g. 5 minutes."
    )
    course_length = blocks.CharBlock(
        required=False, max_length=60, help_text="For how long to keep going, e.g. 6 weeks."
    )
    materials = blocks.ListBlock(
        MaterialBlock(),
        min_num=0,
        default=[],
        help_text="Optional: materials to choose from, and why.",
    )
    cautions = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label="Caution"),
        min_num=0,
        default=[],
        help_text="Optional: when not to use it or what to watch for.",
    )

    class Meta:
        icon = "pick"
        label = "Tool or technique"
        # "How often: three evenings a week" lines in an imported item: label -> field.
        import_labels = {
            "how often": "frequency",
            "frequency": "frequency",
            "start slowly": "ramp_up",
            "starting slowly": "ramp_up",
            "build up": "ramp_up",
            "session length": "session_length",
            "each session": "session_length",
            "course length": "course_length",
            "keep going for": "course_length",
            "material": "materials",
            "materials": "materials",
            "caution": "cautions",
            "cautions": "cautions",
            "warning": "cautions",
        }


class AtHomeCareBlock(SectionBlock):
    heading = heading_block("At-home care")
    intro = intro_block()
    items = blocks.ListBlock(HomeCareItemBlock(), min_num=1)

    class Meta:
        icon = "home"
        label = "At-home care"
        template = "treatments/blocks/at_home_care.html"
        description = "Tools and routines to use between visits: gua sha, cupping, self-massage…"
        # "At home treatments", "Facial massage at home", "Between visits"
        import_headings = (
            r"((\w+ ){0,4}at[- ]home\b.*|home care\b.*|between (visits|sessions)|self[- ]care\b.*)"
        )
        preview_value = {
            "heading": "At-home care",
            "items": [
                {
                    "name": "Gua sha",
                    "description": "<p>Glide the flat edge outwards from the middle.</p>",
                    "frequency": "Three evenings a week",
                    "ramp_up": "Start once a week and build up over three weeks",
                    "session_length": "5 minutes",
                    "course_length": "6 weeks",
                    "materials": [{"material": "Jade", "why": "Stays cool against the skin"}],
                    "cautions": ["Skip areas with active breakouts"],
                }
            ],
        }
