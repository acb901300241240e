"""Takes over headless-preview drafts from `treatments` (its migration 0008), keeping the
table, its rows and its content type."""

import django.core.serializers.json
import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor, source="treatments", target="treatments_api"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=target, model="pagepreview").exists():
        ContentType.objects.filter(app_label=source, model="pagepreview").update(app_label=target)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="treatments_api", target="treatments")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("treatments", "0008_move_page_preview"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PagePreview",
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
                        ("token", models.CharField(max_length=64, unique=True)),
                        (
                            "content",
                            models.JSONField(
                                encoder=django.core.serializers.json.DjangoJSONEncoder
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        (
                            "content_type",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="contenttypes.contenttype",
                            ),
                        ),
                    ],
                    options={"db_table": "treatments_pagepreview"},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
