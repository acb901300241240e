"""One import: read and check every file, then write them all in one transaction."""

from io import BytesIO
from pathlib import Path
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.utils.file import hash_filelike

from ..models import ConditionIndexPage, ConditionPage, Practitioner, TreatmentPage
from .source import MARKDOWN_SUFFIXES, Problem, Source
from .types import PractitionerImporter, link_target


class ImportFailed(Exception):
    """The run stopped; nothing was written. `problems` says why, file by file."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class DryRun(Exception):
    """Raised inside the transaction to undo a dry run."""


# A folder's own notes, not content: skipped when searching folders.
FOLDER_NOTES = {"readme", "licence", "license", "changelog"}


def collect(paths):
    """Markdown files under each path (folders recursively, in name order)."""
    files, problems = [], []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in MARKDOWN_SUFFIXES
                    and p.stem.lower() not in FOLDER_NOTES
                    # Hidden folders (.github, .git) hold no content.
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(path, "no such file or folder"))
    unique = {file.resolve(): file for file in reversed(files)}  # a file named twice counts once
    return sorted(unique.values(), key=files.index), problems


class ImportRun:
    def __init__(self, types, *, publish=False, dry_run=False, default_type=None, report=None):
        self.types = {name: import_string(path) for name, path in types.items()}
        self.publish = publish
        self.dry_run = dry_run
        self.default_type = default_type
        self.report = report or (lambda line: None)
        self.site = Site.objects.get(is_default_site=True)
        self.images = {}
        self.created_files = []
        self.importers = []
        self.by_path = {}
        self.claimed = {}
        self.saved_ahead = set()  # practitioners saved before their own file (see practitioner)

    # --- Phase 1: read and check every file, no database writes ---------------

    def prepare(self, paths):
        files, problems = collect(paths)
        for path in files:
            try:
                source = Source.read(path)
                kind = source.front_matter.get("type") or self.default_type
                if not kind:
                    raise source.problem(
                        "no `type`: say what the file becomes "
                        f"({', '.join(self.types)}), or pass --type",
                        1,
                    )
                if not isinstance(kind, str) or kind not in self.types:
                    raise source.problem(
                        f"unknown type ‘{kind}’: use one of {', '.join(self.types)}", key="type"
                    )
                importer = self.types[kind](self, source)
                importer.prepare()
                self.importers.append(importer)
            except Problem as problem:
                problems.append(problem)
        if problems:
            raise ImportFailed(problems)
        if not self.importers:
            raise ImportFailed([Problem(Path(", ".join(map(str, paths))), "no Markdown files")])
        self.importers.sort(key=lambda importer: importer.sort_key())
        self.by_path = {importer.source.path.resolve(): importer for importer in self.importers}

    # --- Phase 2: write, all or nothing ----------------------------------------

    def execute(self):
        counts = {}
        total = len(self.importers)
        try:
            with transaction.atomic():
                for number, importer in enumerate(self.importers, 1):
                    try:
                        action, page = importer.save()
                    except Problem as problem:
                        raise ImportFailed([problem]) from None
                    counts[action] = counts.get(action, 0) + 1
                    self.report_file(number, total, importer, action, page)
                if self.dry_run:
                    raise DryRun
        except DryRun:
            self.remove_created_files()
        except BaseException:
            self.remove_created_files()
            raise
        return counts

    def report_file(self, number, total, importer, action, page):
        verb = f"would be {action}" if self.dry_run and action != "unchanged" else action
        line = f"[{number:>{len(str(total))}}/{total}] {verb:<10} {importer.source.path}"
        if page is not None:
            line += f" -> {self.site_path(page)}"
            if importer.state:
                line += f" ({importer.state})"
        self.report(line)
        for warning in importer.warnings:
            self.report(f"        warning: {warning}")

    def remove_created_files(self):
        for name in self.created_files:
            get_image_model()._meta.get_field("file").storage.delete(name)
        self.created_files = []

    # --- Look-ups the importers share -----------------------------------------

    def claim(self, importer, key, what):
        """Refuse a second file for the same page or person in one run."""
        other = self.claimed.setdefault(key, importer)
        if other is not importer:
            raise importer.problem(f"{other.source.path} already makes {what} in this import", 1)

    def expected_url_of(self, model):
        """Where the first page of `model` is, or will be once this run has made it."""
        page = self.first_page(model)
        if page is not None:
            return self.site_path(page)
        for importer in self.importers:
            if getattr(importer, "model", None) is model:
                return importer.expected_url()
        return None

    def site_path(self, page):
        root = self.site.root_page.url_path
        return "/" + page.url_path[len(root) :] if page.url_path.startswith(root) else page.url_path

    def page_at(self, path):
        parts = [part for part in path.strip("/").split("/") if part]
        url_path = self.site.root_page.url_path + "".join(f"{part}/" for part in parts)
        return Page.objects.filter(url_path=url_path).first()

    def first_page(self, model):
        return (
            model.objects.descendant_of(self.site.root_page, inclusive=True)
            .order_by("path")
            .first()
        )

    def rewrite_link(self, importer, href):
        target, anchor = link_target(importer.source.path, href)
        if target is None:
            return href
        other = self.by_path.get(target)
        if other is not None:
            url = other.expected_url()
            if url:
                return url + (f"#{anchor}" if anchor else "")
            importer.warn(f"link to {unquote(href)}: that file has no page of its own; kept as is")
            return href
        importer.warn(f"link to {unquote(href)}: that file is not in this import, so kept as is")
        return href

    def condition(self, importer, name, line):
        """The condition page called `name` (by title or slug), created if missing."""
        slug = slugify(name, allow_unicode=True)
        index = self.first_page(ConditionIndexPage)
        if index is None:
            raise importer.problem(
                "conditions need a condition list page: import a `condition-index` file first",
                line,
            )
        children = ConditionPage.objects.child_of(index)
        found = children.filter(slug=slug).first() or children.filter(title__iexact=name).first()
        if found:
            return found
        page = ConditionPage(
            title=name,
            slug=slug,
            summary=f"{name}: the treatments that may help, and what to expect from them.",
            live=False,
        )
        try:
            index.add_child(instance=page)
        except ValidationError as error:
            raise importer.problem(
                f"condition “{name}”: {' '.join(error.messages)}", line
            ) from None
        revision = page.save_revision(log_action=True)
        if self.publish:
            revision.publish()
        importer.warn(
            f"created the condition page “{name}” ({self.site_path(page)}): "
            "add its summary and description",
            line,
        )
        return page

    def treatment(self, importer, name, line):
        pages = TreatmentPage.objects.descendant_of(self.site.root_page)
        found = pages.filter(slug=name).first() or pages.filter(title__iexact=name).first()
        if found is None:
            raise importer.problem(f"there is no treatment called ‘{name}’", line)
        return found

    def practitioner(self, importer, name, line):
        """The practitioner called `name`, in the site or in a practitioner file of this run.

        Pages are imported before practitioners (whose files name treatments), so a reviewer
        who exists only as a file is saved now with their name, and their file fills in the
        rest later in this same transaction.
        """
        found = Practitioner.objects.filter(name__iexact=name).first()
        if found is not None:
            return found
        file = next(
            (
                other
                for other in self.importers
                if isinstance(other, PractitionerImporter)
                and other.title.casefold() == name.casefold()
            ),
            None,
        )
        if file is None:
            raise importer.problem(
                f"`reviewed_by`: there is no practitioner called ‘{name}’ (add a practitioner "
                "file to the import, or add them under Practitioners in the admin)",
                line,
            )
        person = Practitioner.objects.create(name=file.title)
        self.saved_ahead.add(person.pk)
        return person

    def image(self, importer, path, title, line):
        """The library image with this file's content, added if new."""
        path = importer.source.path.parent / path  # an absolute path stays as it is
        if not path.is_file():
            raise importer.problem(f"there is no image file {path.name}", line)
        data = path.read_bytes()
        digest = hash_filelike(BytesIO(data))
        if digest in self.images:
            return self.images[digest]
        Image = get_image_model()
        image = Image.objects.filter(file_hash=digest).first()
        if image is None:
            try:
                PillowImage.open(BytesIO(data)).verify()
            except (UnidentifiedImageError, OSError, SyntaxError):
                raise importer.problem(f"{path.name} is not an image", line) from None
            image = Image(
                title=title[:255] or path.stem, file=ImageFile(BytesIO(data), name=path.name)
            )
            image._set_image_file_metadata()
            image.save()
            self.created_files.append(image.file.name)
        self.images[digest] = image
        return image
