from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Practitioner


class PractitionerViewSet(SnippetViewSet):
    model = Practitioner
    icon = "user"
    menu_label = "Practitioners"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "role", "credentials"]
    search_fields = ["name"]


register_snippet(PractitionerViewSet)
