"""A link to one of the clinic's social media profiles (Settings › Clinic details).

The footer shows the links in the editor's order, the clinic's JSON-LD lists their addresses
as its `sameAs` and the clinic content API gives them with their display names.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from .base import validate_web_url

OTHER = "other"
NETWORKS = [
    ("instagram", "Instagram"),
    ("facebook", "Facebook"),
    ("tiktok", "TikTok"),
    ("youtube", "YouTube"),
    ("linkedin", "LinkedIn"),
    ("x", "X"),
    ("pinterest", "Pinterest"),
    (OTHER, "Other"),
]


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        choices=NETWORKS,
        default="instagram",
        help_text="Where the clinic's profile is. Choose Other for any network not listed.",
    )
    url = blocks.URLBlock(
        label="link",
        validators=[validate_web_url],
        help_text="The address of the clinic's profile page, starting with https://, e.g. "
        "https://www.instagram.com/yourclinic",
    )
    label = blocks.CharBlock(
        label="name",
        required=False,
        max_length=40,
        help_text="Only for Other: the network's name, as visitors should read it, e.g. 'Threads'.",
    )

    def clean(self, value):
        value = super().clean(value)
        if value["network"] == OTHER and not (value["label"] or "").strip():
            raise StructBlockValidationError(
                block_errors={"label": ValidationError("Give the network's name, e.g. 'Threads'.")}
            )
        return value

    def display_name(self, value):
        """What visitors read: the network's name, or the editor's for Other."""
        label = (value["label"] or "").strip()
        if value["network"] == OTHER:
            return label
        return dict(NETWORKS).get(value["network"], label)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["name"] = self.display_name(value)
        return context

    def schema_org_properties(self, value, context=None):
        """The profile as one of the clinic's `sameAs` addresses, for its schema.org entry."""
        return {"sameAs": [value["url"]]} if value["url"] else {}

    def get_api_representation(self, value, context=None):
        return {"network": value["network"], "name": self.display_name(value), "url": value["url"]}

    class Meta:
        icon = "link-external"
        label = "Social media link"
        template = "treatments/blocks/social_link.html"
        description = "A link to the clinic's profile on a social network."
        preview_value = {"network": "instagram", "url": "https://www.instagram.com/yourclinic"}
