"""Who may manage testimonials (Snippets › Testimonials; docs/editorial.md).

Testimonials are marketing content: Marketing editors and Site managers add, change and
delete them (deleting one is how a patient's withdrawn agreement is honoured at once).
Clinical reviewers may read them, as they read practitioners. Choosing one on a page takes
no right of its own: whoever edits the page may choose. Only adds what is missing, so a
site that changed its groups keeps its changes; undoing it takes the rights away again.
"""

from django.db import migrations

EDITORS = "Marketing editors"
REVIEWERS = "Clinical reviewers"
MANAGERS = "Site managers"

RIGHTS = {
    EDITORS: ["add", "change", "delete", "view"],
    REVIEWERS: ["view"],
    MANAGERS: ["add", "change", "delete", "view"],
}


def permission(apps, action):
    """The Permission row, made if `migrate` has not made it yet (it does so at the end)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="treatments", model="testimonial")
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_testimonial",
        defaults={"name": f"Can {action} testimonial"},
    )[0]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, actions in RIGHTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:  # a group a site removed stays removed
            group.permissions.add(*(permission(apps, action) for action in actions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, actions in RIGHTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*(permission(apps, action) for action in actions))


class Migration(migrations.Migration):
    dependencies = [
        ("treatments_review", "0003_more_risky_phrases"),
        ("treatments", "0010_clinic_essentials"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
