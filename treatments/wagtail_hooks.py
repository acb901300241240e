from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Practitioner, Testimonial
from .visibility import has_expired


class PractitionerViewSet(SnippetViewSet):
    model = Practitioner
    icon = "user"
    menu_label = "Practitioners"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "role", "credentials"]
    search_fields = ["name"]


register_snippet(PractitionerViewSet)


class TestimonialViewSet(SnippetViewSet):
    """Patients' words, chosen on treatment pages and the home page (docs/treatments.md)."""

    model = Testimonial
    icon = "openquote"
    menu_label = "Testimonials"
    add_to_admin_menu = True
    menu_order = 251
    list_display = [
        "attribution",
        "treatment",
        "given_on",
        "source",
        Column("consent_given_on", label="Agreed on"),
    ]
    list_filter = ["treatment", "source"]
    search_fields = ["text", "attribution", "source_name"]


register_snippet(TestimonialViewSet)


# --- Saving after an autosave (treatments/editing.py) ------------------------------------


@hooks.register("insert_editor_js")
def keep_the_autosaved_revision_in_the_form():
    script = static("treatments/admin/autosaved-revision.js")
    return format_html('<script src="{}"></script>', script)


# --- Visibility (visibility.py) ------------------------------------------------------------


@hooks.register("before_serve_page")
def expired_pages_are_gone(page, request, serve_args, serve_kwargs):
    """An expired page is not shown even before `publish_scheduled` unpublishes it."""
    if has_expired(page):
        raise Http404("This page has expired.")
