from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from wagtail.models import Site

DEMO = Path(__file__).resolve().parents[3] / "demo"


class Command(BaseCommand):
    help = (
        "Import the demo clinic (demo/) and publish it, if the site has no pages yet. A site "
        "with pages is left exactly as it is, so restarting `make run` keeps what editors "
        "changed. To import the demo again on purpose: import_content demo --publish."
    )

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None and site.root_page.get_children().exists():
            self.stdout.write(
                "The site already has pages: the demo was not imported again, so nothing "
                "changed in the admin is overwritten. To import it anyway (its files replace "
                "those pages' content): python manage.py import_content demo --publish"
            )
            return
        call_command("import_content", str(DEMO), publish=True, stdout=self.stdout)
