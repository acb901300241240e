"""Structured content blocks for clinic pages.

Each block has an icon, a label, a description for editors, a preview value for
the block chooser and a template that renders accessible HTML with no JavaScript.
Blocks with a `heading` become a section with an entry in the page's table of
contents (see `TreatmentPage.sections`).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
BODY_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]

NEEDLE_MIN_MM = Decimal("0.1")
NEEDLE_MAX_MM = Decimal("3.0")


def heading_block(default):
    return blocks.CharBlock(
        default=default,
        max_length=80,
        help_text="The section heading visitors see, also used in the page's contents list.",
    )


def intro_block():
    return blocks.RichTextBlock(
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text="Optional: a sentence or two before the list.",
    )


# --- What to expect ---------------------------------------------------------


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


class WhatToExpectBlock(blocks.StructBlock):
    heading = heading_block("What to expect")
    intro = intro_block()
    steps = blocks.ListBlock(
        StepBlock(),
        min_num=1,
        help_text="One step per stage of the appointment, in the order they happen. "
        "Drag to reorder.",
    )

    class Meta:
        icon = "list-ol"
        label = "What to expect"
        template = "treatments/blocks/what_to_expect.html"
        description = "The appointment step by step: consultation, preparation, the treatment…"
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


# --- At-home care -----------------------------------------------------------


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


class AtHomeCareBlock(blocks.StructBlock):
    heading = heading_block("At-home care")
    intro = intro_block()
    items = blocks.ListBlock(HomeCareItemBlock(), min_num=1)

    class Meta:
        icon = "home"
        label = "At-home care"
        template = "treatments/blocks/at_home_care.html"
        description = "Tools and routines to use between visits: gua sha, cupping, self-massage…"
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


# --- Aftercare --------------------------------------------------------------


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


class AftercareBlock(blocks.StructBlock):
    heading = heading_block("Aftercare")
    intro = intro_block()
    stages = blocks.ListBlock(AftercareStageBlock(), min_num=1, help_text="In time order.")

    class Meta:
        icon = "time"
        label = "Aftercare"
        template = "treatments/blocks/aftercare.html"
        description = "A timeline of do’s and don’ts after the treatment; also the printable sheet."
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


# --- Suitability ------------------------------------------------------------


class SuitabilityBlock(blocks.StructBlock):
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

    class Meta:
        icon = "user"
        label = "Who it suits"
        template = "treatments/blocks/suitability.html"
        description = "Who the treatment suits and who should not have it (contraindications)."
        preview_value = {
            "heading": "Is it right for me?",
            "suits": ["Fine lines", "Uneven texture"],
            "not_suitable": ["Active skin infection", "Keloid-prone skin"],
            "consult_prompt": "Not sure? Book a consultation first.",
        }


# --- Session facts ----------------------------------------------------------


def needle_range(shortest, longest):
    """'0.5–1.5 mm', '1 mm' or '' from two optional Decimal lengths."""
    lengths = sorted({length.normalize() for length in (shortest, longest) if length is not None})
    return "–".join(f"{length:f}" for length in lengths) + " mm" if lengths else ""


class SessionFactsBlock(blocks.StructBlock):
    heading = heading_block("At a glance")
    duration = blocks.CharBlock(required=False, max_length=60, help_text="e.g. 60 minutes")
    needle_length_min = blocks.DecimalBlock(
        required=False,
        min_value=NEEDLE_MIN_MM,
        max_value=NEEDLE_MAX_MM,
        decimal_places=2,
        label="Shortest needle (mm)",
        help_text="Between 0.1 and 3.0 mm.",
    )
    needle_length_max = blocks.DecimalBlock(
        required=False,
        min_value=NEEDLE_MIN_MM,
        max_value=NEEDLE_MAX_MM,
        decimal_places=2,
        label="Longest needle (mm)",
        help_text="Between 0.1 and 3.0 mm, and no shorter than the shortest.",
    )
    sessions = blocks.CharBlock(
        required=False, max_length=60, label="Sessions in a course", help_text="e.g. 3 to 6"
    )
    spacing = blocks.CharBlock(
        required=False, max_length=80, label="Time between sessions", help_text="e.g. 4–6 weeks"
    )
    time_to_results = blocks.CharBlock(required=False, max_length=80, help_text="e.g. 4–6 weeks")
    downtime = blocks.CharBlock(required=False, max_length=80, help_text="e.g. 1–3 days of redness")
    price_note = blocks.CharBlock(
        required=False,
        max_length=200,
        label="Price or insurance note",
        help_text="e.g. From £120 a session; not usually covered by insurance.",
    )

    def clean(self, value):
        value = super().clean(value)
        shortest, longest = value.get("needle_length_min"), value.get("needle_length_max")
        if shortest is not None and longest is not None and shortest > longest:
            raise StructBlockValidationError(
                block_errors={
                    "needle_length_max": ValidationError(
                        "The longest needle must be at least as long as the shortest."
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["needle_range"] = needle_range(
            value.get("needle_length_min"), value.get("needle_length_max")
        )
        return context

    class Meta:
        icon = "table"
        label = "Session facts"
        template = "treatments/blocks/session_facts.html"
        description = "Quick facts: duration, needle length, course, downtime, price."
        preview_value = {
            "heading": "At a glance",
            "duration": "45 minutes",
            "needle_length_min": Decimal("0.5"),
            "needle_length_max": Decimal("1.5"),
            "sessions": "3 to 6",
            "spacing": "4–6 weeks",
            "downtime": "1–3 days",
        }


# --- Smaller content blocks -------------------------------------------------


class BenefitsBlock(blocks.StructBlock):
    heading = heading_block("Benefits")
    items = blocks.ListBlock(blocks.CharBlock(max_length=200, label="Benefit"), min_num=1)

    class Meta:
        icon = "tick"
        label = "Benefits"
        template = "treatments/blocks/benefits.html"
        description = "A short list of what visitors can hope to gain."
        preview_value = {"heading": "Benefits", "items": ["Smoother texture", "A brighter tone"]}


class ResultsBlock(blocks.StructBlock):
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
        preview_value = {
            "heading": "Results and maintenance",
            "results": "<p>Most people see a change after three sessions.</p>",
            "maintenance": "<p>A top-up every six months keeps the effect.</p>",
        }


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = "Question"


class FAQBlock(blocks.StructBlock):
    heading = heading_block("Questions people ask")
    questions = blocks.ListBlock(QuestionBlock(), min_num=1)

    class Meta:
        icon = "help"
        label = "FAQ"
        template = "treatments/blocks/faq.html"
        description = "Questions and answers."
        preview_value = {
            "heading": "Questions people ask",
            "questions": [
                {"question": "Does it hurt?", "answer": "<p>Most feel a light tingle.</p>"}
            ],
        }


class SafetyCalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        default="Please tell us first", max_length=80, help_text="A short, clear warning heading."
    )
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = "Safety callout"
        template = "treatments/blocks/safety_callout.html"
        description = "A highlighted warning, e.g. the massage oil may contain nut oils."
        preview_value = {
            "heading": "Nut allergy?",
            "text": "<p>Our facial oil may contain nut oils: tell us before your treatment.</p>",
        }


class ProviderChecklistBlock(blocks.StructBlock):
    heading = heading_block("Choosing a practitioner")
    intro = intro_block()
    items = blocks.ListBlock(blocks.CharBlock(max_length=200, label="Check"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "Provider checklist"
        template = "treatments/blocks/provider_checklist.html"
        description = "What to look for in a practitioner."
        preview_value = {
            "heading": "Choosing a practitioner",
            "items": ["Registered with a professional body", "Uses single-use needles"],
        }


def validate_web_url(value):
    # A distinct code, so URLField's generic "Enter a valid URL." does not replace the message.
    URLValidator(
        schemes=["http", "https"],
        message="Enter a web address starting with https://",
        code="web_url",
    )(value)


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Ready to book?", max_length=80)
    text = blocks.CharBlock(required=False, max_length=240)
    button_label = blocks.CharBlock(default="Book a consultation", max_length=40)
    link = blocks.URLBlock(
        required=False,
        validators=[validate_web_url],
        help_text="Leave empty to use the clinic’s booking link from Settings › Clinic details.",
    )

    class Meta:
        icon = "calendar-alt"
        label = "Call to action"
        template = "treatments/blocks/call_to_action.html"
        description = "A booking prompt with a button."
        preview_value = {"heading": "Ready to book?", "button_label": "Book a consultation"}


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


# --- Streams ----------------------------------------------------------------


class TreatmentBodyBlock(blocks.StreamBlock):
    """The sections a treatment page can have. Each structured section at most once."""

    session_facts = SessionFactsBlock()
    what_to_expect = WhatToExpectBlock()
    benefits = BenefitsBlock()
    suitability = SuitabilityBlock()
    at_home_care = AtHomeCareBlock()
    aftercare = AftercareBlock()
    results = ResultsBlock()
    faq = FAQBlock()
    provider_checklist = ProviderChecklistBlock()
    safety_callout = SafetyCalloutBlock()
    call_to_action = CallToActionBlock()
    rich_text = RichTextSectionBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()

    class Meta:
        block_counts = {
            name: {"max_num": 1}
            for name in (
                "session_facts",
                "what_to_expect",
                "suitability",
                "at_home_care",
                "aftercare",
                "results",
            )
        }


class ArticleBodyBlock(blocks.StreamBlock):
    """Free-form sections for articles: condition pages, and a site's blog posts."""

    rich_text = RichTextSectionBlock()
    image = CaptionedImageBlock()
    faq = FAQBlock()
    safety_callout = SafetyCalloutBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()


