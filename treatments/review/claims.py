"""The claims check: risky wording in a page's text, and who may publish it.

Site managers list the phrases under Settings › Claims check (`ClaimsCheckSettings`).
A page is scanned as its editor sees it in the admin: every text field of its panels
(title, summary, intro, promote fields, inline items such as a treatment's condition
notes) and every StreamField block at any depth. Each finding names the phrase and a
location the editor recognises, e.g. "What to expect › Step 2 “Treatment” › Description".

Matching is by whole word and ignores capitals: "cure" finds "Cure" but not "secure",
"curettage" or "cures" (list "cures" as well), and "permanent" does not find
"permanently". Spaces, hyphens and dashes inside a phrase are interchangeable, so
"risk-free" also finds "risk free" and "risk–free".

Pages with findings can only be published by users with
`treatments.publish_clinical_content` (the admin form in `ClinicPageForm`, the hooks in
wagtail_hooks.py and `claims_workflow` enforce this; docs/claims-check.md lists every
publishing route).
"""

import re
from collections import Counter, namedtuple

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, capfirst
from wagtail import blocks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, PanelGroup
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Task
from wagtail.rich_text import RichText, get_text_for_indexing

from .models import ClaimsCheckSettings
from .permissions import can_publish_clinical_content

# What an editor may type between the words of a phrase: spaces (also non-breaking),
# hyphens, the Unicode hyphens and the en and em dashes.
_JOINERS = r"[\s\-\u2010\u2011\u2013\u2014]+"

Finding = namedtuple("Finding", "phrase where")


def risky_phrases():
    """The phrases from Settings › Claims check; an empty list turns the check off."""
    return ClaimsCheckSettings.load().phrases


def phrase_pattern(phrase):
    words = [
        re.sub(r"['’]", "['’]", re.escape(word))  # won't = won’t
        for word in re.split(_JOINERS, phrase.strip())
        if word
    ]
    return re.compile(r"(?<!\w)" + _JOINERS.join(words) + r"(?!\w)", re.IGNORECASE)


def find_phrases(texts, phrases):
    """A `Finding` per phrase per location, in reading order, from (where, text) pairs."""
    # A line of only punctuation ("-") would match everywhere: it is no phrase.
    patterns = [(phrase, phrase_pattern(phrase)) for phrase in phrases if re.search(r"\w", phrase)]
    findings = []
    for where, text in texts:
        for phrase, pattern in patterns:
            finding = Finding(phrase, where)
            if text and pattern.search(text) and finding not in findings:
                findings.append(finding)
    return findings


def page_findings(page, phrases=None):
    """Findings in a page object, e.g. a revision's content (`revision.as_object()`), or in
    a snippet edited with panels (e.g. a result case's caption and alt texts)."""
    phrases = risky_phrases() if phrases is None else phrases
    if not phrases:
        return []
    return find_phrases(_panel_texts(type(page), _ObjectValues(page)), phrases)


def form_findings(form, phrases=None):
    """Findings in what an editor submitted in a page's admin form (after cleaning)."""
    phrases = risky_phrases() if phrases is None else phrases
    if not phrases:
        return []
    return find_phrases(_panel_texts(form._meta.model, _FormValues(form)), phrases)


def describe(findings):
    """“cure” (Summary); “painless” (What to expect › Step 1 “Consultation” › Description)."""
    return "; ".join(f"“{finding.phrase}” ({finding.where})" for finding in findings)


def warn(request, page):
    """Show the page's findings as a Wagtail warning message, if it has any."""
    findings = page_findings(page)
    if not findings:
        return
    if can_publish_clinical_content(request.user):
        advice = "Check that each claim is accurate before the page goes live."
    else:
        advice = (
            "Only a clinical reviewer can publish the page while this wording is there: "
            "change it, or submit the page for review."
        )
    messages.warning(
        request,
        format_html(
            "The claims check found risky wording: <ul>{}</ul>{}",
            format_html_join("", "<li>“{}” in {}</li>", findings),
            advice,
        ),
    )


# --- Enforcement in the admin form (ClinicPageForm.check_claims) ---------------------


