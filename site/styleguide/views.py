"""The living style page at /styleguide/, for staff (docs/design-system.md).

Everything on it is read when it is asked for: the tokens from the stylesheet file as the
static files finders find it, the blocks from the models, the cards from live pages. It is
never cached: not by the page cache (which keeps only Wagtail pages), not by a browser or
a CDN (`never_cache`), and anyone who may not use the admin is sent to sign in first.
"""

from functools import wraps

from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.admin.auth import reject_request

from blog.models import latest_posts
from treatments.models import TreatmentPage, with_card_images
from treatments.visibility import visible

from .previews import draw, site_blocks
from .tokens import design_tokens, read_stylesheet

# How many real cards of each kind to show.
CARDS = 3
# The buttons shown: their classes and a label.
BUTTONS = [
    ("button", "Book a consultation"),
    ("button button--secondary", "See treatments"),
    ("button button--ghost", "Read more"),
]


def for_staff(view):
    """Only for people who may use the Wagtail admin; anyone else goes to its sign-in page,
    as the admin's own views send them (with `?next=` back here)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("wagtailadmin.access_admin"):
            return reject_request(request)
        return view(request, *args, **kwargs)

    # The refusal as well as the page: neither may be kept for the next visitor.
    return never_cache(wrapped)


@for_staff
@require_safe
def styleguide(request):
    treatments = with_card_images(visible(TreatmentPage.objects.order_by("path")))
    return TemplateResponse(
        request,
        "styleguide/styleguide.html",
        {
            "design": design_tokens(read_stylesheet()),
            "buttons": BUTTONS,
            "treatment_cards": treatments[:CARDS],
            "post_cards": latest_posts(CARDS),
            "block_previews": [draw(preview, request) for preview in site_blocks()],
        },
    )


@for_staff
@require_safe
def samples_stylesheet(request):
    """The style page's own layout, and a rule per token giving its sample the token's value."""
    return TemplateResponse(
        request,
        "styleguide/styleguide.css",
        {"design": design_tokens(read_stylesheet())},
        content_type="text/css; charset=utf-8",
    )
