"""The site-wide menu in the clinic content API."""

from ninja import Router
from wagtail.models import Site

from treatments.api.http import ERRORS, strict_query
from treatments.api.types import PageLink
from treatments.api.values import page_link

from .models import menu_pages

router = Router(tags=["site"])


@router.get(
    "/menu/",
    response={200: list[PageLink], **ERRORS},
    summary="The main navigation: pages editors marked 'Show in menus', in their order",
)
@strict_query
def menu(request):
    site = Site.find_for_request(request)
    context = {"request": request}
    return [page_link(page, context) for page in menu_pages(site)]
