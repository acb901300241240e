from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from treatments.importer import import_types
from treatments.importer.run import ImportFailed, ImportRun


class Command(BaseCommand):
    help = (
        "Import pages from Markdown (with YAML or TOML front matter, as Eleventy, Jekyll and "
        "Hugo write it), plain text and saved web pages (.md, .markdown, .txt, .html, .htm). "
        "Saves drafts unless --publish; re-running updates the same pages. "
        "See docs/importing.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, or folders to search.")
        parser.add_argument("--publish", action="store_true", help="Publish what is imported.")
        parser.add_argument(
            "--publish-unreviewed",
            action="store_true",
            help="Dangerous: also publish treatments, conditions and medical posts whose files "
            "name no clinical review. Without it, --publish stops at such a file.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would change; change nothing."
        )
        parser.add_argument(
            "--type", dest="default_type", help="The type of files that do not name one."
        )
        parser.add_argument(
            "--parent",
            dest="default_parent",
            help="The parent page's address (e.g. /treatments/) for files that do not name one.",
        )
        parser.add_argument(
            "--title",
            dest="default_title",
            help="The page's title, when importing one file that has none of its own.",
        )

    def handle(
        self,
        *args,
        paths,
        publish,
        dry_run,
        default_type,
        default_parent=None,
        default_title=None,
        **options,
    ):
        if default_title is not None:
            default_title = default_title.strip()
            if not default_title:
                raise CommandError("--title is empty: give the page's title.")
            if len(paths) != 1 or Path(paths[0]).is_dir():
                raise CommandError(
                    "--title names one page: give exactly one file with it, not "
                    f"{'a folder' if len(paths) == 1 else f'{len(paths)} paths'}."
                )
        if default_parent is not None and not default_parent.startswith("/"):
            raise CommandError(
                f"--parent {default_parent}: give the page's address, starting with /, "
                "e.g. /treatments/"
            )
        run = ImportRun(
            import_types(),
            publish=publish,
            publish_unreviewed=options["publish_unreviewed"],
            dry_run=dry_run,
            default_type=default_type,
            default_parent=default_parent,
            default_title=default_title,
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
        if run.new_conditions:
            verb = "would be made" if dry_run else "made"
            self.stdout.write(
                f"New condition pages {verb} as drafts, for an editor to finish and publish:"
            )
            for name, page, line, importer in run.new_conditions:
                where = run.site_path(page) if page.pk else "(dry run)"
                self.stdout.write(f"  {name}: {where} (from {importer.source.path}:{line})")