def publish_error(form):
    """A ValidationError when the form's action would publish flagged wording for a user
    who may not, else None. Saving a draft and submitting for review are never stopped."""
    user = getattr(form, "for_user", None)
    if user is None or can_publish_clinical_content(user) or not _publishes(form):
        return None
    findings = form_findings(form)
    if not findings:
        return None
    return ValidationError(
        refusal(findings) + " Change the wording, or save a draft or submit the page for "
        "review: nothing has been published.",
        code="risky_claims",
    )


def _publishes(form):
    data = form.data
    if data.get("action-publish"):
        return True
    if data.get("action-workflow-action") and data.get("workflow-action-name") == "approve":
        return approval_publishes(form.instance)
    return False


def approval_publishes(page):
    """Whether approving the page's current task ends its workflow, which publishes it."""
    state = page.pk and page.current_workflow_state
    if not state or not state.current_task_state:
        return False
    return not (
        Task.objects.filter(workflow_tasks__workflow=state.workflow_id, active=True)
        .exclude(task_states__in=state.successful_task_states)
        .exclude(pk=state.current_task_state.task_id)
        .exists()
    )


# --- Other ways to publish (wagtail_hooks.py, claims_workflow.py) ---------------------


def refusal(findings):
    return (
        "Only a clinical reviewer can publish this page while it uses wording the claims "
        f"check flags: {describe(findings)}."
    )


def flagged_pages(pages, include_drafts_below=False):
    """(page, findings) for each page a bulk publish would put live with flagged wording:
    the pages' latest revisions, and those of the drafts below them if they go too."""
    phrases = risky_phrases()
    if not phrases:
        return []
    pages = list(pages)
    if include_drafts_below:
        pages += [draft for page in pages for draft in page.get_descendants().not_live()]
    flagged = []
    for page in pages:
        findings = page_findings(page.specific.get_latest_revision_as_object(), phrases)
        if findings:
            flagged.append((page, findings))
    return flagged


# --- Reading the text of a page, panel by panel --------------------------------------


class _ObjectValues:
    """Field values and inline items of a page (or inline item) object."""

    def __init__(self, obj):
        self.obj = obj

    def get(self, name):
        return getattr(self.obj, name, None)

    def children(self, relation):
        return [_ObjectValues(child) for child in getattr(self.obj, relation).all()]


class _FormValues:
    """The same from a bound admin form: cleaned values, falling back to the instance for
    fields the user's form leaves out; inline items in the order the editor set."""

    def __init__(self, form):
        self.form = form

    def get(self, name):
        cleaned = getattr(self.form, "cleaned_data", {})
        return cleaned[name] if name in cleaned else getattr(self.form.instance, name, None)

    def children(self, relation):
        formset = getattr(self.form, "formsets", {}).get(relation)
        if formset is None:
            return _ObjectValues(self.form.instance).children(relation)
        if not formset.is_valid():  # its own errors stop the save; checked once fixed
            return []
        forms = formset.ordered_forms if formset.can_order else formset.forms
        return [_FormValues(form) for form in forms if not _deleted(formset, form)]


def _deleted(formset, form):
    return formset.can_delete and formset._should_delete_form(form)


def _edit_handler(model):
    """The panels editors fill in: a page type's, or a snippet's (its admin viewset's)."""
    if issubclass(model, Page):
        return model.get_edit_handler()
    viewset = getattr(model, "snippet_viewset", None)
    return viewset.get_edit_handler() if viewset else None


def _panel_texts(model, values):
    """(where, text) for each piece of editor-written text, in the order of the panels."""
    edit_handler = _edit_handler(model)
    if edit_handler is None:
        return []
    tabs = [child for child in edit_handler.children if isinstance(child, ObjectList)]
    texts = []
    for position, tab in enumerate(tabs or [edit_handler]):
        # The first tab (Content) goes without saying; "Promote › …" helps.
        prefix = [str(tab.heading)] if position and tab.heading else []
        # Name a StreamField in locations only when its tab has more than one.
        streams = sum(1 for _ in _stream_panels(tab, model))
        texts.extend(_texts_of_panel(tab, model, values, prefix, streams > 1))
    return texts


def _stream_panels(panel, model):
    if isinstance(panel, FieldPanel) and isinstance(_db_field(model, panel), StreamField):
        yield panel
    for child in getattr(panel, "children", []):
        yield from _stream_panels(child, model)


