"""The "Import pages" screen's form: files or pasted text, what they become and where they go.

The choices come from `views.choices_for(user)`: only the page types and parent pages the
user may add pages to. Uploads are checked here (type, size, text) so that a mistake shows
next to the field, by file name, with nothing imported; what is inside each file is then
the import engine's to check, as for `manage.py import_content`.
"""

import re
from dataclasses import dataclass
from pathlib import PurePath

from django import forms

from .limits import MAX_HTML_BYTES, MAX_TEXT_BYTES, megabytes

# What the screen reads: the engine's formats (a .txt is plain text or Markdown).
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MAX_FILES = 50
# The pasted text's file name in the import folder, and in problems ("pasted-text.txt:3: …").
PASTED_NAME = "pasted-text.txt"


def max_size(name):
    """The most a file may hold: the engine's limit for its format."""
    return MAX_HTML_BYTES if name.lower().endswith(HTML_SUFFIXES) else MAX_TEXT_BYTES


@dataclass(frozen=True)
class Upload:
    """One file of the import: its name in the import folder and its bytes."""

    name: str
    data: bytes


def file_problem(name, data, shown_name=None):
    """Why `data` cannot be imported as a file called `name`, or None."""
    shown = shown_name or f"“{name}”"
    if not name.lower().endswith(SUFFIXES):
        return (
            f"{shown} is not a file this screen can read: choose a text (.txt), Markdown "
            "(.md, .markdown) or web page (.html, .htm) file. From Word, use File › Save as, "
            "then “Plain text”."
        )
    if len(data) > max_size(name):
        return (
            f"{shown} is over {megabytes(max_size(name))}, the most a file may be. Split it "
            "into smaller pages."
        )
    if not data.strip():
        return f"{shown} is empty: there is nothing to import."
    if b"\x00" in data:
        return f"{shown} is not a text file. Save it as plain text (.txt) and try again."
    if name.lower().endswith(TEXT_SUFFIXES):  # a web page names its own character set
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return (
                f"{shown} is not saved as UTF-8 text, so its accents and symbols would be "
                "lost. Save it again choosing the UTF-8 encoding (in Word: “Plain text”, "
                "then “Unicode (UTF-8)”)."
            )
    return None


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one `<input type="file" multiple>`; the form checks each."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(SUFFIXES)}))
        kwargs.setdefault("allow_empty_file", True)  # said by name, in ImportForm.clean_files
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="Files",
        required=False,
        help_text=(
            "Text (.txt), Markdown (.md) or web pages saved from a browser (.html), up to "
            f"{megabytes(MAX_TEXT_BYTES)} each (web pages up to {megabytes(MAX_HTML_BYTES)}). "
            "Each file becomes one page; you can choose several at once."
        ),
    )
    text = forms.CharField(
        label="Or paste the text of one page",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=(
            "Put the page's title on the first line. Give each section a heading on a line of "
            "its own, such as “What to expect” or “Aftercare”, with its text, numbered steps "
            "or bullet points below it."
        ),
    )
    kind = forms.ChoiceField(label="What they become", widget=forms.RadioSelect)
    parent = forms.ChoiceField(
        label="Where they go",
        required=False,
        help_text="The list of pages on the site that the new pages are added to.",
    )
    title = forms.CharField(
        label="Title (optional)",
        required=False,
        max_length=255,
        help_text=(
            "Only used when the text has no title line of its own. Leave it empty when "
            "importing several files: each page needs its own title."
        ),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        kind = self.fields["kind"]
        kind.choices = [(name, choice.label) for name, choice in choices.items()]
        kind.initial = next(iter(choices), None)
        usual = "; ".join(
            f"{choice.parents[0].title} for a {choice.label.lower()}" for choice in choices.values()
        )
        self.fields["parent"].choices = [("", f"The usual place ({usual})")] + [
            (
                f"For a {choice.label.lower()}",
                [(str(page.pk), page.choice_label) for page in choice.parents],
            )
            for choice in choices.values()
        ]

    # --- Checks -----------------------------------------------------------------------

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                f"That is {len(files)} files: import at most {MAX_FILES} at a time."
            )
        uploads, errors = [], []
        for file in files:
            name = PurePath(file.name or "").name or "file"
            if file.size > max_size(name) and name.lower().endswith(SUFFIXES):
                data = b"\0" * (max_size(name) + 1)  # not read: only its size matters
            else:
                data = file.read(max_size(name) + 1)
            problem = file_problem(name, data)
            if problem:
                errors.append(problem)
            else:
                uploads.append(Upload(name, data))
        if errors:
            raise forms.ValidationError(errors)
        return uploads

    def clean_text(self):
        text = self.cleaned_data.get("text") or ""
        if not text.strip():
            return ""
        problem = file_problem(PASTED_NAME, text.encode("utf-8"), shown_name="The pasted text")
        if problem:
            raise forms.ValidationError(problem)
        return text

    def clean(self):
        data = super().clean()
        if "files" in data and "text" in data and not data["files"] and not data["text"]:
            self.add_error(
                None,
                forms.ValidationError(
                    "Choose a file to upload or paste some text: there is nothing to import yet.",
                    code="empty",
                ),
            )
        choice = self.choices.get(data.get("kind"))
        if choice is not None and "parent" in data:
            if not data["parent"]:
                data["parent"] = choice.parents[0]
            else:
                parent = next((p for p in choice.parents if str(p.pk) == data["parent"]), None)
                if parent is None:
                    self.add_error(
                        "parent",
                        f"A {choice.label.lower()} cannot go there. Choose "
                        + " or ".join(f"“{page.title}”" for page in choice.parents)
                        + ", or “The usual place”.",
                    )
                data["parent"] = parent
        return data

    def uploads(self):
        """The files and the pasted text, each with a name of its own (the pasted text last)."""
        uploads = list(self.cleaned_data["files"])
        if self.cleaned_data["text"]:
            uploads.append(Upload(PASTED_NAME, self.cleaned_data["text"].encode("utf-8")))
        return unique_names(uploads)


def safe_name(name):
    """A file name for the import folder: letters, digits, dots, dashes and underscores."""
    path = PurePath(PurePath(name).name)
    stem = re.sub(r"[^\w.-]+", "-", path.stem).strip("-.") or "file"
    return f"{stem[:100]}{path.suffix.lower()}"


def unique_names(uploads):
    """The uploads with safe file names, a number added to a name already taken."""
    taken, named = set(), []
    for upload in uploads:
        name = safe_name(upload.name)
        stem, suffix = PurePath(name).stem, PurePath(name).suffix
        number = 1
        while name.lower() in taken:
            number += 1
            name = f"{stem}-{number}{suffix}"
        taken.add(name.lower())
        named.append(Upload(name, upload.data))
    return named
