from django.core.management.base import BaseCommand, CommandError

from treatments.results.consent import today
from treatments.results.withdrawal import awaiting_withdrawal, withdraw


class Command(BaseCommand):
    help = (
        "Take down the photos of every result case whose consent has expired (or was "
        "withdrawn and still has photos): unpublish the cases, delete the photos and their "
        "renditions, purge the CDN. Run daily from cron. Expired cases are already hidden "
        "from visitors; this removes the files. See docs/results-gallery.md."
    )

    def handle(self, *args, **options):
        on = today()
        failed = 0
        records = list(awaiting_withdrawal(on))
        for record in records:
            reason = "withdrawn" if record.withdrawn_on else "expired"
            when = record.withdrawn_on or record.expires_on
            # Never the patient's reference: this output goes to cron mail and logs.
            try:
                outcome = withdraw(record, reason=reason)
            except Exception as error:  # one record's failure must not stop the others
                failed += 1
                self.stderr.write(f"{record}: could not be taken down ({error!r})")
                continue
            self.stdout.write(f"{record}: {reason} on {when.isoformat()}; {outcome.summary()}")
        if not records:
            self.stdout.write("Nothing to take down.")
        if failed:
            raise CommandError(f"{failed} consent record(s) could not be taken down.")
