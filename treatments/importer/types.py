"""What each front-matter `type` becomes: one importer class per type.

An importer reads its file in `prepare` (no database) and writes in `save`, which
returns what happened: created, updated, published or unchanged. Pages are matched by
slug under their parent; a change is saved as one new revision, and content equal to
the latest revision saves nothing.
"""

import datetime
import json
import math
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.text import slugify
from wagtail import hooks
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Page

from ..blocks import NETWORKS, WEEKDAYS, SocialLinkBlock, validate_web_url
from ..booking import BookingProvider, widget_address_problem
from ..editing import WORDING_CHECK_HOOK
from ..models import (
    ClinicSettings,
    ConditionIndexPage,
    ConditionPage,
    ConsentMethod,
    LocationIndexPage,
    LocationPage,
    Practitioner,
    PractitionerIndexPage,
    ProcedureType,
    Testimonial,
    TestimonialSource,
    TreatmentCondition,
    TreatmentIndexPage,
    TreatmentPage,
    TreatmentPractitioner,
    TreatmentTestimonial,
    mark_as_reviewed,
    twelve_months_after,
)
from .markdown import Heading, Paragraph, plain_text, to_html
from .prices import read_prices
from .prose import opening_sentences, title_like
from .sections import BodyBuilder
from .source import Problem

COMMON_KEYS = {"type", "title", "weight"}
PAGE_KEYS = {
    "slug",
    "parent",
    "summary",
    "image",
    "image_alt",
    "seo_title",
    "search_description",
    "show_in_menus",
    "draft",
}


def in_order(links):
    """Inline links numbered as the admin's drag-and-drop numbers them."""
    links = list(links)
    for position, link in enumerate(links):
        link.sort_order = position
    return links


def ordered(manager):
    return sorted(manager.all(), key=lambda link: link.sort_order or 0)


def strip_ids(data):
    if isinstance(data, list):
        return [strip_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: strip_ids(value) for key, value in data.items() if key != "id"}
    return data


def canonical_stream(stream_field, value):
    """A StreamField value as plain data, block ids left out, for comparing versions."""
    raw = list(value.raw_data) if isinstance(value, StreamValue) else list(value or [])
    block = stream_field.stream_block
    stream = block.to_python(raw)
    for _ in stream:  # converts every block, so defaults and types are filled in
        pass
    return strip_ids(block.get_prep_value(stream))


def error_lines(data, path=()):
    """(path, message) pairs from a block validation error's JSON data."""
    found = [(path, message) for message in data.get("messages", [])]
    errors = data.get("blockErrors") or {}
    pairs = errors.items() if isinstance(errors, dict) else enumerate(errors)
    for key, nested in pairs:
        if nested:
            label = f"item {int(key) + 1}" if str(key).isdigit() else str(key).replace("_", " ")
            found.extend(error_lines(nested, (*path, label)))
    return found


class Importer:
    """One file of one type. Subclasses name their `keys` and implement `save`."""

    type_name = None
    rank = 50
    keys = set()
    needs_title = True  # False for a type that has no title (a testimonial)

    def __init__(self, run, source):
        self.run = run
        self.source = source
        self.front_matter = source.front_matter
        self.warnings = []
        self.state = None  # "published" or "draft" once a page is saved

    # --- The context the body builder uses ----------------------------------

    def warn(self, message, line=None):
        self.warnings.append(f"line {line}: {message}" if line else message)

    def problem(self, message, line=None, key=None):
        return self.source.problem(message, line=line, key=key)

    def rewrite_link(self, href):
        return self.run.rewrite_link(self, href)

    def image_value(self, token, line):
        alt = token.content.strip()
        if not alt:
            raise self.problem("an image needs alt text: write ![what it shows](file)", line)
        # markdown-it percent-encodes addresses: "my photo.jpg" arrives as "my%20photo.jpg".
        image = self.run.image(self, unquote(token.attrs.get("src", "")), alt, line)
        caption = token.attrs.get("title") or ""
        return {
            "image": {"image": image.pk, "alt_text": alt, "decorative": False},
            "caption": caption,
        }

    # --- Reading --------------------------------------------------------------

    def get(self, key, default=None):
        return self.front_matter.get(key, default)

    def text(self, key, default=""):
        value = self.front_matter.get(key)
        if value is None:
            return default
        if isinstance(value, (dict, list)):
            raise self.problem(f"`{key}` must be a line of text", key=key)
        return str(value).strip()

    def names(self, key):
        """A list of names from a YAML list or one comma-separated line."""
        value = self.front_matter.get(key) or []
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list) or any(isinstance(i, (list, dict)) for i in value):
            raise self.problem(f"`{key}` must be a list of names", key=key)
        return [str(item).strip() for item in value if item is not None and str(item).strip()]

    def entry_lines(self, key, count):
        """The line of each entry of the list `key` ("- " lines right under it), for
        problems; the key's own line for each where they cannot be told apart (a list
        written on one line, TOML)."""
        start = self.source.line_of(key)
        lines = self.source.path.read_text("utf-8", errors="replace").splitlines()
        found, indent = [], None
        for number, text in enumerate(lines[start:], start + 1):
            stripped = text.lstrip()
            if not stripped or stripped.startswith("#"):
                continue
            depth = len(text) - len(stripped)
            if stripped.startswith("-") and (indent is None or depth == indent):
                if stripped.startswith("---"):
                    break
                indent = depth
                found.append(number)
            elif indent is None or depth <= indent:
                break
        return found if len(found) == count else [start] * count

    def prepare(self):
        allowed = COMMON_KEYS | self.keys
        for key in self.front_matter:
            if key not in allowed:
                self.warn(f"unknown key ‘{key}’ (ignored)", self.source.line_of(key))
        self.title = self.text("title")
        if not self.title and self.needs_title:
            raise self.problem("no title: add `title: …` to the front matter", 1)
        weight = self.get("weight")
        if weight is not None and not is_number(weight):
            raise self.problem("`weight` must be a number", key="weight")
        for key in ("draft", "show_in_menus"):
            if self.get(key) is not None and not isinstance(self.get(key), bool):
                raise self.problem(f"`{key}` must be true or false", key=key)

    def sort_key(self):
        weight = self.get("weight")
        return (self.rank, weight is None, weight or 0, str(self.source.path))

    def body_nodes(self):
        """The body, without a first-level heading that repeats the title."""
        nodes = list(self.source.nodes)
        for index, node in enumerate(nodes):
            if isinstance(node, Heading) and node.level == 1:
                if node.text.casefold() == self.title.casefold():
                    del nodes[index]
                break
        return nodes

    def image_path(self, key, alt_key=None):
        """The file `key` names, relative to the Markdown file, checked to exist."""
        value = self.text(key)
        if not value:
            return None
        path = (self.source.path.parent / value).resolve()
        if not path.is_file():
            raise self.problem(f"`{key}`: there is no file {value}", key=key)
        if alt_key and not self.text(alt_key):
            raise self.problem(
                f"`{key}` needs `{alt_key}`: describe the image for people who cannot see it",
                key=key,
            )
        return path

    def expected_url(self):
        return None

    def save(self):
        raise NotImplementedError


