"""What counts as a number in text from outside: a query string, an address, an imported
file. Only the digits 0-9.

Python reads far more: `int()` takes any script's decimal digits ("٩", "１"), "1_000",
" 5 " and "+5"; a regex's `\\d` matches those digits too. So a check that looks at ASCII digits
while `int()` reads the value lets "٩٩٩…" past a range check to the database (a 500), and
"１" quietly works as 1 in one place and fails in another. Both APIs and HTML pagination
read numbers through this module, and the importer's patterns say `[0-9]`, never `\\d`
(docs/api.md, "Bad input").
"""

import re

_WHOLE_NUMBER = re.compile(r"[0-9]+")


def is_whole_number(value):
    """Whether `value` is a string of the digits 0-9 alone (no sign, space or underscore)."""
    return isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value) is not None


def whole_number(value, maximum):
    """The number `value` writes in the digits 0-9 alone, if it is at most `maximum`;
    else None. Never converts a longer string than `maximum` needs (`int()` of 4,301
    digits or more is an error)."""
    if not is_whole_number(value):
        return None
    digits = value.lstrip("0") or "0"
    if len(digits) > len(str(maximum)) or int(digits) > maximum:
        return None
    return int(digits)
