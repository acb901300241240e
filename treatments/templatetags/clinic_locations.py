from django import template

from ..models import live_locations

register = template.Library()


@register.simple_tag(takes_context=True)
def clinic_locations(context):
    """`{% clinic_locations as locations %}`: the clinic's live locations, read once per
    request (the footer and the contact cards both ask); empty for a single-site clinic,
    which shows Settings › Clinic details instead."""
    request = context.get("request")
    if request is None:
        return list(live_locations())
    if not hasattr(request, "_clinic_locations"):
        request._clinic_locations = list(live_locations())
    return request._clinic_locations