class PageImporter(Importer):
    """A page matched by slug under its parent, saved as revisions."""

    model = None
    default_parent_model = None
    keys = PAGE_KEYS
    body_field = None  # a StreamField filled from the Markdown
    intro_field = None  # or a RichTextField
    with_conditions = False
    fields = ["title", "slug", "seo_title", "search_description", "show_in_menus"]

    def prepare(self):
        super().prepare()
        self.slug = self.text("slug") or slugify(self.title, allow_unicode=True)
        if not self.slug:
            raise self.problem("cannot make an address from the title: add `slug: …`", key="title")
        if self.text("parent") and not self.text("parent").startswith("/"):
            raise self.problem(
                "`parent` is a page address starting with /, e.g. /treatments/", key="parent"
            )
        self.hero_path = self.image_path("image", "image_alt") if self.has("hero_image") else None
        self.nodes = self.body_nodes()
        self.summary = self.text("summary")
        if self.has("summary") and not self.summary:
            self.summary = self.summary_from_body()
        if self.has("summary"):
            limit = self.model._meta.get_field("summary").max_length
            if len(self.summary) > limit:
                raise self.problem(
                    f"`summary` is {len(self.summary)} characters long; the most is {limit}",
                    key="summary",
                )
            if not self.summary and not self.model._meta.get_field("summary").blank:
                raise self.problem(
                    "no summary: add `summary: …`, or start the body with a short paragraph",
                    key="summary" if "summary" in self.front_matter else 1,
                )

    def has(self, field_name):
        return any(f.name == field_name for f in self.model._meta.get_fields())

    def summary_from_body(self):
        """A sentence or two from the opening paragraph, within the summary's limit; the
        sentences used leave the body (the whole paragraph when it fits). A title-like line
        ("Microneedling at Day Spa") or a first-level heading before it is passed over."""
        position = 0
        while position < len(self.nodes):
            node = self.nodes[position]
            title_line = isinstance(node, Paragraph) and not node.image and title_like(node.text)
            if not (title_line or (isinstance(node, Heading) and node.level == 1)):
                break
            position += 1
        first = self.nodes[position] if position < len(self.nodes) else None
        if not isinstance(first, Paragraph) or first.image is not None:
            return ""
        limit = self.model._meta.get_field("summary").max_length
        summary, rest = opening_sentences(first, limit)
        after = self.nodes[position + 1 :]
        self.nodes = [*self.nodes[:position], *([rest] if rest else []), *after]
        return summary

    # --- Where the page goes -----------------------------------------------

    def parent(self):
        path = self.text("parent")
        if path:
            parent = self.run.page_at(path)
            if parent is None:
                raise self.problem(f"parent: there is no page at {path}", key="parent")
        elif self.default_parent_model:
            parent = self.run.first_page(self.default_parent_model)
            if parent is None:
                name = self.default_parent_model._meta.verbose_name
                raise self.problem(
                    f"there is no {name} page to put this under: import one first or set `parent`",
                    1,
                )
        else:
            parent = self.run.site.root_page
        parent = parent.specific
        if self.model not in parent.specific_class.allowed_subpage_models():
            raise self.problem(
                f"a {self.model._meta.verbose_name} cannot go under “{parent.title}” "
                f"(a {parent._meta.verbose_name})",
                key="parent" if self.text("parent") else 1,
            )
        return parent

    def expected_url(self):
        """The address this file's page will have, known before anything is saved."""
        path = self.text("parent")
        if path:
            parent_url = "/" + "".join(f"{part}/" for part in path.strip("/").split("/") if part)
        elif self.default_parent_model:
            parent_url = self.run.expected_url_of(self.default_parent_model)
        else:
            parent_url = "/"
        return f"{parent_url}{self.slug}/" if parent_url else None

    # --- Writing ------------------------------------------------------------

    def save(self):
        parent = self.parent()
        self.run.claim(
            self, ("page", parent.pk, self.slug), f"{self.run.site_path(parent)}{self.slug}/"
        )
        existing = parent.get_children().filter(slug=self.slug).first()
        if existing is not None:
            existing = existing.specific
            if not isinstance(existing, self.model):
                raise self.problem(
                    f"{self.run.site_path(existing)} already exists and is a "
                    f"{existing._meta.verbose_name}, not a {self.model._meta.verbose_name}",
                    key="slug" if self.text("slug") else "title",
                )
            page = existing.get_latest_revision_as_object()
            before = self.snapshot(page)
            sections = self.structured_sections(page)
        elif not self.model.can_create_at(parent):
            raise self.problem(
                f"“{parent.title}” already has its {self.model._meta.verbose_name}: there can "
                "be only one (give this file the same slug to update it)",
                key="slug" if self.text("slug") else "title",
            )
        else:
            page = self.model()
        self.apply(page)
        self.validate(page)
        if existing is not None:
            self.warn_removed_sections(sections)
        wanted = self.run.publish and self.get("draft") is not True
        flagged = self.check_claims(page)
        if existing is not None and self.snapshot(page) == before:
            if wanted and (not existing.live or existing.has_unpublished_changes):
                if self.may_publish(page, flagged):
                    existing.get_latest_revision().publish()
                    self.state = "published"
                    return "published", existing
                self.state = "draft"
            return "unchanged", existing
        publish = wanted and self.may_publish(page, flagged)
        try:
            if existing is None:
                page.live = False
                parent.add_child(instance=page)
            revision = page.save_revision(log_action=True)
        except ValidationError as error:
            raise self.field_problem(error) from None
        self.after_saving(revision)
        if publish:
            revision.publish()
        self.state = "published" if publish else "draft"
        return ("created" if existing is None else "updated"), page

    def after_saving(self, revision):
        """Called with the new revision of a created or changed page, before publishing."""

    # --- Clinical safety ------------------------------------------------------

    def vouches_for_review(self):
        """Whether the file names the clinical review its text had (review keys)."""
        return False

    def may_publish(self, page, flagged):
        """Whether `--publish` may put this version live (docs/importing.md, "Review").

        Wording the claims check flags is never published by an import. Clinical content
        (treatments, conditions, medical posts) is published only with the review the file
        names, or with `--publish-unreviewed` given on purpose; otherwise the run stops.
        """
        if flagged:
            self.warn(
                "not published: the claims check flags its wording, so a clinical reviewer "
                "must approve it in the admin"
            )
            return False
        needs_review = getattr(page, "needs_clinical_review", None)
        if (
            needs_review
            and needs_review()
            and not self.vouches_for_review()
            and not self.run.publish_unreviewed
        ):
            raise self.problem(
                f"--publish would put this {self.model._meta.verbose_name} live without a "
                "clinical review: import it as a draft (leave out --publish) for a clinical "
                "reviewer to approve, add the review it had (`reviewed_by`, `last_reviewed`), "
                "or pass --publish-unreviewed if you are sure",
                1,
            )
        return True

    def check_claims(self, page):
        """Warn, with the line, about each phrase the claims check flags; True if any."""
        findings = [
            finding for check in hooks.get_hooks(WORDING_CHECK_HOOK) for finding in check(page)
        ]
        if findings:
            lines = self.source.path.read_text("utf-8", errors="replace").splitlines()
        for phrase, where, pattern in findings:
            line = next((n for n, text in enumerate(lines, 1) if pattern.search(text)), None)
            self.warn(f"the claims check flags “{phrase}” ({where})", line)
        return bool(findings)

    def line_with(self, words):
        """The first line of the file with `words` in it (any capitals), or None."""
        lines = self.source.path.read_text("utf-8", errors="replace").casefold().splitlines()
        return next((n for n, text in enumerate(lines, 1) if words.casefold() in text), None)

    def structured_sections(self, page):
        """The types of the structured sections in the page's body, in order, once each."""
        if not self.body_field:
            return []
        body = getattr(page, self.body_field)
        structured = (b.block_type for b in body if getattr(b.block.meta, "import_headings", None))
        return list(dict.fromkeys(structured))

    def warn_removed_sections(self, sections):
        """Name the structured sections the page has and this file does not (they go)."""
        if not self.body_field or not self.body.pieces:
            return
        stream_block = self.model._meta.get_field(self.body_field).stream_block
        kept = {piece.type for piece in self.body.pieces}
        for block_type in sections:
            if block_type in kept:
                continue
            label = stream_block.child_blocks[block_type].label
            extra = " and its printable sheet" if block_type == "aftercare" else ""
            self.warn(
                f"the page's “{label}” section is not in this file, so the import removes "
                f"it{extra}; add the section to the file to keep it"
            )

    def given(self, key):
        """Whether the file sets `key`: fields it does not mention keep their values."""
        return key in self.front_matter

    def apply(self, page):
        page.title = self.title
        page.slug = self.slug
        if self.given("seo_title"):
            page.seo_title = self.text("seo_title")
        if self.given("search_description"):
            page.search_description = self.text("search_description")
        if self.given("show_in_menus"):
            page.show_in_menus = self.get("show_in_menus") is True
        if self.has("summary"):
            page.summary = self.summary
        if self.has("hero_image") and self.given("image"):
            image = (
                self.run.image(
                    self, self.hero_path, self.text("image_alt"), self.source.line_of("image")
                )
                if self.hero_path
                else None
            )
            page.hero_image = image
            page.hero_image_alt = self.text("image_alt") if image else ""
        if self.body_field:
            stream_block = self.model._meta.get_field(self.body_field).stream_block
            self.body = BodyBuilder(
                stream_block,
                self,
                self.with_conditions,
                title=self.title,
                aliases=getattr(self, "aliases", ""),  # a treatment's `also_known_as`
                lead=getattr(self, "summary", ""),
            ).build(self.nodes)
            if self.body.pieces or page.pk is None:  # a file with no body keeps the page's
                setattr(page, self.body_field, self.body.raw())
        if self.intro_field:
            features = self.model._meta.get_field(self.intro_field).features or []
            html = to_html(
                self.nodes,
                headings="h2" in features,
                rewrite_link=self.rewrite_link,
                lists="ul" in features,
            )
            setattr(page, self.intro_field, html)

    def validate(self, page):
        if not self.body_field:
            return
        stream_field = self.model._meta.get_field(self.body_field)
        if not stream_field.blank and not self.body.pieces:
            raise self.problem(
                f"the body is empty: a {self.model._meta.verbose_name} needs some text", 1
            )
        try:
            stream_field.stream_block.clean(getattr(page, self.body_field))
        except ValidationError as error:
            data = error.as_json_data()
            for path, message in error_lines(data):
                if path and path[0].startswith("item "):
                    piece = self.body.pieces[int(path[0][5:]) - 1]
                    label = stream_field.stream_block.child_blocks[piece.type].label
                    where = " › ".join([label, *path[1:]])
                    raise self.problem(f"{where}: {message}", piece.line) from None
                raise self.problem(f"body: {message}", 1) from None

    # The front-matter key of each model field whose key has another name, for errors.
    key_of_field = {"hero_image_alt": "image_alt", "hero_image": "image"}

    def field_problem(self, error):
        for field_name, messages in getattr(error, "message_dict", {"": error.messages}).items():
            key = self.key_of_field.get(field_name, field_name)
            label = key or "page"
            return self.problem(f"{label}: {' '.join(messages)}", key=key)
        return self.problem(str(error))

    def snapshot(self, page):
        data = {}
        for field in page._meta.concrete_fields:
            if field.name in self.snapshot_fields():
                value = getattr(page, field.attname)
                if isinstance(field, StreamField):
                    value = canonical_stream(field, value)
                data[field.name] = value
        data.update(self.relations(page))
        return json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True)

    def snapshot_fields(self):
        names = set(self.fields)
        for name in ("summary", "hero_image", "hero_image_alt", self.body_field, self.intro_field):
            if name and self.has(name):
                names.add(name)
        return names

    def relations(self, page):
        return {}


