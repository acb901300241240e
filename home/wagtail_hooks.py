from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .dashboard import dashboard_panels
from .models import ENQUIRY_READER_PERMISSION


@hooks.register("filter_form_submissions_for_user")
def only_enquiry_readers_see_submissions(user, editable_forms):
    """Enquiries carry visitors' contact and health details: only people given the right
    (Site managers, or superusers) may list, read, export or delete them."""
    if user.has_perm(ENQUIRY_READER_PERMISSION):
        return editable_forms
    return editable_forms.none()


# --- The admin for editors (docs/editorial.md, "Finding your way in the admin") ------------


@hooks.register("construct_homepage_panels")
def add_clinic_dashboard_panels(request, panels):
    """Each role's panels next to Wagtail's own (home/dashboard.py)."""
    panels.extend(dashboard_panels(request.user))


@hooks.register("construct_page_chooser_queryset")
def list_chooser_pages_a_to_z(pages, request):
    """Page choosers list a page's children A to Z, as the public condition list does.
    Searching in a chooser still ranks by relevance."""
    return pages.order_by("title", "pk")


@hooks.register("insert_global_admin_css")
def admin_stylesheet():
    """The clinic's admin styles, after Wagtail's: a clear blue focus outline, which editors
    cannot take for a warning, and the dashboard panels' spacing."""
    return format_html('<link rel="stylesheet" href="{}">', static("home/css/admin.css"))
