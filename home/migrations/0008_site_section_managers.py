"""Only Site managers take the home page or a section list off the site.

Gives the "Site managers" group `treatments.manage_site_sections`: unpublishing, making
private, scheduling the expiry of, moving or deleting the home page and the treatments,
conditions, journal and team lists (treatments/permissions.py). Marketing editors and
clinical reviewers still edit and publish them.
"""

import importlib

from django.db import migrations

roles = importlib.import_module("home.migrations.0006_editorial_roles")
RIGHT = ("treatments", "treatmentpage", "manage_site_sections")


def grant(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=roles.MANAGERS).first()
    if group is not None:
        group.permissions.add(roles.get_permission(apps, *RIGHT))


def revoke(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=roles.MANAGERS).first()
    if group is not None:
        group.permissions.remove(roles.get_permission(apps, *RIGHT))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0007_enquiry_readers"),
        ("treatments", "0006_clinical_review_stamps_and_site_sections"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
