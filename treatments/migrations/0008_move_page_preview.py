"""Previews for a headless front end now belong to the optional `treatments.api` app (its
migration 0001 takes them over). The table and its rows stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0007_move_clinical_review_models"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PagePreview")],
            database_operations=[],
        ),
    ]