class IndexImporter(PageImporter):
    rank = 20
    intro_field = "intro"


class TreatmentIndexImporter(IndexImporter):
    model = TreatmentIndexPage


class ConditionIndexImporter(IndexImporter):
    model = ConditionIndexPage


class PractitionerIndexImporter(IndexImporter):
    model = PractitionerIndexPage


class LocationIndexImporter(IndexImporter):
    model = LocationIndexPage


CLOSURE_KEYS = {"first_day", "last_day", "note"}
CLOSURE_NOTE_LENGTH = 80


class LocationImporter(PageImporter):
    """One of the clinic's sites: its address, contact details, hours, closures and the
    treatments offered there (`treatments`, by slug or title); the body is its directions.

    Imported after the treatments, which it links to.
    """

    model = LocationPage
    default_parent_model = LocationIndexPage
    rank = 55
    location_keys = ["address", "phone", "email", "map_url"]
    keys = PAGE_KEYS | {*location_keys, "opening_hours", "closures", "treatments"}
    fields = PageImporter.fields + [*location_keys, "directions", "opening_hours", "closures"]

    def prepare(self):
        super().prepare()
        if not self.text("address"):
            where = {"key": "address"} if self.given("address") else {"line": 1}
            raise self.problem(
                "no address: add `address: |` with the postal address, a line each", **where
            )
        for key in self.location_keys:
            limit = LocationPage._meta.get_field(key).max_length
            if limit and len(self.text(key)) > limit:
                raise self.problem(
                    f"`{key}` is {len(self.text(key))} characters long; the most is {limit}",
                    key=key,
                )
        self.hours = read_opening_hours(self)
        self.closures = self.read_closures()
        self.treatment_names = self.names("treatments")
        self.directions = plain_text(self.nodes)

    def summary_from_body(self):
        return ""  # the body is the directions, not a description

    def read_closures(self):
        """[{first_day, last_day, note}] from `closures`, each checked where it is."""
        entries = self.get("closures") or []
        if not isinstance(entries, list):
            raise self.problem(
                "`closures` must be a list of `{first_day, last_day, note}` entries",
                key="closures",
            )
        closures = []
        for entry, line in zip(entries, self.entry_lines("closures", len(entries)), strict=True):
            if not isinstance(entry, dict) or entry.get("first_day") in (None, ""):
                raise self.problem(
                    "each closure needs `first_day` (e.g. 2026-12-25), and may have `last_day` "
                    "and `note`",
                    line,
                )
            for key in entry:
                if key not in CLOSURE_KEYS:
                    self.warn(f"unknown key ‘{key}’ in a closure (ignored)", line)
            first = self.closure_day(entry, "first_day", line)
            last = self.closure_day(entry, "last_day", line) if entry.get("last_day") else None
            if last is not None and last < first:
                raise self.problem(
                    f"closure: `last_day` ({last:%Y-%m-%d}) is before `first_day` "
                    f"({first:%Y-%m-%d})",
                    line,
                )
            note = str(entry.get("note") or "").strip()
            if len(note) > CLOSURE_NOTE_LENGTH:
                raise self.problem(
                    f"closure: `note` is {len(note)} characters long; the most is "
                    f"{CLOSURE_NOTE_LENGTH}",
                    line,
                )
            closures.append(
                {
                    "first_day": first.isoformat(),
                    "last_day": last.isoformat() if last else None,
                    "note": note,
                }
            )
        return closures

    def closure_day(self, entry, key, line):
        value = entry[key]
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass  # e.g. 2026-02-30: reported below
        raise self.problem(
            f"closure: `{key}` must be a date written YYYY-MM-DD, e.g. 2026-12-25, not ‘{value}’",
            line,
        )

    def apply(self, page):
        super().apply(page)
        for key in self.location_keys:
            setattr(page, key, self.text(key))
        page.directions = self.directions
        page.opening_hours = [{"type": "hours", "value": row} for row in self.hours]
        page.closures = [{"type": "closure", "value": closure} for closure in self.closures]
        line = self.source.line_of("treatments")
        offered, seen = [], set()
        for name in self.treatment_names:
            treatment = self.run.treatment(self, name, line)
            if treatment.pk in seen:
                self.warn(f"“{name}” is listed twice under `treatments`; kept the first", line)
                continue
            seen.add(treatment.pk)
            offered.append(treatment)
        page.treatments = offered

    def relations(self, page):
        return {"treatments": sorted(treatment.pk for treatment in page.treatments.all())}


