"""A treatment's `prices:` front matter as its price options (treatments/blocks/prices.py).

    prices:
      - name: Face and neck
        minutes: 75
        price: 220
        from: true
        courses:
          - sessions: 3
            spacing: 4 weeks apart
            price: 590

Every value is checked here, before anything is saved, and a bad one stops the import with
the line it is on: an amount below 0 or with more than two decimals, a length outside 5–600
minutes, a key the importer does not know.
"""

import re
from decimal import Decimal, InvalidOperation

import yaml

from ..blocks.prices import (
    COURSE_MAX_SESSIONS,
    COURSE_MIN_SESSIONS,
    DURATION_MAX_MINUTES,
    DURATION_MIN_MINUTES,
    CourseBlock,
    PriceOptionBlock,
)

OPTION_KEYS = {"name", "minutes", "duration", "price", "from", "courses"}
COURSE_KEYS = {"sessions", "spacing", "price"}
NAME_LENGTH = PriceOptionBlock.base_blocks["name"].field.max_length
SPACING_LENGTH = CourseBlock.base_blocks["spacing"].field.max_length
# The largest amount the price fields hold (8 digits, 2 after the point).
MAX_AMOUNT = Decimal("999999.99")
# "60", "60 min", "60 minutes" (digits 0-9 only: treatments/numbers.py).
MINUTES = re.compile(r"([0-9]{1,4})\s*(?:m|min|mins|minutes?)?\.?", re.IGNORECASE)
AMOUNT = re.compile(r"[0-9]{1,9}(?:\.[0-9]+)?")


class Lines:
    """The line of each entry and key under one front-matter key, read from the YAML; the
    key's own line for all of them where that cannot be read (TOML)."""

    def __init__(self, node, fallback):
        self.node = node
        self.fallback = fallback

    @classmethod
    def of(cls, source, key):
        fallback = source.line_of(key)
        try:
            text = source.path.read_text("utf-8-sig")
            lines = text.splitlines(keepends=True)
            if not lines or lines[0].strip() != "---":
                return cls(None, fallback)
            end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
            root = yaml.compose("".join(lines[1:end]), Loader=yaml.SafeLoader)
            node = next(v for k, v in root.value if getattr(k, "value", None) == key)
        except (OSError, StopIteration, UnicodeError, yaml.YAMLError, AttributeError):
            return cls(None, fallback)
        return cls(node, fallback)

    @property
    def line(self):
        # The composed text starts after the opening --- (line 1); marks count from 0.
        return self.node.start_mark.line + 2 if self.node is not None else self.fallback

    def item(self, position):
        node = self.node
        if isinstance(node, yaml.SequenceNode) and position < len(node.value):
            return Lines(node.value[position], self.line)
        return Lines(None, self.line)

    def key(self, name):
        if isinstance(self.node, yaml.MappingNode):
            for key, value in self.node.value:
                if getattr(key, "value", None) == name:
                    return Lines(value, key.start_mark.line + 2)
        return Lines(None, self.line)

    def key_line(self, name):
        if isinstance(self.node, yaml.MappingNode):
            for key, _ in self.node.value:
                if getattr(key, "value", None) == name:
                    return key.start_mark.line + 2
        return self.line


def read_prices(importer):
    """The `prices` list as a `prices` StreamField's raw value; Problem on a bad value."""
    entries = importer.get("prices")
    if entries in (None, ""):
        return []
    if not isinstance(entries, list):
        raise importer.problem(
            "`prices` must be a list of options, each with `name` and `price`", key="prices"
        )
    where = Lines.of(importer.source, "prices")
    return [
        {"type": "option", "value": read_option(importer, entry, where.item(position))}
        for position, entry in enumerate(entries)
    ]


