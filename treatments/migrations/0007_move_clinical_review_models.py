"""The claims check's settings and the clinical review task now belong to the optional
`treatments.review` app (its migration 0001 takes them over). Their tables and rows stay
as they are: only Django's record of which app owns them changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("treatments", "0006_clinical_review_stamps_and_site_sections"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ClaimsCheckSettings"),
                migrations.DeleteModel(name="ClinicalReviewTask"),
            ],
            database_operations=[],
        ),
    ]
