"""The "Import pages" screen in the admin, for marketing staff (docs/importing.md).

1. Upload files or paste text; choose what they become and where they go (forms.py).
2. Preview: a dry run of the import engine, the same as `manage.py import_content`, shows
   what each file becomes, block by block, with its warnings. Nothing is saved.
3. "Create drafts" runs it again for real, never publishing: every page is a draft that the
   editor checks and submits to review as usual.

Between steps 2 and 3 the files travel in a signed token in the form, not on the server;
on the way back everything is checked again: the signature and its age, the user, their
rights to the type and the parent, the files, and the whole import.

Only the types and parents the user may add pages to are offered (`choices_for`), and a
file cannot get round that: its own `type` must be one of them, its own `parent` a page the
user may add that type under, a page it would update one the user may edit, and a condition
it would create needs the right to add conditions. Pictures cannot be imported here (the
screen takes text files only), and a file naming one elsewhere on the server is refused.
"""

import logging
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.module_loading import import_string
from django.utils.text import capfirst, slugify
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, Revision, Site

from ..models import ConditionIndexPage, ConditionPage
from . import import_types
from .forms import MAX_FILES, PASTED_NAME, ImportForm, Upload, file_problem, safe_name
from .run import ImportFailed, ImportRun
from .source import Problem, Source

logger = logging.getLogger(__name__)

# The import types this screen offers, with the names editors know them by. A type is
# offered when the site registers it (import_types()) and the user may add its pages.
TYPE_LABELS = {"treatment": "Treatment", "condition": "Condition", "blog": "Journal post"}

TOKEN_SALT = "treatments.importer.import-pages"
TOKEN_MAX_AGE = 24 * 60 * 60  # a preview left open overnight still creates its drafts

NO_PICTURES = (
    "pictures cannot be imported from this screen: take the picture out of the text, import "
    "it, then add the picture in the page editor"
)


