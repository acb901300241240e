"""Only Site managers read enquiries.

Moved to the clinical review app, which owns the roles and the workflow:
treatments/review/migrations/0002_editorial_roles.py (and, for enquiries, home/0008_site_manager_rights.py).
This migration is kept, empty, so that databases which ran it keep a consistent history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_editorial_roles"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
    ]

    operations = []
