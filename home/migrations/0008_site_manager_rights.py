"""Only Site managers read enquiries: they hold visitors' names, emails and health details.

Gives the "Site managers" group (made by the clinical review app's roles migration) the
right to view and delete form submissions, which home/wagtail_hooks.py requires (Wagtail
alone lets anyone who may edit the enquiry page read them, and all three roles may).
Already given on installs that ran this site's earlier migration 0007 (now empty): adding it again
changes nothing.
"""

import importlib

from django.db import migrations

roles = importlib.import_module("treatments.review.migrations.0002_editorial_roles")
RIGHTS = [("wagtailforms", "formsubmission", action) for action in ("view", "delete")] + [
    ("wagtailredirects", "redirect", action) for action in ("add", "change", "delete")
]


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=roles.MANAGERS).first()
    if group is not None:
        group.permissions.add(*(roles.get_permission(apps, *right) for right in RIGHTS))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=roles.MANAGERS).first()
    if group is not None:
        group.permissions.remove(*(roles.get_permission(apps, *right) for right in RIGHTS))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_enquiry_readers"),
        ("treatments_review", "0002_editorial_roles"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