# schema.org day codes, in week order.
WEEKDAYS = [
    ("Mo", "Monday"),
    ("Tu", "Tuesday"),
    ("We", "Wednesday"),
    ("Th", "Thursday"),
    ("Fr", "Friday"),
    ("Sa", "Saturday"),
    ("Su", "Sunday"),
]


def days_label(codes):
    """'Monday to Friday, Sunday' from ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Su']."""
    order = [code for code, _ in WEEKDAYS]
    names = dict(WEEKDAYS)
    picked = sorted(set(codes), key=order.index)
    runs, run = [], []
    for code in picked:
        if run and order.index(code) != order.index(run[-1]) + 1:
            runs.append(run)
            run = []
        run.append(code)
    if run:
        runs.append(run)
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]} to {names[run[-1]]}")
        else:
            parts.extend(names[code] for code in run)
    return ", ".join(parts)


class OpeningHoursBlock(blocks.StructBlock):
    days = blocks.MultipleChoiceBlock(choices=WEEKDAYS, help_text="The days these hours apply to.")
    opens = blocks.TimeBlock()
    closes = blocks.TimeBlock()

    def clean(self, value):
        value = super().clean(value)
        if value["opens"] and value["closes"] and value["opens"] >= value["closes"]:
            raise StructBlockValidationError(
                block_errors={"closes": ValidationError("Closing time must be after opening time.")}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["days_label"] = days_label(value["days"])
        return context

    class Meta:
        icon = "time"
        label = "Opening hours"
        template = "treatments/blocks/opening_hours.html"
