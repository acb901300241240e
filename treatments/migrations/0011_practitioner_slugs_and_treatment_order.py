"""Give each practitioner a profile address from their name, and turn the treatments each
performed (a set on the practitioner) into each treatment's ordered "Who performs it" list."""

from django.db import migrations
from django.utils.text import slugify


def forwards(apps, schema_editor):
    Practitioner = apps.get_model("treatments", "Practitioner")
    TreatmentPractitioner = apps.get_model("treatments", "TreatmentPractitioner")
    taken = set()
    for person in Practitioner.objects.order_by("pk"):
        base = slugify(person.name)[:70] or "practitioner"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        person.slug = slug
        person.save(update_fields=["slug"])
    # Alphabetical, as the team page listed them before editors could order them.
    positions = {}
    for person in Practitioner.objects.order_by("name"):
        for treatment in person.treatments.all():
            order = positions.get(treatment.pk, 0)
            TreatmentPractitioner.objects.create(
                page=treatment, practitioner=person, sort_order=order
            )
            positions[treatment.pk] = order + 1


def backwards(apps, schema_editor):
    TreatmentPractitioner = apps.get_model("treatments", "TreatmentPractitioner")
    for link in TreatmentPractitioner.objects.all():
        link.practitioner.treatments.add(link.page)


class Migration(migrations.Migration):
    dependencies = [("treatments", "0010_clinic_essentials")]

    operations = [migrations.RunPython(forwards, backwards)]
