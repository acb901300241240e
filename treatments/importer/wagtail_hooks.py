"""Admin › Import pages (views.py): for whoever may add pages of an importable type.

views.py brings the whole import engine (Markdown, YAML and TOML front matter, the prose
readers): it is imported on the first use of the screen or its menu item, not when the site
starts, so a process that only serves visitors never loads it (docs/deployment.md, "Memory
per worker").
"""

from functools import cache

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@cache
def _view(name):
    from . import views

    return getattr(views, name).as_view()


def import_pages(request, *args, **kwargs):
    return _view("ImportPagesView")(request, *args, **kwargs)


def create_drafts(request, *args, **kwargs):
    return _view("CreateDraftsView")(request, *args, **kwargs)


class ImportPagesMenuItem(MenuItem):
    def is_shown(self, request):
        from .views import choices_for

        return bool(choices_for(request.user))


@hooks.register("register_admin_urls")
def register_import_pages_urls():
    return [
        path("import-pages/", import_pages, name="treatments_import_pages"),
        path("import-pages/create/", create_drafts, name="treatments_import_pages_create"),
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
