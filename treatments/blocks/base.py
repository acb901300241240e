"""What the clinic's blocks share, and what a block owns besides its fields.

Each module of this package holds one block (or one family of blocks) and everything the
plugin does with it, so that adding a field is an edit here and to the block's template:

- its template (`Meta.template`), which draws it on the page;
- `get_api_representation(value, context)`, only where its JSON is more than its fields'
  values (e.g. a booking link that falls back to the clinic's): both APIs call it;
- `schema_org_properties(value, context)`: the schema.org properties it gives the page's
  main entity (e.g. "howPerformed" of a treatment), and `schema_org_questions` for FAQs;
- `Meta.import_headings`: the headings the importer turns into it (a regular expression
  matched against the lower-cased heading), and `Meta.import_labels` for "Label: value"
  lines, with `SectionBlock.default_heading` for sections that come without one;
- `section_heading(value)` (`PageSectionMixin`): the heading it opens with, which names it
  in a page's contents list and its anchor, or None.

Nothing here imports the API, the importer or the JSON-LD code: they read these.
"""

from django.core.validators import URLValidator
from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
BODY_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


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


class PageSectionMixin:
    """A block a page shows as one of its sections (`TreatmentPage.sections`)."""

    def section_heading(self, value):
        """The heading visitors see at the top of this block, as plain text, or None.

        It is the block's entry in the page's contents list and gives its anchor; a block
        without one (an image, a quote) is left out of the list. By default, the value of
        its `heading` field, if it has one.
        """
        if "heading" in getattr(self, "child_blocks", {}):
            return value.get("heading") or None
        return None


class SectionBlock(PageSectionMixin, blocks.StructBlock):
    """A section of a page with its own heading: an entry in the page's contents list."""

    @property
    def default_heading(self):
        return self.child_blocks["heading"].get_default()

    def schema_org_properties(self, value, context=None):
        """schema.org properties this section gives the page's main entity."""
        return {}

    class Meta:
        import_headings = None
        import_labels = {}


def validate_web_url(value):
    # A distinct code, so URLField's generic "Enter a valid URL." does not replace the message.
    URLValidator(
        schemes=["http", "https"],
        message="Enter a web address starting with https://",
        code="web_url",
    )(value)