# Who last checked a treatment's or condition's medical content, and when (ClinicalReviewMixin).
REVIEW_KEYS = ["reviewed_by", "last_reviewed", "next_review_due"]


class ReviewedPageImporter(PageImporter):
    """A page with review dates: `reviewed_by`, `last_reviewed` and `next_review_due`.

    A file with them vouches for the version it imports: the page shows that review. A file
    without them leaves the review record as it is, but a version it changes is not the one
    reviewed, so the page shows no review until a clinical reviewer approves it
    (ClinicalReviewMixin.medical_review).
    """

    keys = PAGE_KEYS | set(REVIEW_KEYS)
    fields = PageImporter.fields + REVIEW_KEYS

    def prepare(self):
        super().prepare()
        self.review = None
        given = [key for key in REVIEW_KEYS if self.get(key) not in (None, "")]
        if not given:
            return
        reviewer = self.text("reviewed_by")
        last = self.review_date("last_reviewed")
        due = self.review_date("next_review_due")
        if last is None:
            raise self.problem(
                f"`{given[0]}` needs `last_reviewed`: the date of the review, e.g. 2026-03-03",
                key=given[0],
            )
        if last > timezone.localdate():
            raise self.problem(
                f"`last_reviewed` is {last:%Y-%m-%d}, in the future: give the day the review "
                "was done",
                key="last_reviewed",
            )
        if due is not None and due <= last:
            raise self.problem(
                f"`next_review_due` ({due:%Y-%m-%d}) must be after `last_reviewed` "
                f"({last:%Y-%m-%d})",
                key="next_review_due",
            )
        # As on approval in the admin: due again a year after the review unless a date is given.
        self.review = (reviewer, last, due or twelve_months_after(last))

    def review_date(self, key):
        value = self.get(key)
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.strip()):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass  # e.g. 2026-02-30: reported below
        raise self.problem(
            f"`{key}` must be a date written YYYY-MM-DD, e.g. 2026-03-03, not ‘{value}’", key=key
        )

    def apply(self, page):
        super().apply(page)
        if self.review is None:
            return
        name, page.last_reviewed, page.next_review_due = self.review
        line = self.source.line_of("reviewed_by")
        page.reviewed_by = self.run.practitioner(self, name, line) if name else None

    def after_saving(self, revision):
        if self.review is not None:
            mark_as_reviewed(revision)

    def vouches_for_review(self):
        return self.review is not None


