"""The clinic's editorial roles and the "Clinical review" workflow.

Moved to the clinical review app, which owns the roles and the workflow:
treatments/review/migrations/0002_editorial_roles.py.
This migration is kept, empty, so that databases which ran it keep a consistent history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_enquiry_page"),
        ("treatments", "0005_clinical_review"),
        ("blog", "0002_clinical_review"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
