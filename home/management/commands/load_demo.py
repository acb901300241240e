from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Site

from home.models import HomePage

CLINIC_NAME = "Juniper Skin & Face Clinic"
HOME_INTRO = (
    "<p>Gentle, evidence-aware treatments for skin and face: facial acupuncture, "
    "facial massage and microneedling, with clear aftercare and honest advice.</p>"
)


class Command(BaseCommand):
    help = "Load the demo clinic content. Safe to run again: it updates, never duplicates."

    @transaction.atomic
    def handle(self, *args, **options):
        site = Site.objects.get(is_default_site=True)
        if site.site_name != CLINIC_NAME:
            site.site_name = CLINIC_NAME
            site.save(update_fields=["site_name"])

        home = HomePage.objects.get(pk=site.root_page_id)
        if home.title != CLINIC_NAME or home.intro != HOME_INTRO or not home.live:
            home.title = CLINIC_NAME
            home.intro = HOME_INTRO
            home.save_revision().publish()
            self.stdout.write("Updated the home page.")
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