class Refused(Exception):
    """The import cannot go ahead; `messages` says why, for the editor."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages


# --- What the user may import, and where ----------------------------------------------


@dataclass
class TypeChoice:
    name: str
    label: str
    model: type
    parents: list  # the pages the user may add this type under, the usual one first


def default_site():
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def site_path(site, page):
    """The page's address on the site, e.g. /treatments/ (as the engine's `parent`)."""
    root = site.root_page.url_path
    return "/" + page.url_path[len(root) :] if page.url_path.startswith(root) else page.url_path


def choices_for(user):
    """{type name: TypeChoice} for the types the user may add somewhere on the default site."""
    site = default_site()
    if site is None or not user.is_active:
        return {}
    registered = import_types()
    choices = {}
    for name, label in TYPE_LABELS.items():
        if name not in registered:
            continue
        model = getattr(import_string(registered[name]), "model", None)
        if model is None:
            continue
        parent_models = [m for m in model.allowed_parent_page_models() if m is not Page]
        if not parent_models:
            continue
        candidates = (
            Page.objects.descendant_of(site.root_page, inclusive=True)
            .type(*parent_models)
            .order_by("path")
            .specific()
        )
        parents = [
            page
            for page in candidates
            if model.can_create_at(page) and page.permissions_for_user(user).can_add_subpage()
        ]
        if not parents:
            continue
        titles = [page.title for page in parents]
        for page in parents:
            page.site_path = site_path(site, page)
            page.choice_label = (
                page.title if titles.count(page.title) == 1 else f"{page.title} ({page.site_path})"
            )
        choices[name] = TypeChoice(name, label, model, parents)
    return choices


# --- One import: the engine on a folder of the user's files ----------------------------


@dataclass
class Job:
    kind: str
    parent: Page
    title: str
    uploads: list

    @property
    def pasted_text(self):
        pasted = next((u.data for u in self.uploads if u.name == PASTED_NAME), b"")
        return pasted.decode("utf-8")


@dataclass
class Outcome:
    action: str  # created, updated or unchanged (as the engine says)
    page: Page


class ScreenRun(ImportRun):
    """The engine, remembering what each file did, and reading no picture from elsewhere."""

    def __init__(self, folder, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.folder = folder
        self.outcomes = {}

    def report_file(self, number, total, importer, action, page):
        self.outcomes[id(importer)] = Outcome(action, page)
        super().report_file(number, total, importer, action, page)

    def image(self, importer, path, title, line):
        if not (importer.source.path.parent / path).resolve().is_relative_to(self.folder):
            raise importer.problem(NO_PICTURES, line)
        return super().image(importer, path, title, line)


def import_pages(job, user, choices, *, dry_run):
    """Run the import as `user`: the dry run, or the dry run and then the real one.

    Returns the run; raises Refused with the problems, nothing saved.
    """
    with tempfile.TemporaryDirectory(prefix="import-pages-") as name:
        folder = Path(name).resolve()
        paths = []
        for upload in job.uploads:
            path = folder / upload.name
            path.write_bytes(upload.data)
            paths.append(path)
        try:
            title, notes = look_over(job, folder, paths)
            run = engine_run(job, title, user, choices, folder, paths, dry_run=True)
            run.execute()
            check_new_conditions(run, user)
            if not dry_run:
                run = engine_run(job, title, user, choices, folder, paths, dry_run=False)
                with transaction.atomic():
                    run.execute()
                    credit(run, user)
        except ImportFailed as failure:
            raise Refused([shown(str(problem), folder) for problem in failure.problems]) from None
        for importer in run.importers:
            importer.warnings = notes + [shown(warning, folder) for warning in importer.warnings]
        return run


def engine_run(job, title, user, choices, folder, paths, *, dry_run):
    site = default_site()
    run = ScreenRun(
        folder,
        {name: import_types()[name] for name in choices},
        publish=False,
        dry_run=dry_run,
        default_type=job.kind,
        default_parent=site_path(site, job.parent),
        default_title=title,
    )
    run.prepare(paths)
    check_rights(run, user, choices)
    return run


def shown(text, folder):
    """A problem or warning as the editor reads it: no server folder in its file names, and
    the screen's words for the command's options."""
    return (
        text.replace(f"{folder}/", "")
        .replace(str(folder), "")
        .replace("or pass --title", "or fill in “Title”")
    )


def look_over(job, folder, paths):
    """What the screen checks before the engine reads the files; (title, notes).

    - A file's `image` would be read as the file is: one outside the folder is refused.
    - The title typed is for text without a title line: a file with its own keeps it (and
      a note says so).
    - Pasted text needs a title: the engine would otherwise take the file's name for one.
    """
    problems, notes, title = [], [], job.title or None
    for path in paths:
        data = path.read_bytes()
        pasted = path.name == PASTED_NAME
        single_with_title = job.title and len(paths) == 1
        if not (b"image" in data or single_with_title or (pasted and not job.title)):
            continue
        try:
            source = Source.read(path)
        except Problem:
            continue  # the engine says why
        image = source.front_matter.get("image")
        if isinstance(image, str) and image.strip():
            if not (path.parent / image.strip()).resolve().is_relative_to(folder):
                problems.append(source.problem(NO_PICTURES, key="image"))
        own = own_title(source)
        if single_with_title and own and own != job.title:
            title = None
            notes.append(f"the text has its own title, “{own}”, so the title you typed is not used")
        elif pasted and not job.title and not own and guessed_from_name(source):
            problems.append(
                source.problem(
                    "no title: put the page's title on the first line of the text, or fill in "
                    "“Title”",
                    1,
                )
            )
    if problems:
        raise ImportFailed(problems)
    return title, notes


def own_title(source):
    """The title the file gives itself: in its front matter, or its title line (or <h1>)."""
    if source.front_matter.get("title"):
        return str(source.front_matter["title"]).strip()
    found = source.found_title()
    if found and not found[2]:  # not a guess
        return found[0]
    return None


def guessed_from_name(source):
    """Whether the engine would take the file's name for the title (no better guess)."""
    if source.front_matter.get("title"):
        return False
    found = source.found_title()
    return found is None or found[0].casefold() == source.path.stem.replace("-", " ").casefold()


