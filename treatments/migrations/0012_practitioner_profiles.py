from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("treatments", "0011_practitioner_slugs_and_treatment_order")]

    operations = [
        migrations.AlterField(
            model_name="practitioner",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="The last part of their profile's address, e.g. 'priya-nair' for "
                "/team/priya-nair/. Leave empty to make it from the name.",
                max_length=80,
                unique=True,
            ),
        ),
        migrations.RemoveField(model_name="practitioner", name="treatments"),
    ]
