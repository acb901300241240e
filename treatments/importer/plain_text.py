"""Plain text copied from a web page, made into Markdown that keeps each line's number.

Such text has no markup: a title line, section titles on lines of their own, bullets
(`•`, `-`, …) and numbered items, one paragraph per line. `to_markdown` recognises these
and writes the Markdown the rest of the importer reads, escaping everything else so the
words stay as written (a `*` or `_` in the text is a `*` or `_` on the page).
"""

import re
import string
from dataclasses import dataclass, field

# A title or section title is a short line…
MAX_HEADING_LENGTH = 90
# …that does not end like a sentence or a clause.
NOT_HEADING_ENDINGS = (".", ",", ";", ":", "!", "…")

BULLET = re.compile(r"^\s*[•·\-*–▪◦‣●■►➢✓✔]\s+(?P<text>\S.*)$")
NUMBERED = re.compile(r"^\s*(?P<number>[0-9]{1,3})[.)]\s+(?P<text>\S.*)$")
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def escape(text):
    """Text that Markdown shows exactly as written."""
    return _PUNCTUATION.sub(r"\\\1", text.strip())


@dataclass
class Converted:
    """Markdown text, the original line of each of its lines, and what reading noticed."""

    text: str
    line_map: list
    title: str | None = None
    title_line: int | None = None
    warnings: list = field(default_factory=list)  # (message, line)


def is_item(line):
    return bool(BULLET.match(line) or NUMBERED.match(line))


def looks_like_heading(line):
    words = line.strip()
    return (
        0 < len(words) <= MAX_HEADING_LENGTH
        and not words.endswith(NOT_HEADING_ENDINGS)
        and any(char.isalpha() for char in words)
        and not is_item(line)
    )


def hard_wrapped(lines):
    """Text wrapped at a fixed width (an e-mail, a README): its paragraphs span lines.

    Text copied from a web page has one paragraph per line, and its lines are long."""
    longest = max((len(line.rstrip()) for line in lines), default=0)
    runs = sum(
        1
        for before, line in zip(["", *lines], lines, strict=False)
        if line.strip()
        and before.strip()
        and line.strip() != before.strip()
        and not is_item(line)
        and not is_item(before)
    )
    return longest <= 100 and runs > 0


def to_markdown(text, first_line=1):
    """Plain `text` (whose first line is line `first_line` of its file) as Markdown."""
    lines = text.split("\n")
    wrapped = hard_wrapped(lines)
    out, line_map, warnings = [], [], []
    title = title_line = None

    def emit(markdown, number):
        out.append(markdown)
        line_map.append(number)

    def followed_by_text(index):
        """Whether a line has text after it, directly or after one blank line."""
        following = [line.strip() for line in lines[index + 1 : index + 3]]
        if following and following[0]:
            return "directly"
        if len(following) == 2 and following[1]:
            return "after a blank line"
        return None

    first_text = next((i for i, line in enumerate(lines) if line.strip()), None)
    last = None  # the kind of the last line written: "bullet", "ordered", "text" or "heading"
    gap = True  # whether a blank line came since then
    for index, raw in enumerate(lines):
        number = first_line + index
        line = raw.strip()
        if not line:
            gap = True
            continue
        before = lines[index - 1].strip() if index else ""
        if before and line == before:
            warnings.append(
                (
                    "this line repeats the line before it (a caption copied twice?): left it out",
                    number,
                )
            )
            continue
        bullet, numbered = BULLET.match(raw), NUMBERED.match(raw)
        after = followed_by_text(index)
        # In wrapped text a paragraph's first line is followed directly by its second.
        heading_like = looks_like_heading(raw) and (
            after == "after a blank line" or (after and not wrapped)
        )
        if bullet or numbered:
            kind = "bullet" if bullet else "ordered"
        elif index == first_text and heading_like:
            kind = "title"
        elif heading_like and not before:
            kind = "heading"
        else:
            kind = "text"
        # Lines of one list stay together, and so do the lines of a wrapped paragraph;
        # anything else is a block of its own, so that no line runs on into a list item.
        joined = (kind == last and kind in ("bullet", "ordered")) or (
            kind == last == "text" and wrapped and not gap
        )
        if out and not joined:
            emit("", number)
        if kind == "bullet":
            emit(f"- {escape(bullet['text'])}", number)
        elif kind == "ordered":
            emit(f"{numbered['number']}. {escape(numbered['text'])}", number)
        elif kind == "title":
            title, title_line = line, number
            emit(f"# {escape(line)}", number)
        elif kind == "heading":
            emit(f"## {escape(line)}", number)
        else:
            emit(escape(line), number)
        last, gap = kind, False
    line_map.append(first_line + len(lines))
    return Converted("\n".join(out) + "\n", line_map, title, title_line, warnings)