class ConditionImporter(ReviewedPageImporter):
    model = ConditionPage
    default_parent_model = ConditionIndexPage
    rank = 40
    body_field = "description"


class TreatmentImporter(ReviewedPageImporter):
    model = TreatmentPage
    default_parent_model = TreatmentIndexPage
    rank = 50
    # Front matter keys that are TreatmentPage fields of the same name (for search engines).
    procedure_keys = ["procedure_type", "body_location", "preparation"]
    # The "Prices and booking" tab: price options (importer/prices.py) and their note.
    price_keys = ["prices", "price_note", "prices_on_request"]
    keys = ReviewedPageImporter.keys | {
        "also_known_as",
        "conditions",
        "practitioners",
        "testimonials",
        *procedure_keys,
        *price_keys,
    }
    body_field = "body"
    with_conditions = True
    fields = ReviewedPageImporter.fields + ["also_known_as", *procedure_keys, *price_keys]

    def prepare(self):
        super().prepare()
        self.procedure_type = procedure_type(self.text("procedure_type"))
        if self.procedure_type is None:
            raise self.problem(
                f"`procedure_type` is ‘{self.text('procedure_type')}’: use non-invasive, "
                "percutaneous or surgical",
                key="procedure_type",
            )
        self.aliases = ", ".join(self.names("also_known_as"))
        limit = TreatmentPage._meta.get_field("also_known_as").max_length
        if len(self.aliases) > limit:
            raise self.problem(
                f"`also_known_as` is {len(self.aliases)} characters long; the most is {limit}",
                key="also_known_as",
            )
        for key in ("body_location", "preparation"):
            length, limit = len(self.text(key)), TreatmentPage._meta.get_field(key).max_length
            if length > limit:
                raise self.problem(
                    f"`{key}` is {length} characters long; the most is {limit}", key=key
                )
        listed = self.get("conditions") or []
        if not isinstance(listed, list):
            raise self.problem("`conditions` must be a list", key="conditions")
        self.listed_conditions = []
        for entry in listed:
            if isinstance(entry, dict):
                name = str(entry.get("name") or entry.get("condition") or "").strip()
                note = str(entry.get("note") or "").strip()
            else:
                name, note = str(entry).strip(), ""
            if not name:
                raise self.problem("each condition needs a name", key="conditions")
            self.listed_conditions.append((name, note, self.source.line_of("conditions")))
        for name, note, line in self.listed_conditions:
            self.check_condition(name, note, line)
        self.practitioner_names = self.names("practitioners")
        self.testimonial_ids = self.names("testimonials")
        self.read_prices()

    def read_prices(self):
        self.prices = read_prices(self)
        limit = TreatmentPage._meta.get_field("price_note").max_length
        if len(self.text("price_note")) > limit:
            raise self.problem(
                f"`price_note` is {len(self.text('price_note'))} characters long; the most is "
                f"{limit}",
                key="price_note",
            )
        if not isinstance(self.get("prices_on_request", False), bool):
            raise self.problem("`prices_on_request` must be true or false", key="prices_on_request")

    def check_condition(self, name, note, line):
        if len(name) > 255:
            raise self.problem("a condition's name can be at most 255 characters", line)
        if len(note) > 200:
            raise self.problem(
                f"the note for “{name}” is {len(note)} characters long; the most is 200", line
            )

    def apply(self, page):
        super().apply(page)
        if self.given("also_known_as"):
            page.also_known_as = self.aliases
        elif getattr(self.body, "aliases", None):  # "also known as …" in the text
            page.also_known_as = shorten_list(
                self.body.aliases, TreatmentPage._meta.get_field("also_known_as").max_length
            )
            self.warn(
                f"took the other names “{page.also_known_as}” from the text: check them under "
                "“Also known as”",
                self.line_with(self.body.aliases[0]),
            )
        if self.given("procedure_type"):
            page.procedure_type = self.procedure_type
        for key in ("body_location", "preparation"):
            if self.given(key):
                setattr(page, key, self.text(key))
        links, seen = [], set()
        for name, note, line in self.body.conditions:
            self.check_condition(name, note, line)
        for name, note, line in self.listed_conditions + self.body.conditions:
            condition = self.run.condition(self, name, line)
            if condition.pk in seen:
                self.warn(f"“{name}” is listed twice; kept the first", line)
                continue
            seen.add(condition.pk)
            links.append(TreatmentCondition(condition=condition, note=note))
        page.treated_conditions = in_order(links)
        if self.given("prices"):  # a file without the key keeps the editors' prices
            page.prices = self.prices
        if self.given("price_note"):
            page.price_note = self.text("price_note")
        if self.given("prices_on_request"):
            page.prices_on_request = self.get("prices_on_request")
        if self.given("practitioners"):  # a file without the key keeps the editors' list
            page.practitioner_links = in_order(self.practitioner_links())
        if self.given("testimonials"):  # likewise
            page.testimonial_links = testimonial_links(self, TreatmentTestimonial)

    def practitioner_links(self):
        """Who performs it, in the file's order: links in the page's revision, like the
        conditions (a practitioner's file cannot add them: see PractitionerImporter)."""
        line = self.source.line_of("practitioners")
        links, seen = [], set()
        for name in self.practitioner_names:
            person = self.run.practitioner(self, name, line, key="practitioners")
            if person.pk in seen:
                self.warn(f"“{name}” is listed twice under `practitioners`; kept the first", line)
                continue
            seen.add(person.pk)
            links.append(TreatmentPractitioner(practitioner=person))
        return links

    def relations(self, page):
        return {
            "conditions": [(c.condition_id, c.note) for c in ordered(page.treated_conditions)],
            "practitioners": [link.practitioner_id for link in ordered(page.practitioner_links)],
            "testimonials": [link.testimonial_id for link in ordered(page.testimonial_links)],
        }