def _db_field(model, panel):
    try:
        return model._meta.get_field(panel.field_name)
    except FieldDoesNotExist:
        return None


def _texts_of_panel(panel, model, values, where, name_streams):
    if isinstance(panel, InlinePanel):
        items = values.children(panel.relation_name)
        child_panel = panel.child_edit_handler
        for number, item in enumerate(items, 1):
            item_where = [*where, str(panel.heading), f"{capfirst(panel.label)} {number}"]
            for child in child_panel.children:
                yield from _texts_of_panel(child, child_panel.model, item, item_where, name_streams)
    elif isinstance(panel, FieldPanel):
        field = _db_field(model, panel)
        heading = str(panel.heading or capfirst(field.verbose_name)) if field else ""
        value = values.get(panel.field_name) if field else None
        if value is None:
            return
        if isinstance(field, StreamField):
            stream_where = [*where, heading] if name_streams else where
            yield from _block_texts(field.stream_block, value, stream_where)
        elif isinstance(field, RichTextField):
            yield _location([*where, heading]), get_text_for_indexing(str(value))
        elif _is_plain_text(field):
            yield _location([*where, heading]), str(value)
    elif isinstance(panel, PanelGroup):
        if isinstance(panel, MultiFieldPanel) and panel.heading:
            where = [*where, str(panel.heading)]
        for child in panel.children:
            yield from _texts_of_panel(child, model, values, where, name_streams)


def _is_plain_text(field):
    # Slugs, web and email addresses and fixed choices are not wording an editor writes.
    return (
        isinstance(field, (models.CharField, models.TextField))
        and not isinstance(field, (models.SlugField, models.URLField, models.EmailField))
        and not field.choices
    )


def _location(parts):
    return " › ".join(part for part in parts if part)


# --- Reading the text of blocks ------------------------------------------------------

_TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RawHTMLBlock)


def _block_texts(block, value, where):
    if value is None:
        return
    if isinstance(block, blocks.StreamBlock):
        children = list(value)
        counts = Counter(child.block_type for child in children)
        seen = Counter()
        for child in children:
            seen[child.block_type] += 1
            number = seen[child.block_type] if counts[child.block_type] > 1 else None
            name = _block_name(child.block, child.value, number)
            yield from _block_texts(child.block, child.value, [*where, name])
    elif isinstance(block, blocks.ListBlock):
        for number, item in enumerate(value, 1):
            name = _block_name(block.child_block, item, number, fallback=block.label)
            yield from _block_texts(block.child_block, item, [*where, name])
    elif isinstance(block, blocks.StructBlock):
        # Some struct blocks (ImageBlock) hold a model instance rather than their fields.
        if isinstance(value, blocks.StructValue):
            for name, child in block.child_blocks.items():
                # A list's items carry its name ("Step 2"), so the list adds no level.
                child_where = (
                    where if isinstance(child, blocks.ListBlock) else [*where, child.label]
                )
                yield from _block_texts(child, value.get(name), child_where)
    elif isinstance(block, blocks.RichTextBlock):
        source = value.source if isinstance(value, RichText) else str(value)
        yield _location(where), get_text_for_indexing(source)
    elif isinstance(block, _TEXT_BLOCKS):
        text = str(value)
        yield (
            _location(where),
            get_text_for_indexing(text) if isinstance(block, blocks.RawHTMLBlock) else text,
        )


def _block_name(block, value, number=None, fallback=""):
    """'Step 2 “Treatment”', 'FAQ “Aftercare questions”', 'Text 3' or 'Caution 1'."""
    label = str(block.label or fallback)
    name = f"{label} {number}" if number else label
    title = _block_title(block, value)
    if title and title.casefold() != label.casefold():
        name = f"{name} “{Truncator(title).chars(40)}”"
    return name


def _block_title(block, value):
    """What tells a struct block apart: its heading, else its first short text."""
    if not isinstance(block, blocks.StructBlock) or not isinstance(value, blocks.StructValue):
        return ""
    names = [
        name for name, child in block.child_blocks.items() if isinstance(child, blocks.CharBlock)
    ]
    if "heading" in names:
        names.remove("heading")
        names.insert(0, "heading")
    return next((str(value[name]).strip() for name in names if value.get(name)), "")
