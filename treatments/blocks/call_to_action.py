"""A booking prompt with a button: to its own link, or to the clinic's booking link."""

from wagtail import blocks

from ..booking import page_booking_href
from .base import PageSectionMixin, validate_web_url


class CallToActionBlock(PageSectionMixin, blocks.StructBlock):
    heading = blocks.CharBlock(default="Ready to book?", max_length=80)
    text = blocks.CharBlock(required=False, max_length=240)
    button_label = blocks.CharBlock(default="Book a consultation", max_length=40)
    link = blocks.URLBlock(
        required=False,
        validators=[validate_web_url],
        help_text="Leave empty to book as the page does: its booking widget or link, else the "
        "clinic’s booking link from Settings › Clinic details.",
    )

    def href(self, value, context):
        """Where the button goes: its own link, else the page's booking widget or link, else
        the clinic's booking link (treatments/booking.py)."""
        return page_booking_href(context or {}, value.get("link"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["href"] = self.href(value, parent_context)
        return context

    def get_api_representation(self, value, context=None):
        return {
            "heading": value["heading"] or "",
            "text": value["text"] or "",
            "button_label": value["button_label"] or "",
            "link": self.href(value, context),
        }

    class Meta:
        icon = "calendar-alt"
        label = "Call to action"
        template = "treatments/blocks/call_to_action.html"
        description = "A booking prompt with a button."
        preview_value = {"heading": "Ready to book?", "button_label": "Book a consultation"}
