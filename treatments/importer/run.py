"""One import: read and check every file, then write them all in one transaction.

Image files are written to the media folder only once that transaction has committed, so
an import that fails, or is stopped, part way leaves no file behind.
"""

import re
import warnings
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.module_loading import import_string
from django.utils.text import slugify
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.utils.file import hash_filelike

from ..models import ConditionIndexPage, ConditionPage, Practitioner, TreatmentPage
from . import limits
from .conditions import best_match
from .prose import shorten
from .source import SUFFIXES, Problem, Source
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
    """The files to import under each path (folders recursively, in name order), and the
    import folder of each: the folder named, or a file's own folder when a file is named.

    Returns (files, {resolved file: import folder}, problems).
    """
    files, roots, problems = [], {}, []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES
                and p.is_file()
                and p.stem.lower() not in FOLDER_NOTES
                # Hidden folders (.github, .git) hold no content.
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            files.extend(found)
            for file in found:
                roots.setdefault(file.resolve(), path.resolve())
        elif path.is_file():
            files.append(path)
            roots.setdefault(path.resolve(), path.parent.resolve())
        else:
            problems.append(Problem(path, "no such file or folder"))
    unique = {file.resolve(): file for file in reversed(files)}  # a file named twice counts once
    return sorted(unique.values(), key=files.index), roots, problems


def outermost_transaction():
    """Whether a transaction begun now commits when it ends: it is not inside another one
    (except a test case's, which stands for the database as it was; as Django's `durable`)."""
    blocks = transaction.get_connection().atomic_blocks
    return not blocks or getattr(blocks[-1], "_from_testcase", False)


