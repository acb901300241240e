from django import template

from ..booking import booking_link as resolve
from ..booking import page_booking_href

register = template.Library()


@register.simple_tag(takes_context=True)
def booking_link(context, link=""):
    """`{% booking_link page.hero_cta_url as href %}`: the link, else the clinic's booking
    link, else None (treatments/booking.py)."""
    return resolve(link, context.get("request"))


@register.simple_tag(takes_context=True)
def treatment_booking_href(context):
    """`{% treatment_booking_href as href %}` on a treatment page (treatments/booking.py)."""
    return page_booking_href(context)
