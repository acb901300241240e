from django import template
from wagtail.models import Page

from ..graph import json_ld, page_graph

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org JSON-LD: the clinic, the page's own items and its breadcrumbs.

    Views without a Wagtail page (search, 404) get the clinic alone; a template
    rendered without a request (the 500 page) gets nothing.
    """
    request = context.get("request")
    if request is None:
        return ""
    page = context.get("page")
    return json_ld(page_graph(request, page if isinstance(page, Page) else None))