class ImportRun:
    def __init__(
        self,
        types,
        *,
        publish=False,
        dry_run=False,
        default_type=None,
        default_parent=None,
        default_title=None,
        report=None,
        publish_unreviewed=False,
    ):
        self.types = {name: import_string(path) for name, path in types.items()}
        self.publish = publish
        self.dry_run = dry_run
        self.default_type = default_type
        self.default_parent = default_parent
        self.default_title = default_title
        self.publish_unreviewed = publish_unreviewed
        self.report = report or (lambda line: None)
        self.site = Site.objects.get(is_default_site=True)
        self.images = {}
        self.pending_files = {}  # image file name -> bytes, written once the run commits
        self.roots = {}
        self.importers = []
        self.by_path = {}
        self.claimed = {}
        self.saved_ahead = set()  # practitioners saved before their own file (see practitioner)
        self.new_conditions = []  # (name, page, line, importer): drafts made by `condition`

    # --- Phase 1: read and check every file, no database writes ---------------

    def prepare(self, paths):
        files, self.roots, problems = collect(paths)
        if self.default_title and len(files) > 1:
            raise ImportFailed(
                [
                    Problem(
                        Path(", ".join(map(str, paths))),
                        f"a title is for one page, and this import has {len(files)} files: "
                        "import the file on its own, or give it a title line",
                    )
                ]
            )
        for path in files:
            try:
                source = Source.read(path)
                kind = self.fill_in(source)
                importer = self.types[kind](self, source)
                for message, line in source.warnings:
                    importer.warn(message, line)
                importer.prepare()
                self.importers.append(importer)
            except Problem as problem:
                problems.append(problem)
        if problems:
            raise ImportFailed(problems)
        if not self.importers:
            raise ImportFailed(
                [
                    Problem(
                        Path(", ".join(map(str, paths))),
                        "no files to import (.md, .markdown, .txt, .html or .htm)",
                    )
                ]
            )
        self.importers.sort(key=lambda importer: importer.sort_key())
        self.by_path = {importer.source.path.resolve(): importer for importer in self.importers}

    def fill_in(self, source):
        """The file's type; what its front matter lacks filled in from the command line
        (--type, --parent, --title) or, for the title, from the body (Source.found_title)."""
        front_matter, key_lines = source.front_matter, source.key_lines
        kind = front_matter.get("type") or self.default_type
        if not kind:
            raise source.problem(
                f"no `type`: say what the file becomes ({', '.join(self.types)}), or pass --type",
                1,
            )
        if not isinstance(kind, str) or kind not in self.types:
            raise source.problem(
                f"unknown type ‘{kind}’: use one of {', '.join(self.types)}", key="type"
            )
        defaults = {"type": kind, "parent": self.default_parent, "title": self.default_title}
        for key, value in defaults.items():
            if value and key not in front_matter:
                if key == "parent" and "parent" not in self.types[kind].keys:
                    continue  # a practitioner or the clinic has no parent page
                front_matter[key] = value
                key_lines[key] = 1
        if "title" not in front_matter:
            found = source.found_title()
            if found:
                title, line, warning = found
                front_matter["title"], key_lines["title"] = title, line
                if warning:
                    source.warnings.append((warning, None))  # it names the line itself
            elif not (source.format == "markdown" and source.has_front_matter):
                raise source.problem(
                    "no title: start the file with a title line (a short line of its own), "
                    "add `title: …` front matter, or pass --title",
                    1,
                )
        return kind

    # --- Phase 2: write, all or nothing ----------------------------------------

    def execute(self):
        counts = {}
        total = len(self.importers)
        outermost = outermost_transaction()
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
                # Image files go to the media folder only once the pages that use them are
                # saved for good: nothing is left there by a run that fails or is killed.
                # Inside a caller's transaction (the admin's import screen), that is when
                # the caller commits.
                if not outermost:
                    transaction.on_commit(self.write_image_files)
        except DryRun:
            return counts
        if outermost:  # committed just now
            self.write_image_files()
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

    def write_image_files(self):
        """Write the new images' files, under the names their database rows already have."""
        Image = get_image_model()
        storage = Image._meta.get_field("file").storage
        pending, self.pending_files = self.pending_files, {}
        for name, data in pending.items():
            saved = storage.save(name, ContentFile(data))
            if saved != name:  # someone took the name in the meantime
                Image.objects.filter(file=name).update(file=saved)

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
        """The condition page `name` means (conditions.py: the same words, a part, a near
        spelling…), or a new draft for an editor to finish, listed in `new_conditions`."""
        index = self.first_page(ConditionIndexPage)
        if index is None:
            raise importer.problem(
                "conditions need a condition list page: import a `condition-index` file first",
                line,
            )
        children = ConditionPage.objects.child_of(index)
        slug = slugify(name, allow_unicode=True)
        found = children.filter(slug=slug).first() or children.filter(title__iexact=name).first()
        if found:
            return found
        candidates = [(page, [page.title, page.slug]) for page in children.order_by("path")]
        found, _ = best_match(name, candidates)
        if found:
            importer.warn(f"“{name}” is linked to the condition “{found.title}”", line)
            return found
        # A draft for an editor to finish, never published by the import: visitors see
        # neither it nor its link until someone writes it and publishes it.
        source = importer.source.path.name
        page = ConditionPage(
            title=name,
            slug=slug,
            summary=shorten(
                f"Draft made by an import from {source}: write a one- or two-sentence "
                f"description of {name}.",
                ConditionPage._meta.get_field("summary").max_length,
            ),
            live=False,
        )
        try:
            index.add_child(instance=page)
        except ValidationError as error:
            raise importer.problem(
                f"condition “{name}”: {' '.join(error.messages)}", line
            ) from None
        page.save_revision(log_action=True)
        self.new_conditions.append((name, page, line, importer))
        importer.warn(
            f"created the condition page “{name}” ({self.site_path(page)}) as a draft: "
            "write its summary and description, then publish it",
            line,
        )
        return page

    def treatment(self, importer, name, line):
        pages = TreatmentPage.objects.descendant_of(self.site.root_page)
        found = pages.filter(slug=name).first() or pages.filter(title__iexact=name).first()
        if found is None:
            raise importer.problem(f"there is no treatment called ‘{name}’", line)
        return found

    def practitioner(self, importer, name, line, key="reviewed_by"):
        """The practitioner called `name`, in the site or in a practitioner file of this run.

        Pages are imported before practitioners, so a reviewer or a treatment's practitioner
        (`key`) who exists only as a file is saved now with their name, and their file fills
        in the rest later in this same transaction.
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
                f"`{key}`: there is no practitioner called ‘{name}’ (add a practitioner "
                "file to the import, or add them under Practitioners in the admin)",
                line,
            )
        person = Practitioner.objects.create(name=file.title)
        self.saved_ahead.add(person.pk)
        return person

    def image(self, importer, path, title, line, collection=None, clean=None):
        """The library image with this file's content, added if new (to `collection`, else
        the root one).

        The path is relative to the file (an absolute one stays as it is) and must lead
        to a file inside the import folder; the image must fit the admin's upload limits.
        `clean(data)` gives the bytes to store instead (e.g. a photo without its metadata).
        """
        path = self.image_path(importer, path, line)
        size = path.stat().st_size
        most = limits.max_image_bytes()
        if most and size > most:
            raise importer.problem(
                f"{path.name} is {filesizeformat(size)}; images can be at most "
                f"{filesizeformat(most)} (as in the admin): make it smaller",
                line,
            )
        data = path.read_bytes()
        if clean is not None:
            data = clean(data)
        digest = hash_filelike(BytesIO(data))
        if digest in self.images:
            return self.images[digest]
        Image = get_image_model()
        image = Image.objects.filter(file_hash=digest).first()
        if image is None:
            width, height = self.image_size(importer, path, data, line)
            field = Image._meta.get_field("file")
            name = self.free_file_name(field, Image(title=title[:255]), path.name)
            # The row names the file now; the file is written once the run commits. (Given
            # with its size, so that Django does not look for the file to measure it.)
            image = Image(
                title=title[:255] or path.stem,
                file=name,
                width=width,
                height=height,
                file_size=len(data),
                file_hash=digest,
                **({"collection": collection} if collection else {}),
            )
            image.save()
            self.pending_files[name] = data
        self.images[digest] = image
        return image

    def image_path(self, importer, path, line):
        root = self.roots.get(importer.source.path.resolve(), importer.source.path.parent)
        given = Path(path)
        full = (importer.source.path.parent / given).resolve()
        if not full.is_relative_to(Path(root).resolve()):
            raise importer.problem(
                f"the image {path} is outside the import folder ({root}): copy it into the "
                "folder and give its path from this file",
                line,
            )
        if not full.is_file():
            raise importer.problem(f"there is no image file {given.name}", line)
        return full

    def image_size(self, importer, path, data, line):
        """(width, height) from the image's header, checked before the image is decoded."""
        most = limits.max_image_pixels()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", PillowImage.DecompressionBombWarning)
                with PillowImage.open(BytesIO(data)) as picture:
                    width, height = picture.size
                    kind = (picture.format or "").lower()
                    if most and width * height > most:
                        raise self.too_many_pixels(importer, path, width * height, most, line)
                    picture.verify()
        except PillowImage.DecompressionBombError as error:
            raise self.too_many_pixels(importer, path, None, most, line, error) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise importer.problem(f"{path.name} is not an image", line) from None
        extensions = limits.image_extensions()
        if {"jpeg": "jpg"}.get(kind, kind) not in extensions and kind not in extensions:
            raise importer.problem(
                f"{path.name} is a {kind.upper()} image; the image library takes "
                f"{', '.join(extensions)}",
                line,
            )
        return width, height

    def too_many_pixels(self, importer, path, pixels, most, line, error=None):
        if pixels is None:
            counted = re.search(r"\((\d+) pixels\)", str(error))
            pixels = int(counted.group(1)) if counted else None
        size = f" ({pixels / 1e6:.0f} megapixels)" if pixels else ""
        return importer.problem(
            f"{path.name} is too large{size}: images can be at most {most / 1e6:.0f} "
            "megapixels (as in the admin)",
            line,
        )

    def free_file_name(self, field, image, name):
        """A name in the media folder that no file has, nor any image of this run."""
        storage = field.storage
        wanted = field.generate_filename(image, name)
        candidate = storage.get_available_name(wanted, max_length=field.max_length)
        stem, dot, suffix = wanted.rpartition(".")
        number = 1
        while candidate in self.pending_files:
            number += 1
            candidate = storage.get_available_name(
                f"{stem}_{number}{dot}{suffix}" if dot else f"{wanted}_{number}",
                max_length=field.max_length,
            )
        return candidate