def check_rights(run, user, choices):
    """Each page goes where the user may add it, or updates a page they may edit."""
    problems = []
    kinds = {cls: name for name, cls in run.types.items()}
    for importer in run.importers:
        choice = choices[kinds[type(importer)]]
        where = {"key": "parent"} if importer.text("parent") else {"line": 1}
        try:
            parent = importer.parent()
        except Problem as problem:
            problems.append(problem)
            continue
        existing = parent.get_children().filter(slug=importer.slug).first()
        if existing is not None:
            rights = existing.specific.permissions_for_user(user)
            address = run.site_path(existing)
            if not rights.can_edit():
                problems.append(
                    importer.problem(
                        f"this would change the page at {address}, which you may not edit",
                        **where,
                    )
                )
            elif rights.page_locked():
                problems.append(
                    importer.problem(
                        f"the page at {address} is locked: ask whoever locked it to unlock it",
                        **where,
                    )
                )
        elif parent.pk not in {page.pk for page in choice.parents}:
            problems.append(
                importer.problem(
                    f"you may not add a {choice.label.lower()} under “{parent.title}”", **where
                )
            )
    if problems:
        raise ImportFailed(problems)


def conditions_of(importer):
    """(name, note, line) of every condition a treatment file names."""
    body = getattr(importer, "body", None)
    return list(getattr(importer, "listed_conditions", [])) + list(getattr(body, "conditions", []))


def new_conditions(run, importer):
    """The (case-folded) names of the conditions the run made a page for, for this file."""
    made = getattr(run, "new_conditions", None)
    if made is not None:
        return {name.casefold() for name, _, _, owner in made if owner is importer}
    index = run.first_page(ConditionIndexPage)  # an engine that does not list them
    children = ConditionPage.objects.child_of(index) if index else ConditionPage.objects.none()
    return {
        name.casefold()
        for name, _, _ in conditions_of(importer)
        if not children.filter(slug=slugify(name, allow_unicode=True)).exists()
        and not children.filter(title__iexact=name).exists()
    }


def check_new_conditions(run, user):
    """The engine adds a condition page for a name it does not know: that takes the right
    to add conditions (checked after the dry run, when the body's conditions are known)."""
    index = run.first_page(ConditionIndexPage)
    if index is None or index.permissions_for_user(user).can_add_subpage():
        return
    problems = []
    for importer in run.importers:
        new = new_conditions(run, importer)
        problems += [
            importer.problem(
                f"there is no condition called “{name}” yet, and you may not add conditions: "
                "leave it out, or ask a clinical reviewer or site manager to add it first",
                line,
            )
            for name, _, line in conditions_of(importer)
            if name.casefold() in new
        ]
    if problems:
        raise ImportFailed(problems)


def credit(run, user):
    """The new drafts are the user's: their owner and their revision's author."""
    for outcome in run.outcomes.values():
        if outcome.action not in ("created", "updated") or outcome.page is None:
            continue
        Revision.objects.filter(pk=outcome.page.latest_revision_id, user=None).update(user=user)
        if outcome.action == "created":
            Page.objects.filter(pk=outcome.page.pk, owner=None).update(owner=user)


# --- The preview ----------------------------------------------------------------------

WARNING_LINE = re.compile(r"^line (\d+): (.*)$", re.S)


@dataclass
class BlockPreview:
    label: str
    line: int
    html: str | None
    warnings: list = field(default_factory=list)


@dataclass
class ConditionPreview:
    name: str
    note: str
    is_new: bool
    warnings: list = field(default_factory=list)


@dataclass
class PagePreview:
    file: str
    pasted: bool
    title: str
    kind: str
    action: str
    address: str
    live: bool
    summary: str
    conditions: list
    blocks: list
    warnings: list  # those about the page as a whole, or a line before the first block


def render_block(block, value):
    """The block as the site shows it (its own template), or None if it cannot be shown."""
    try:
        return block.render(block.to_python(value))
    except Exception:  # a preview never fails because one block will not render here
        logger.warning("Import preview: could not render a %s block", block.name, exc_info=True)
        return None


