from django import template

from ..models import profile_url as url_of_profile

register = template.Library()


@register.simple_tag(takes_context=True)
def profile_url(context, person):
    """`{% profile_url person as url %}`: the address of the practitioner's profile on this
    site, or "" when the site has no team page to show it."""
    return url_of_profile(person, context.get("request")) or ""
