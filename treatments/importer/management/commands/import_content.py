from django.core.management.base import BaseCommand, CommandError

from treatments.importer import import_types
from treatments.importer.run import ImportFailed, ImportRun


class Command(BaseCommand):
    help = (
        "Import Markdown files with YAML front matter (Eleventy, Jekyll, Hugo) as pages. "
        "Saves drafts unless --publish; re-running updates the same pages. "
        "See docs/importing.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Markdown files, or folders to search.")
        parser.add_argument("--publish", action="store_true", help="Publish what is imported.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would change; change nothing."
        )
        parser.add_argument(
            "--type", dest="default_type", help="The type of files that do not name one."
        )

    def handle(self, *args, paths, publish, dry_run, default_type, **options):
        run = ImportRun(
            import_types(),
            publish=publish,
            dry_run=dry_run,
            default_type=default_type,
            report=self.stdout.write,
        )
        try:
            run.prepare(paths)
            counts = run.execute()
        except ImportFailed as failure:
            for problem in failure.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(failure.problems)} problem(s); nothing was imported."
            ) from None
        files = sum(counts.values())
        warnings = sum(len(importer.warnings) for importer in run.importers)
        summary = ", ".join(f"{n} {action}" for action, n in sorted(counts.items()))
        prefix = "Dry run, nothing changed: " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(f"{prefix}{files} files: {summary}; {warnings} warning(s)")
        )