def previews(run, job, choices):
    order = [upload.name for upload in job.uploads]
    kinds = {cls: name for name, cls in run.types.items()}
    pages = []
    for importer in sorted(run.importers, key=lambda i: order.index(i.source.path.name)):
        outcome = run.outcomes.get(id(importer))
        blocks, conditions = [], []
        body_field = getattr(importer, "body_field", None)
        body = getattr(importer, "body", None)
        if body_field and body is not None:
            stream_block = importer.model._meta.get_field(body_field).stream_block
            for piece in body.pieces:
                block = stream_block.child_blocks[piece.type]
                blocks.append(
                    BlockPreview(
                        capfirst(block.label), piece.line, render_block(block, piece.value)
                    )
                )
        by_name, condition_lines, new = {}, {}, new_conditions(run, importer)
        for name, note, line in conditions_of(importer):
            if name.casefold() not in by_name:
                is_new = name.casefold() in new
                by_name[name.casefold()] = ConditionPreview(name, note, is_new)
                conditions.append(by_name[name.casefold()])
            condition_lines[line] = by_name[name.casefold()]
        general = []
        for warning in importer.warnings:
            match = WARNING_LINE.match(warning)
            line = int(match[1]) if match else None
            if line in condition_lines:
                condition_lines[line].warnings.append(warning)
                continue
            owner = next((b for b in reversed(blocks) if line and b.line <= line), None)
            (owner.warnings if owner else general).append(warning)
        page = outcome.page if outcome else None
        pages.append(
            PagePreview(
                file=importer.source.path.name,
                pasted=importer.source.path.name == PASTED_NAME,
                title=importer.title,
                kind=choices[kinds[type(importer)]].label,
                action=outcome.action if outcome else "",
                address=run.site_path(page) if page is not None else "",
                live=bool(page is not None and page.live),
                summary=getattr(importer, "summary", "") or "",
                conditions=conditions,
                blocks=blocks,
                warnings=general,
            )
        )
    return pages


# --- The token between the preview and "Create drafts" ---------------------------------


def make_token(job, user):
    return signing.dumps(
        {
            "user": user.pk,
            "kind": job.kind,
            "parent": job.parent.pk,
            "title": job.title,
            # Bytes as they came (a web page may be in another character set), one
            # character per byte.
            "files": [[upload.name, upload.data.decode("latin-1")] for upload in job.uploads],
        },
        salt=TOKEN_SALT,
        compress=True,
    )


def job_from_token(token, user, choices):
    """The job the preview showed, checked again as if it were typed now; or Refused."""
    start_again = "Nothing was imported: please start again."
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        raise Refused([f"This preview is more than a day old. {start_again}"]) from None
    except signing.BadSignature:
        raise Refused(
            [f"This preview was changed or cut short on the way. {start_again}"]
        ) from None
    if not isinstance(data, dict) or data.get("user") != user.pk:
        raise Refused([f"This preview was made by someone else. {start_again}"])
    choice = choices.get(data.get("kind"))
    if choice is None:
        raise Refused([f"You may not import pages of that type. {start_again}"])
    parent = next((page for page in choice.parents if page.pk == data.get("parent")), None)
    if parent is None:
        raise Refused([f"You may not add a {choice.label.lower()} under that page. {start_again}"])
    title, files = data.get("title"), data.get("files")
    if not isinstance(title, str) or len(title) > 255 or not isinstance(files, list):
        raise Refused([f"This preview could not be read. {start_again}"])
    if not 0 < len(files) <= MAX_FILES + 1:
        raise Refused([f"This preview could not be read. {start_again}"])
    uploads = []
    for item in files:
        if not (
            isinstance(item, list)
            and len(item) == 2
            and all(isinstance(part, str) for part in item)
            and item[0] == safe_name(item[0])
        ):
            raise Refused([f"This preview could not be read. {start_again}"])
        name, text = item
        try:
            upload = Upload(name, text.encode("latin-1"))
        except UnicodeEncodeError:
            raise Refused([f"This preview could not be read. {start_again}"]) from None
        problem = file_problem(upload.name, upload.data)
        if problem:
            raise Refused([problem])
        uploads.append(upload)
    if len({upload.name.lower() for upload in uploads}) != len(uploads):
        raise Refused([f"This preview could not be read. {start_again}"])
    return Job(choice.name, parent, title, uploads)