def read_option(importer, entry, where):
    if not isinstance(entry, dict):
        raise importer.problem(
            "each entry of `prices` needs `name` and `price`, e.g. `- name: Full face`",
            where.line,
        )
    check_keys(importer, entry, OPTION_KEYS, "a price", where)
    name = str(entry.get("name") or "").strip()
    if not name:
        raise importer.problem("a price needs `name`, e.g. Full face", where.line)
    if len(name) > NAME_LENGTH:
        raise importer.problem(
            f"the price name “{name}” is {len(name)} characters long; the most is {NAME_LENGTH}",
            where.key_line("name"),
        )
    if "minutes" in entry and "duration" in entry:
        raise importer.problem("give `minutes` or `duration`, not both", where.key_line("duration"))
    length_key = "minutes" if "minutes" in entry else "duration"
    minutes = read_minutes(importer, entry.get(length_key), where.key_line(length_key))
    is_from = entry.get("from", False)
    if not isinstance(is_from, bool):
        raise importer.problem("`from` must be true or false", where.key_line("from"))
    courses = entry.get("courses") or []
    if not isinstance(courses, list):
        raise importer.problem(
            "`courses` must be a list, each with `sessions` and `price`",
            where.key_line("courses"),
        )
    course_lines = where.key("courses")
    return {
        "name": name,
        "duration_minutes": minutes,
        "amount": read_amount(importer, entry, where, f"“{name}”"),
        "is_from": is_from,
        "courses": [
            read_course(importer, course, course_lines.item(position), name)
            for position, course in enumerate(courses)
        ],
    }


def read_course(importer, entry, where, option):
    if not isinstance(entry, dict):
        raise importer.problem(
            f"each course of “{option}” needs `sessions` and `price`, e.g. `- sessions: 3`",
            where.line,
        )
    check_keys(importer, entry, COURSE_KEYS, "a course", where)
    sessions = entry.get("sessions")
    if (
        not isinstance(sessions, int)
        or isinstance(sessions, bool)
        or not COURSE_MIN_SESSIONS <= sessions <= COURSE_MAX_SESSIONS
    ):
        raise importer.problem(
            f"a course of “{option}”: `sessions` must be a whole number from "
            f"{COURSE_MIN_SESSIONS} to {COURSE_MAX_SESSIONS}, not ‘{sessions}’",
            where.key_line("sessions"),
        )
    spacing = str(entry.get("spacing") or "").strip()
    if len(spacing) > SPACING_LENGTH:
        raise importer.problem(
            f"a course of “{option}”: `spacing` is {len(spacing)} characters long; the most "
            f"is {SPACING_LENGTH}",
            where.key_line("spacing"),
        )
    return {
        "sessions": sessions,
        "spacing": spacing,
        "amount": read_amount(importer, entry, where, f"the course of {sessions} of “{option}”"),
    }


def check_keys(importer, entry, allowed, what, where):
    for key in entry:
        if key not in allowed:
            known = ", ".join(f"`{name}`" for name in sorted(allowed))
            raise importer.problem(
                f"{what} has an unknown key `{key}`: use {known}", where.key_line(key)
            )


def read_minutes(importer, value, line):
    """60, "60 min" or "60 minutes" as 60; None if not given."""
    if value in (None, ""):
        return None
    found = None
    if isinstance(value, int) and not isinstance(value, bool):
        found = value
    elif isinstance(value, str) and (match := MINUTES.fullmatch(value.strip())):
        found = int(match.group(1))
    if found is None or not DURATION_MIN_MINUTES <= found <= DURATION_MAX_MINUTES:
        raise importer.problem(
            f"a price's length must be {DURATION_MIN_MINUTES} to {DURATION_MAX_MINUTES} "
            f"minutes, e.g. `minutes: 60`, not ‘{value}’",
            line,
        )
    return found


def read_amount(importer, entry, where, what):
    """`price` as a Decimal string with at most two decimals, 0 or more."""
    line = where.key_line("price")
    if "price" not in entry or entry["price"] in (None, ""):
        raise importer.problem(f"{what} needs `price`, e.g. `price: 120`", where.line)
    value = entry["price"]
    text = str(value).strip() if not isinstance(value, bool) else ""
    amount = None
    if isinstance(value, (int, float, str)) and AMOUNT.fullmatch(text):
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
    if text.startswith("-"):
        raise importer.problem(f"{what}: `price` cannot be below 0, not ‘{value}’", line)
    if amount is None:
        sign = text[:1] in ("£", "€", "$")
        hint = " (leave out the currency sign: the clinic's details set it)" if sign else ""
        raise importer.problem(
            f"{what}: `price` must be an amount such as 120 or 89.50, not ‘{value}’{hint}", line
        )
    if -amount.as_tuple().exponent > 2:
        raise importer.problem(
            f"{what}: `price` has more than two decimals (‘{value}’): write e.g. 89.50", line
        )
    if amount > MAX_AMOUNT:
        raise importer.problem(f"{what}: `price` can be at most {MAX_AMOUNT:,}", line)
    return str(amount)