def shorten_list(names, limit):
    """As many of `names` as fit in `limit` characters, joined with commas."""
    kept = []
    for name in names:
        if len(", ".join([*kept, name])) <= limit:
            kept.append(name)
    return ", ".join(kept)


def procedure_type(value):
    """'percutaneous', 'Non-invasive' or 'SurgicalProcedure' as a ProcedureType value.

    '' stays '' (not set); None means the value is none of them.
    """
    if not value:
        return ""
    words = value.casefold().replace("-", "").replace(" ", "").removesuffix("procedure")
    return next(
        (choice for choice in ProcedureType.values if choice.casefold() == f"{words}procedure"),
        None,
    )


class PractitionerImporter(Importer):
    """A practitioner (a snippet, so no revisions), matched by name."""

    type_name = "practitioner"
    rank = 60
    fields = ["role", "credentials", "registration_body", "registration_number"]
    keys = {*fields, "slug", "is_physician", "treatments", "image", "image_alt"}

    def prepare(self):
        super().prepare()
        if self.given("treatments"):
            # Who performs a treatment is part of the treatment page and its revisions: a
            # practitioner's file writing it would go behind the page's back.
            raise self.problem(
                "`treatments` is no longer read from a practitioner's file: list who performs "
                "each treatment in the treatment's own file instead, e.g. `practitioners: "
                f"[{self.title}]`, in the order visitors should see them",
                key="treatments",
            )
        if self.get("is_physician") is not None and not isinstance(self.get("is_physician"), bool):
            raise self.problem("`is_physician` must be true or false", key="is_physician")
        self.photo_path = self.image_path("image", "image_alt")
        self.bio = plain_text(self.body_nodes())

    def given(self, key):
        return key in self.front_matter

    def save(self):
        self.run.claim(self, ("practitioner", self.title.casefold()), f"practitioner {self.title}")
        person = Practitioner.objects.filter(name=self.title).first()
        # A practitioner named by a page earlier in this run was saved then, with a name only.
        created = person is None or person.pk in self.run.saved_ahead
        person = person or Practitioner(name=self.title)
        before = None if created else self.snapshot(person)
        for field in self.fields:
            setattr(person, field, self.text(field))
        person.is_physician = self.get("is_physician") is True
        if self.text("slug"):  # else it keeps its address (a new one's is made from the name)
            person.slug = self.text("slug")
        person.bio = self.bio
        line = self.source.line_of("image")
        person.photo = (
            self.run.image(self, self.photo_path, self.text("image_alt"), line)
            if self.photo_path
            else None
        )
        if not created and self.snapshot(person) == before:
            return "unchanged", None
        try:
            person.full_clean()
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            key = field if field in self.keys else None
            raise self.problem(f"{field}: {' '.join(messages)}", key=key) from None
        person.save()
        return ("created" if created else "updated"), None

    def snapshot(self, person):
        return tuple(getattr(person, field) for field in self.fields) + (
            person.slug,
            person.is_physician,
            person.bio,
            person.photo_id,
        )


# What a testimonial's `source` and `consent_method` may say: the code, any capitals, with
# spaces or hyphens for its underscores ("review site").
def choice_code(value):
    return re.sub(r"[\s-]+", "_", value.strip().casefold())


class TestimonialImporter(Importer):
    """A testimonial (a snippet, so no revisions), matched by its name and date.

    Treatment files and the home page's list testimonials under `testimonials` by their `id`
    (the file's name without its suffix unless it sets one). Pages are imported first, so a
    listed testimonial is saved when its page asks for it (`record`), with its treatment if
    that exists by then; in its own turn it gets its treatment, in the same transaction.
    """

    type_name = "testimonial"
    rank = 55  # after the treatments it names, before the home page
    needs_title = False
    keys = {
        "id",
        "text",
        "name",
        "treatment",
        "date",
        "source",
        "source_name",
        "source_url",
        "consent_date",
        "consent_method",
    }
    key_of_field = {
        "text": "text",
        "attribution": "name",
        "given_on": "date",
        "source": "source",
        "source_name": "source_name",
        "source_url": "source_url",
        "consent_given_on": "consent_date",
        "consent_method": "consent_method",
    }
    required = {
        "name": "the patient's first name or initials, e.g. `name: Sam`",
        "date": "the day they gave it, e.g. `date: 2026-03-14`",
        "consent_date": "the day they agreed to publication, e.g. `consent_date: 2026-03-20`",
        "consent_method": "how they agreed: form, email or review site",
    }
    read_date = ReviewedPageImporter.review_date  # YYYY-MM-DD, as review dates

    def prepare(self):
        super().prepare()
        self.key = self.text("id") or self.source.path.stem
        body = plain_text(self.body_nodes())
        if self.text("text") and body:
            raise self.problem(
                "the words are given twice, in `text` and in the body: keep one", key="text"
            )
        words = self.text("text") or body
        if not words:
            raise self.problem("no words: write the testimonial as the body, or as `text: …`", 1)
        limit = Testimonial._meta.get_field("text").max_length
        if len(words) > limit:
            raise self.problem(
                f"the words are {len(words)} characters long; the most is {limit} (shorten "
                "them with '…')",
                key="text" if self.text("text") else 1,
            )
        for key, what in self.required.items():
            if self.get(key) in (None, ""):
                raise self.problem(f"no `{key}`: add {what}", 1)
        self.values = {
            "text": words,
            "attribution": self.text("name"),
            "given_on": self.read_date("date"),
            "source": self.choice("source", TestimonialSource) or TestimonialSource.CLINIC,
            "source_name": self.text("source_name"),
            "source_url": self.text("source_url"),
            "consent_given_on": self.read_date("consent_date"),
            "consent_method": self.choice("consent_method", ConsentMethod),
        }
        try:
            Testimonial(**self.values).full_clean(exclude=["treatment"])
        except ValidationError as error:
            raise self.field_problem(error) from None
        self.row = None

    def choice(self, key, choices):
        given = self.text(key)
        if given and choice_code(given) not in choices.values:
            names = ", ".join(value.replace("_", " ") for value in choices.values)
            raise self.problem(f"`{key}` is ‘{given}’: use one of {names}", key=key)
        return choice_code(given)

    def field_problem(self, error):
        field, messages = next(iter(error.message_dict.items()))
        key = self.key_of_field.get(field)
        # A review site's name or link left out: the line that says it is from one.
        line = self.source.key_lines.get(key) or self.source.key_lines.get("source") or 1
        return self.problem(f"`{key or 'testimonial'}`: {' '.join(messages)}", line)

    def treatment(self, strict):
        """The treatment named, None if none is; if it is not made yet and not `strict`,
        the row's own (a page of this import asked for the testimonial before its turn)."""
        name = self.text("treatment")
        if not name:
            return None
        try:
            return self.run.treatment(self, name, self.source.line_of("treatment"))
        except Problem:
            if strict:
                raise
            return self.row.treatment if self.row.pk else None

    def record(self):
        """The testimonial in the database, saved the first time it is asked for."""
        if self.row is None:
            self.run.claim(self, ("testimonial", self.key.casefold()), f"testimonial {self.key}")
            name, day = self.values["attribution"], self.values["given_on"]
            self.run.claim(
                self, ("testimonial", name.casefold(), day), f"the testimonial of {name} on {day}"
            )
            self.row = Testimonial.objects.filter(attribution=name, given_on=day).first()
            self.before = self.row and self.snapshot(self.row)
            self.row = self.row or Testimonial()
            for field, value in self.values.items():
                setattr(self.row, field, value)
            self.row.treatment = self.treatment(strict=False)
            self.write()
        return self.row

    def write(self):
        if self.row.pk and self.snapshot(self.row) == self.before:
            return
        try:
            self.row.full_clean()
        except ValidationError as error:
            raise self.field_problem(error) from None
        self.row.save()

    def save(self):
        self.record()
        treatment = self.treatment(strict=True)
        if self.row.treatment_id != (treatment and treatment.pk):
            self.row.treatment = treatment
            self.write()
        if self.before is None:
            return "created", None
        return ("unchanged" if self.snapshot(self.row) == self.before else "updated"), None

    def snapshot(self, row):
        return [getattr(row, field) for field in self.values] + [row.treatment_id]


