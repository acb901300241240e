from django import template
from django.utils.functional import lazy

from ..prices import CardFacts, currency_for

register = template.Library()


@register.simple_tag(takes_context=True)
def card_facts(context, page):
    """`{% card_facts item as facts %}`: a treatment's price and duration for its card or
    booking bar, in the currency of the request's site (treatments/prices.py); empty facts
    for other pages (a condition's card)."""
    read = getattr(page, "card_facts", None)
    if read is None:
        return CardFacts("", "")
    # Looked up only for a card with a price: a list of unpriced cards reads no settings.
    return read(lazy(currency_for, str)(context.get("request")))


@register.filter
def section_anchor(sections, kind):
    """`{{ sections|section_anchor:"prices" }}`: the anchor of the page's section of that
    kind (TreatmentPage.sections), or ''."""
    return next((section.anchor for section in sections if section.kind == kind), "")
