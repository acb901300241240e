"""Takes over the claims check's settings and the clinical review task from `treatments`
(its migration 0007), keeping their tables, rows, content types and permissions."""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ["claimschecksettings", "clinicalreviewtask"]


def move_content_types(apps, schema_editor, source="treatments", target="treatments_review"):
    # Workflow tasks point at their type by content type: renaming the row keeps its id.
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="treatments_review", target="treatments")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("treatments", "0007_move_clinical_review_models"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ClaimsCheckSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "risky_phrases",
                            models.TextField(
                                blank=True,
                                default="guaranteed\npermanent\ncure\ncures\npainless\nrisk-free"
                                "\nno side effects\nFDA-approved\nmiracle",
                                help_text="One word or phrase per line. Pages using any of them "
                                "get a warning, and only a clinical reviewer can publish them. "
                                "Capitals do not matter.",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "claims check",
                        "db_table": "treatments_claimschecksettings",
                    },
                ),
                migrations.CreateModel(
                    name="ClinicalReviewTask",
                    fields=[
                        (
                            "groupapprovaltask_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to="wagtailcore.groupapprovaltask",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "clinical review task",
                        "db_table": "treatments_clinicalreviewtask",
                    },
                    bases=("wagtailcore.groupapprovaltask",),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