def token_fits(token):
    """Whether the browser can send the token back (Django's limit on a form's size)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return limit is None or len(token) < limit - 10_000


# --- The views ------------------------------------------------------------------------


class ImportPagesMixin(WagtailAdminTemplateMixin):
    page_title = "Import pages"
    header_icon = "upload"
    breadcrumbs_items = []  # the admin's classic header, with the title as the page's h1

    def dispatch(self, request, *args, **kwargs):
        self.choices = choices_for(request.user)
        if not self.choices:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def show_form(self, form, problems=(), status=200):
        self.template_name = "treatments_importer/import_form.html"
        context = self.get_context_data(form=form, problems=list(problems))
        return self.render_to_response(context, status=status)


class ImportPagesView(ImportPagesMixin, View):
    """Step 1 (the form) and step 2 (the preview)."""

    def get(self, request):
        return self.show_form(ImportForm(choices=self.choices))

    def post(self, request):
        if "back" in request.POST:  # "Change the text" on the preview
            return self.change(request)
        form = ImportForm(request.POST, request.FILES, choices=self.choices)
        if not form.is_valid():
            return self.show_form(form)
        data = form.cleaned_data
        job = Job(data["kind"], data["parent"], data["title"].strip(), form.uploads())
        try:
            run = import_pages(job, request.user, self.choices, dry_run=True)
        except Refused as refused:
            return self.show_form(form, refused.messages)
        token = make_token(job, request.user)
        if not token_fits(token):
            return self.show_form(
                form, ["That is too much text for one import: import the files a few at a time."]
            )
        self.template_name = "treatments_importer/preview.html"
        pages = previews(run, job, self.choices)
        context = self.get_context_data(
            pages=pages,
            token=token,
            job=job,
            choice=self.choices[job.kind],
            warnings=sum(
                len(p.warnings)
                + sum(len(b.warnings) for b in p.blocks)
                + sum(len(c.warnings) for c in p.conditions)
                for p in pages
            ),
        )
        return self.render_to_response(context)

    def change(self, request):
        try:
            job = job_from_token(request.POST.get("token"), request.user, self.choices)
        except Refused as refused:
            return self.show_form(ImportForm(choices=self.choices), refused.messages, status=400)
        return self.show_form(ImportForm(initial=initial_data(job), choices=self.choices))


def initial_data(job):
    """The step-1 form as it was typed (the pasted text; files cannot be chosen for you)."""
    return {
        "kind": job.kind,
        "parent": str(job.parent.pk),
        "title": job.title,
        "text": job.pasted_text,
    }


class CreateDraftsView(ImportPagesMixin, View):
    """Step 3: the drafts, from the preview's token."""

    def post(self, request):
        try:
            job = job_from_token(request.POST.get("token"), request.user, self.choices)
        except Refused as refused:
            return self.show_form(ImportForm(choices=self.choices), refused.messages, status=400)
        try:
            run = import_pages(job, request.user, self.choices, dry_run=False)
        except Refused as refused:
            form = ImportForm(initial=initial_data(job), choices=self.choices)
            return self.show_form(form, refused.messages)
        messages.success(request, created_message(run, job))
        return redirect("treatments_import_pages")


def created_message(run, job):
    order = [upload.name for upload in job.uploads]
    lines = []
    for importer in sorted(run.importers, key=lambda i: order.index(i.source.path.name)):
        outcome = run.outcomes[id(importer)]
        what = {
            "created": "new draft",
            "updated": "new draft version",
            "unchanged": "already up to date, nothing changed",
        }.get(outcome.action, outcome.action)
        lines.append(
            (
                importer.title,
                run.site_path(outcome.page),
                what,
                reverse("wagtailadmin_pages:edit", args=[outcome.page.pk]),
                importer.title,
            )
        )
    count = len(lines)
    return format_html(
        "{} Nothing is published: open each page to check it, then submit it for review as "
        'usual.<ul class="import-pages__done">{}</ul>',
        f"Imported {count} page{'s' if count != 1 else ''} as drafts.",
        format_html_join(
            "",
            '<li>“{}” at {} ({}) <a href="{}">Edit<span class="w-sr-only"> “{}”</span></a></li>',
            lines,
        ),
    )