def testimonial_links(importer, link_model):
    """`link_model` links (a treatment's, the home page's) to the testimonials the file lists
    under `testimonials` by id, in its order: testimonial files of the same import."""
    line = importer.source.line_of("testimonials")
    files = {
        other.key.casefold(): other
        for other in importer.run.importers
        if isinstance(other, TestimonialImporter)
    }
    links, seen = [], set()
    for key in importer.testimonial_ids:
        file = files.get(key.casefold())
        if file is None:
            raise importer.problem(
                f"`testimonials`: no testimonial file in this import has the id ‘{key}’ (its "
                "`id`, or else its file name without .md): import the testimonial files with it",
                line,
            )
        testimonial = file.record()
        if testimonial.pk in seen:
            importer.warn(f"the testimonial ‘{key}’ is listed twice; kept the first", line)
            continue
        seen.add(testimonial.pk)
        links.append(link_model(testimonial=testimonial))
    return in_order(links)


def is_number(value):
    """A number the front matter wrote in digits: not `true` (a bool is an int in Python),
    nor YAML's `.nan` or `.inf`, which cannot be sorted."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


def opening_time(value):
    """'09:00', or the minutes PyYAML reads from an unquoted 10:00, as a time."""
    if isinstance(value, bool):
        raise ValueError("a time, not true or false")
    if isinstance(value, int):
        return datetime.time(value // 60, value % 60)
    return datetime.datetime.strptime(str(value).strip(), "%H:%M").time()


def read_opening_hours(importer, key="opening_hours"):
    """[{days, opens, closes}] from a list of `{days, opens, closes}` entries (the clinic's
    and each location's), each checked where it is written."""
    codes = {code.lower(): code for code, _ in WEEKDAYS}
    codes.update({name.lower(): code for code, name in WEEKDAYS})
    entries = importer.get(key) or []
    if not isinstance(entries, list):
        raise importer.problem(f"`{key}` must be a list", key=key)
    rows = []
    for entry, line in zip(entries, importer.entry_lines(key, len(entries)), strict=True):
        try:
            days = [codes[str(day).strip().lower()] for day in entry["days"]]
            opens, closes = opening_time(entry["opens"]), opening_time(entry["closes"])
        except (KeyError, TypeError, ValueError):
            raise importer.problem(
                "each opening-hours entry needs `days` (e.g. [Mo, Tu]), `opens` and "
                '`closes` (e.g. "09:00")',
                line,
            ) from None
        if opens >= closes:
            raise importer.problem(
                f"opening hours: closes at {closes:%H:%M}, not after it opens ({opens:%H:%M})",
                line,
            )
        rows.append(
            {
                "days": days,
                "opens": opens.isoformat("minutes"),
                "closes": closes.isoformat("minutes"),
            }
        )
    return rows


# What a social link's `network` may say: the code or the name, any capitals.
NETWORK_CODES = {
    **{code: code for code, _ in NETWORKS},
    **{name.casefold(): code for code, name in NETWORKS},
    "twitter": "x",
}
SOCIAL_LINK_KEYS = {"network", "url", "label"}
SOCIAL_LABEL_LENGTH = SocialLinkBlock.base_blocks["label"].field.max_length


class ClinicImporter(Importer):
    """The clinic's details in Settings (and the site's name).

    Imported last: its `privacy_page` may be a page the same import makes. The logo, social
    links and privacy page change only when the file names them.
    """

    type_name = "clinic"
    rank = 100
    keys = {
        "phone",
        "email",
        "address",
        "booking_url",
        "booking_provider",
        "booking_widget_url",
        "currency",
        "opening_hours",
        "logo",
        "social_links",
        "privacy_page",
    }
    # Set only when the file names them, each checked against its choices where it is.
    choice_keys = ["booking_provider", "currency"]
    fields = [
        "name",
        "phone",
        "email",
        "address",
        "booking_url",
        "booking_provider",
        "booking_widget_url",
        "currency",
        "logo_id",
        "privacy_page_id",
    ]

    def prepare(self):
        super().prepare()
        self.hours = read_opening_hours(self)
        self.logo_path = self.image_path("logo")
        self.social_links = self.read_social_links()
        self.privacy_page = self.text("privacy_page")
        for key in self.choice_keys:
            if key in self.front_matter:
                choices = [code for code, _ in ClinicSettings._meta.get_field(key).choices]
                value = self.text(key)
                value = value.upper() if key == "currency" else value.casefold()
                if value not in choices:
                    raise self.problem(
                        f"`{key}` is ‘{self.text(key)}’; use one of {', '.join(choices)}", key=key
                    )
                setattr(self, key, value)
        if "booking_provider" in self.front_matter or "booking_widget_url" in self.front_matter:
            provider = getattr(self, "booking_provider", BookingProvider.LINK)
            problem = widget_address_problem(provider, self.text("booking_widget_url"))
            if problem:
                # A widget needs its address in the same file: name the line that lacks it.
                where = "booking_widget_url" if "booking_widget_url" in self.front_matter else None
                raise self.problem(problem, key=where or "booking_provider")
        if plain_text(self.source.nodes):
            self.warn("the body of a clinic file is not used")

    def read_social_links(self):
        """[{network, url, label}] from `social_links`, each entry checked where it is."""
        entries = self.get("social_links") or []
        if not isinstance(entries, list):
            raise self.problem(
                "`social_links` must be a list of `{network, url}` entries", key="social_links"
            )
        lines = self.entry_lines("social_links", len(entries))
        links = []
        for entry, line in zip(entries, lines, strict=True):
            if not isinstance(entry, dict):
                raise self.problem(
                    "each social link needs `network` (e.g. Instagram) and `url`", line
                )
            for key in entry:
                if key not in SOCIAL_LINK_KEYS:
                    self.warn(f"unknown key ‘{key}’ in a social link (ignored)", line)
            network = NETWORK_CODES.get(str(entry.get("network") or "").strip().casefold())
            if network is None:
                names = ", ".join(name for _, name in NETWORKS)
                raise self.problem(
                    f"social link: `network` is ‘{entry.get('network')}’; use one of {names}",
                    line,
                )
            url = str(entry.get("url") or "").strip()
            try:
                validate_web_url(url)
            except ValidationError:
                raise self.problem(
                    f"social link: `url` must be a web address starting with https://, not ‘{url}’",
                    line,
                ) from None
            label = str(entry.get("label") or "").strip()
            if len(label) > SOCIAL_LABEL_LENGTH:
                raise self.problem(
                    f"social link: `label` is {len(label)} characters long; the most is "
                    f"{SOCIAL_LABEL_LENGTH}",
                    line,
                )
            if network == "other" and not label:
                raise self.problem(
                    "social link: a network of Other needs `label`, its name, e.g. Threads", line
                )
            links.append({"network": network, "url": url, "label": label})
        return links

    def privacy(self):
        """The page `privacy_page` names: an address (/privacy/) or a slug, of a page this
        import made or one the site has."""
        value = self.privacy_page
        if value.startswith("/"):
            page = self.run.page_at(value)
            if page is None:
                raise self.problem(
                    f"`privacy_page`: there is no page at {value}", key="privacy_page"
                )
            return page
        made = [
            other
            for other in self.run.importers
            if isinstance(other, PageImporter) and getattr(other, "slug", None) == value
        ]
        if len(made) == 1 and made[0].expected_url():
            return self.run.page_at(made[0].expected_url())
        pages = list(Page.objects.descendant_of(self.run.site.root_page).filter(slug=value)[:2])
        if len(made) > 1 or len(pages) > 1:
            raise self.problem(
                f"`privacy_page`: more than one page has the slug ‘{value}’: give its address "
                "instead, e.g. /about/privacy/",
                key="privacy_page",
            )
        if not pages:
            raise self.problem(
                f"`privacy_page`: no page of this import or of the site has the slug ‘{value}’",
                key="privacy_page",
            )
        return pages[0]

    def save(self):
        site = self.run.site
        clinic = ClinicSettings.for_site(site)
        before = self.snapshot(clinic)
        clinic.name = self.title
        for key in ("phone", "email", "address", "booking_url"):
            setattr(clinic, key, self.text(key))
        for key in self.choice_keys:
            if key in self.front_matter:
                setattr(clinic, key, getattr(self, key))
        if "booking_widget_url" in self.front_matter:
            clinic.booking_widget_url = self.text("booking_widget_url")
        clinic.opening_hours = [{"type": "hours", "value": value} for value in self.hours]
        if "logo" in self.front_matter:
            clinic.logo = (
                self.run.image(
                    self, self.logo_path, f"{self.title} logo", self.source.line_of("logo")
                )
                if self.logo_path
                else None
            )
        if "social_links" in self.front_matter:
            clinic.social_links = [{"type": "link", "value": link} for link in self.social_links]
        if "privacy_page" in self.front_matter:
            clinic.privacy_page = self.privacy() if self.privacy_page else None
        if self.snapshot(clinic) == before and site.site_name == self.title:
            return "unchanged", None
        try:
            clinic.full_clean(exclude=["site"])
            for name in ("opening_hours", "social_links"):
                ClinicSettings._meta.get_field(name).stream_block.clean(getattr(clinic, name))
        except ValidationError as error:
            raise self.problem("; ".join(error.messages)) from None
        clinic.save()
        if site.site_name != self.title:
            site.site_name = self.title
            site.save(update_fields=["site_name"])
        return "updated", None

    def snapshot(self, clinic):
        values = [getattr(clinic, key) for key in self.fields]
        streams = [
            canonical_stream(ClinicSettings._meta.get_field(name), getattr(clinic, name))
            for name in ("opening_hours", "social_links")
        ]
        return json.dumps([values, streams], cls=DjangoJSONEncoder)


def link_target(source_path, href):
    """The file a relative Markdown link points at, or None for other links."""
    target, _, anchor = unquote(href).partition("#")
    if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("/") or not target:
        return None, anchor
    if PurePosixPath(target).suffix.lower() not in (".md", ".markdown"):
        return None, anchor
    return (Path(source_path).parent / target).resolve(), anchor
