"""Reading one file: its bytes, front matter and body blocks, or a clear problem.

Three formats, told apart by the file's suffix and, for `.txt`, its content:

- Markdown (`.md`, `.markdown`, and `.txt` that starts with front matter or uses Markdown
  headings, fences or links), with optional YAML (`---`) or TOML (`+++`) front matter;
- plain text (other `.txt`), such as words copied from a web page (plain_text.py);
- a saved web page (`.html`, `.htm`): its main text only (html_page.py).

Every format becomes the same tree of blocks (markdown.py), each with its line in the file.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import html_page, limits, markdown, plain_text

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
# Every file the importer reads; folders are searched for these.
SUFFIXES = MARKDOWN_SUFFIXES + TEXT_SUFFIXES + HTML_SUFFIXES

# Text that is clearly Markdown: `#` headings, code fences, links and images, bold words.
MARKDOWN_SIGNS = re.compile(
    r"^(?:#{1,6}[ \t]+\S|```|~~~)|!?\[[^\]\n]+\]\([^)\s]+\)|\*\*\S[^*\n]*\*\*", re.MULTILINE
)
# "Facial massage is a treatment that…": a page that names its subject in its first words.
DEFINING_SENTENCE = re.compile(
    r"^(?P<name>[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,3}?)\s+is\s+(?:a|an|when)\s", re.UNICODE
)
NOT_A_NAME = set(
    "a an the it this that these those there here what which who he she they we you one "
    "anyone everyone someone everybody somebody anything everything something nothing our "
    "your my their his her its each every all some any such".split()
)
FILE_NAME_WORDS = re.compile(r"[^\W\d_]+(?:[-_ ][^\W\d_]+)*")
NOT_A_TITLE = {"index", "page", "post", "article", "content", "untitled", "document", "text"}


@dataclass
class Problem(Exception):
    """Why a file cannot be imported, printed as `file:line: message`."""

    path: Path
    message: str
    line: int | None = None

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


class Source:
    """A file split into front matter (with each key's line) and body blocks.

    `format` is "markdown", "text" or "html"; `warnings` are (message, line or None) pairs
    that reading gave, such as a repeated line left out; `title_line` is the title the body
    gives (a plain-text title line, a web page's <h1>) and its line, if any.
    """

    def __init__(
        self,
        path,
        front_matter,
        key_lines,
        body,
        body_first_line,
        *,
        line_map=None,
        format="markdown",
        has_front_matter=True,
        title_line=None,
        warnings=(),
    ):
        self.path = path
        self.front_matter = front_matter
        self.key_lines = key_lines
        self.format = format
        self.has_front_matter = has_front_matter
        self.title_line = title_line
        self.warnings = list(warnings)
        try:
            self.nodes = markdown.parse(body, body_first_line, line_map=line_map)
        except markdown.TooDeep as error:
            raise Problem(
                path,
                f"lists and quotes are nested more than {error.depth} deep here: the importer "
                "reads no deeper (flatten the list)",
                error.line,
            ) from None

    def line_of(self, key):
        return self.key_lines.get(key, 1)

    def problem(self, message, line=None, key=None):
        return Problem(self.path, message, line if line is not None else self.key_lines.get(key))

    # --- The title when the front matter has none -----------------------------

    def found_title(self):
        """(title, line, warning or None) from the body or the file name, or None.

        The title line (or <h1>) of the body, or a first `#` heading, is taken as it is.
        Files without front matter that have neither are guessed from a sentence defining
        the subject ("Facial massage is a…") or a file name made of words, with a warning.
        """
        if self.title_line:
            return (*self.title_line, None)
        first = next((node for node in self.nodes if isinstance(node, markdown.Heading)), None)
        if first is not None and first.level == 1 and first.text:
            return first.text, first.line, None
        if self.format == "markdown" and self.has_front_matter:
            return None
        found = self.defining_sentence()
        if found:
            title, line = found
            return (
                title,
                line,
                f"no title line: took the title “{title}” from line {line}; check it",
            )
        words = FILE_NAME_WORDS.fullmatch(self.path.stem)
        if words and self.path.stem.lower() not in NOT_A_TITLE:
            title = re.sub(r"[-_ ]+", " ", self.path.stem).strip()
            title = title[0].upper() + title[1:]
            return title, 1, f"no title line: took the title “{title}” from the file name; check it"
        return None

    def defining_sentence(self):
        """(name, line) from "X is a/an/when …" in the paragraphs before the first heading."""
        paragraphs = []
        for node in self.nodes:
            if isinstance(node, markdown.Heading) or len(paragraphs) == 5:
                break
            if isinstance(node, markdown.Paragraph):
                paragraphs.append(node)
        for paragraph in paragraphs:
            for sentence in re.split(r"(?<=[.!?])\s+", paragraph.text):
                match = DEFINING_SENTENCE.match(sentence)
                if match and match["name"].split()[0].casefold() not in NOT_A_NAME:
                    return match["name"], paragraph.line
        return None

    # --- Reading ----------------------------------------------------------------

    @classmethod
    def read(cls, path):
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in SUFFIXES:
            raise Problem(
                path,
                "not a file the importer reads: expected Markdown (.md, .markdown), "
                "text (.txt) or a saved web page (.html, .htm)",
            )
        kind = (
            "web page"
            if suffix in HTML_SUFFIXES
            else "Markdown"
            if suffix in MARKDOWN_SUFFIXES
            else "text"
        )
        data = read_bytes(path, suffix in HTML_SUFFIXES)
        if b"\x00" in data:
            raise Problem(path, f"not a {kind} file: it contains binary data")
        if suffix in HTML_SUFFIXES:
            return cls.from_html(path, decode_html(path, data))
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise Problem(
                path, f"not UTF-8 text (byte {error.start}); save the file as UTF-8", line
            ) from None
        lines = text.splitlines(keepends=True)
        opener = lines[0].strip() if lines else ""
        if opener in ("---", "+++"):
            end = next((i for i in range(1, len(lines)) if closes(lines[i], opener)), None)
            if end is None:
                raise Problem(
                    path,
                    f"the front matter is not closed: add a line of three {name(opener)} "
                    f"({opener}) after it",
                    1,
                )
            inside = "".join(lines[1:end])
            if opener == "---":
                front_matter, key_lines = read_yaml(path, inside)
            else:
                front_matter, key_lines = read_toml(path, inside)
            body, first_line, has_front_matter = "".join(lines[end + 1 :]), end + 2, True
        else:
            front_matter, key_lines = {}, {}
            body, first_line, has_front_matter = text, 1, False
        if suffix in TEXT_SUFFIXES and not has_front_matter and not MARKDOWN_SIGNS.search(body):
            converted = plain_text.to_markdown(body, first_line)
            return cls(
                path,
                front_matter,
                key_lines,
                converted.text,
                first_line,
                line_map=converted.line_map,
                format="text",
                has_front_matter=has_front_matter,
                title_line=(converted.title, converted.title_line) if converted.title else None,
                warnings=converted.warnings,
            )
        return cls(
            path, front_matter, key_lines, body, first_line, has_front_matter=has_front_matter
        )

    @classmethod
    def from_html(cls, path, text):
        try:
            converted = html_page.to_markdown(text)
        except html_page.NoMainText as error:
            raise Problem(path, str(error), 1) from None
        return cls(
            path,
            {},
            {},
            converted.text,
            1,
            line_map=converted.line_map,
            format="html",
            has_front_matter=False,
            title_line=(converted.title, converted.title_line) if converted.title else None,
        )


def name(opener):
    return "dashes" if opener == "---" else "plus signs"


def closes(line, opener):
    return line.strip() == opener or (opener == "---" and line.strip() == "...")


def read_bytes(path, html):
    limit = limits.MAX_HTML_BYTES if html else limits.MAX_TEXT_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise Problem(
                path,
                f"the file is {limits.megabytes(size)}; the importer reads files of up to "
                f"{limits.megabytes(limit)} (split it into smaller pages)",
                1,
            )
        with path.open("rb") as file:
            data = file.read(limit + 1)  # a file that grew since: still no more than this
    except OSError as error:
        raise Problem(path, f"cannot read the file: {error.strerror}") from None
    if len(data) > limit:
        raise Problem(path, f"the file is over {limits.megabytes(limit)}", 1)
    return data


CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def decode_html(path, data):
    """A web page's text, in the character set its <meta> tag names (UTF-8 if none)."""
    declared = CHARSET.search(data[:4096])
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except LookupError:
        raise Problem(path, f"the page's character set ‘{encoding}’ is unknown", 1) from None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise Problem(
            path, f"not {encoding} text (byte {error.start}), as the page says it is", line
        ) from None


def read_yaml(path, text):
    """(front matter, the line of each key) from the YAML between the --- lines."""
    deep = limits.yaml_depth_line(text, 2)
    if deep:
        raise too_deep(path, deep)
    node = None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        front_matter = yaml.safe_load(text)
    except RecursionError:
        raise too_deep(path, 2) from None
    except ValueError as error:  # e.g. a date such as 2026-13-45
        raise Problem(
            path, f"the front matter has an invalid value: {error}", bad_value_line(node)
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        line = mark.line + 2 if mark else 1
        raise Problem(path, f"the front matter is not valid YAML: {reason}", line) from None
    if front_matter is None:
        return {}, {}
    if not isinstance(front_matter, dict):
        raise Problem(path, "the front matter must be a list of `key: value` lines", 2)
    key_lines = {
        str(key.value): key.start_mark.line + 2 for key, _ in node.value if hasattr(key, "value")
    }
    front_matter = {str(key): value for key, value in front_matter.items()}
    check_depth(path, front_matter, key_lines)
    return front_matter, key_lines


TOML_KEY = re.compile(r"""^\s*(?:\[\[?\s*)?("[^"]*"|'[^']*'|[\w-]+)""")
TOML_ERROR_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")


def read_toml(path, text):
    """(front matter, the line of each key) from the TOML between the +++ lines (Hugo)."""
    deep = limits.toml_depth_line(text, 2)
    if deep:
        raise too_deep(path, deep)
    try:
        front_matter = tomllib.loads(text)
    except RecursionError:
        raise too_deep(path, 2) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = TOML_ERROR_LINE.search(message)
        line = int(found.group(1)) + 1 if found else 1
        reason = TOML_ERROR_LINE.sub("", message)
        raise Problem(path, f"the front matter is not valid TOML: {reason}", line) from None
    key_lines = {}
    in_table = False
    for number, line in enumerate(text.splitlines(), 2):
        stripped = line.strip()
        if stripped.startswith("["):
            match = TOML_KEY.match(stripped)
            if match:
                key_lines.setdefault(match.group(1).strip("\"'"), number)
            in_table = True
        elif not in_table and "=" in stripped and not stripped.startswith("#"):
            match = TOML_KEY.match(stripped)
            if match:
                key_lines.setdefault(match.group(1).strip("\"'"), number)
    check_depth(path, front_matter, key_lines)
    return front_matter, key_lines


def check_depth(path, front_matter, key_lines):
    total = 0
    for key, value in front_matter.items():
        if limits.data_depth(value) >= limits.MAX_FRONT_MATTER_DEPTH:
            raise too_deep(path, key_lines.get(key, 2))
        total += limits.expanded_size(value)
        if total > limits.MAX_FRONT_MATTER_VALUES:
            raise Problem(
                path,
                f"the front matter holds more than {limits.MAX_FRONT_MATTER_VALUES:,} values "
                "(counting each use of a YAML alias in full): the importer reads no more",
                key_lines.get(key, 2),
            )


def too_deep(path, line):
    return Problem(
        path,
        f"the front matter nests lists and mappings more than "
        f"{limits.MAX_FRONT_MATTER_DEPTH} deep: the importer reads no deeper",
        line,
    )


def bad_value_line(node):
    """The line of the first date that does not exist, such as 2026-13-45."""
    for key, value in getattr(node, "value", None) or []:
        if getattr(value, "tag", "").endswith(":timestamp"):
            try:
                yaml.safe_load(value.value)
            except ValueError:
                return key.start_mark.line + 2
    return None
