"""Admin › Import pages (views.py): for whoever may add pages of an importable type."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import CreateDraftsView, ImportPagesView, choices_for


class ImportPagesMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(choices_for(request.user))


@hooks.register("register_admin_urls")
def register_import_pages_urls():
    return [
        path("import-pages/", ImportPagesView.as_view(), name="treatments_import_pages"),
        path(
            "import-pages/create/",
            CreateDraftsView.as_view(),
            name="treatments_import_pages_create",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_import_pages_menu_item():
    return ImportPagesMenuItem(
        "Import pages",
        reverse("treatments_import_pages"),
        name="import-pages",
        icon_name="upload",
        order=150,  # after Pages
    )
