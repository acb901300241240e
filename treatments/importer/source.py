"""Reading one Markdown file: its bytes, front matter and body, or a clear problem."""

from dataclasses import dataclass
from pathlib import Path

import yaml

from . import markdown

MARKDOWN_SUFFIXES = (".md", ".markdown")


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
    """A Markdown file split into front matter (with each key's line) and body blocks."""

    def __init__(self, path, front_matter, key_lines, body, body_first_line):
        self.path = path
        self.front_matter = front_matter
        self.key_lines = key_lines
        self.nodes = markdown.parse(body, body_first_line)

    def line_of(self, key):
        return self.key_lines.get(key, 1)

    def problem(self, message, line=None, key=None):
        return Problem(self.path, message, line if line is not None else self.key_lines.get(key))

    @classmethod
    def read(cls, path):
        path = Path(path)
        if path.suffix.lower() not in MARKDOWN_SUFFIXES:
            raise Problem(path, "not a Markdown file: expected a .md or .markdown file")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise Problem(path, f"cannot read the file: {error.strerror}") from None
        if b"\x00" in data:
            raise Problem(path, "not a Markdown file: it contains binary data")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise Problem(
                path, f"not UTF-8 text (byte {error.start}); save the file as UTF-8", line
            ) from None
        lines = text.splitlines(keepends=True)
        if not lines or lines[0].strip() != "---":
            raise Problem(
                path, "no front matter: the file must start with a line of three dashes (---)", 1
            )
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is None:
            raise Problem(
                path, "the front matter is not closed: add a line of three dashes (---) after it", 1
            )
        yaml_text = "".join(lines[1:end])
        node = None
        try:
            node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
            front_matter = yaml.safe_load(yaml_text)
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
            raise Problem(
                path, "the front matter is empty: it needs at least a type and a title", 1
            )
        if not isinstance(front_matter, dict):
            raise Problem(path, "the front matter must be a list of `key: value` lines", 2)
        key_lines = {
            str(key.value): key.start_mark.line + 2
            for key, _ in node.value
            if hasattr(key, "value")
        }
        front_matter = {str(key): value for key, value in front_matter.items()}
        return cls(path, front_matter, key_lines, "".join(lines[end + 1 :]), end + 2)


def bad_value_line(node):
    """The line of the first date that does not exist, such as 2026-13-45."""
    for key, value in getattr(node, "value", None) or []:
        if getattr(value, "tag", "").endswith(":timestamp"):
            try:
                yaml.safe_load(value.value)
            except ValueError:
                return key.start_mark.line + 2
    return None
