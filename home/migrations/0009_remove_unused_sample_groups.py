"""Remove Wagtail's sample groups "Editors" and "Moderators" when nobody is in them.

Wagtail makes them on every install; the clinic's roles are "Marketing editors", "Clinical
reviewers" and "Site managers" (0006_editorial_roles), and the look-alike names confused
people choosing a group for a new login. A sample group that has members stays, so nobody
loses access. Deleting a group also deletes its page, collection and model permissions.

Undoing this migration changes nothing: the groups are not brought back (their rights would
not be either), and a site that wants them can add them under Settings › Groups.
"""

from django.db import migrations

SAMPLE_GROUPS = ["Editors", "Moderators"]


def remove_unused_sample_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=SAMPLE_GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        # After the migrations of Wagtail's apps that give the sample groups their rights
        # (through 0006_editorial_roles), so none of them runs after the groups are gone.
        ("home", "0008_site_section_managers"),
    ]

    operations = [migrations.RunPython(remove_unused_sample_groups, migrations.RunPython.noop)]
