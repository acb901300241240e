from urllib.parse import urlencode

from django import template
from wagtail.models import Site

from home.models import EnquiryPage
from home.models import menu_pages as site_menu_pages
from treatments.api.pages import site_pages
from treatments.navigation import breadcrumb_trail, routed_view

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """Live pages directly under the site root that editors marked "Show in menus"."""
    request = context.get("request")
    return site_menu_pages(Site.find_for_request(request) if request else None)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Home › Section › Page for pages below the site's home page (treatments/navigation.py)."""
    if page is None:
        return {"trail": []}
    request = context.get("request")
    view = routed_view(page, request)  # e.g. a practitioner's profile below the team page
    return {"trail": breadcrumb_trail(page, request), "page": page, "view": view}


@register.inclusion_tag("includes/enquiry_link.html", takes_context=True)
def enquiry_link(context, treatment):
    """ "Ask us about …": the site's enquiry form with this treatment already chosen."""
    request = context.get("request")
    form = site_pages(request, EnquiryPage).first() if request else None
    if form is None or not treatment.slug:
        return {}
    return {
        "url": f"{form.get_url(request)}?{urlencode({'treatment': treatment.slug})}",
        "treatment": treatment,
    }
