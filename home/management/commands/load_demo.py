from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Site

from home import demo_content as demo
from home.models import HomePage
from treatments.models import (
    ClinicSettings,
    ConditionIndexPage,
    ConditionPage,
    TreatmentCondition,
    TreatmentIndexPage,
    TreatmentPage,
)

HOME_INTRO = (
    "<p>Gentle, evidence-aware treatments for skin and face: facial acupuncture, "
    "facial massage and microneedling, with clear aftercare and honest advice.</p>"
)


class Command(BaseCommand):
    help = (
        "Load the demo clinic. Safe to run again: pages that already exist (matched by slug "
        "under their parent) are left as editors made them, so nothing is duplicated."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        self.created = 0
        site = Site.objects.get(is_default_site=True)
        if site.site_name != demo.CLINIC["name"]:
            site.site_name = demo.CLINIC["name"]
            site.save(update_fields=["site_name"])
        self.load_clinic_settings(site)

        home = HomePage.objects.get(pk=site.root_page_id)
        if home.title != demo.CLINIC["name"] or not home.intro:
            home.title = demo.CLINIC["name"]
            home.intro = HOME_INTRO
            home.save_revision().publish()

        treatments = self.ensure(home, TreatmentIndexPage, demo.TREATMENT_INDEX, show_in_menus=True)
        conditions = self.ensure(home, ConditionIndexPage, demo.CONDITION_INDEX, show_in_menus=True)
        condition_pages = {
            data["slug"]: self.ensure(conditions, ConditionPage, data) for data in demo.CONDITIONS
        }
        for data in demo.TREATMENTS:
            fields = {k: v for k, v in data.items() if k != "conditions"}
            links = [
                TreatmentCondition(condition=condition_pages[slug], note=note)
                for slug, note in data["conditions"]
            ]
            self.ensure(treatments, TreatmentPage, fields, treated_conditions=links)

        self.stdout.write(
            self.style.SUCCESS(f"Demo content is loaded ({self.created} pages created).")
        )

    def load_clinic_settings(self, site):
        clinic = ClinicSettings.for_site(site)
        wanted = {k: v for k, v in demo.CLINIC.items() if k != "opening_hours"}
        if any(getattr(clinic, k) != v for k, v in wanted.items()) or not clinic.opening_hours:
            for key, value in wanted.items():
                setattr(clinic, key, value)
            clinic.opening_hours = [
                {"type": "hours", "value": v} for v in demo.CLINIC["opening_hours"]
            ]
            clinic.save()

    def ensure(self, parent, model, data, **extra):
        """The child page with data['slug'] under parent, created and published if missing."""
        existing = parent.get_children().filter(slug=data["slug"]).first()
        if existing:
            return existing.specific
        page = model(**data, **extra)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page
