from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_help_menu_item")
def style_guide_menu_item():
    # Under Help, after Wagtail's own guides: everyone who may use the admin may see it.
    return MenuItem(
        "Style guide", reverse("styleguide"), name="style-guide", icon_name="doc-full", order=1300
    )
