"""How much the importer reads: hostile or broken files get a clear `file:line` problem.

Each limit is far above what a real page needs; past it the import stops before writing
anything, instead of running out of memory, crashing with a traceback or dropping text.
"""

import re

from django.conf import settings

# A Markdown or plain-text file: a long page is 50 KB.
MAX_TEXT_BYTES = 2 * 1024 * 1024
# A saved web page also carries its menus, scripts and styles.
MAX_HTML_BYTES = 5 * 1024 * 1024
# Lists and mappings inside lists and mappings, in YAML or TOML front matter.
MAX_FRONT_MATTER_DEPTH = 20
# Values in the front matter, counting each use of a YAML alias (`*name`) in full: a few
# lines of aliases can otherwise stand for billions of values.
MAX_FRONT_MATTER_VALUES = 10_000
# Lists and quotes inside lists and quotes, in the body.
MAX_BODY_NESTING = 10


def megabytes(size):
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def max_image_bytes():
    """The admin's upload limit for an image file (Wagtail's default: 10 MB)."""
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)


def max_image_pixels():
    """The admin's limit for an image's width × height (Wagtail's default: 128 million)."""
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128 * 1000000)


def image_extensions():
    return getattr(
        settings, "WAGTAILIMAGES_EXTENSIONS", ["avif", "gif", "jpg", "jpeg", "png", "webp"]
    )


def yaml_depth_line(text, first_line):
    """The line where YAML `text` nests deeper than the limit, or None.

    Uses PyYAML's scanner, which reads without recursion, so text nested 10,000 deep is
    measured without the stack overflow that parsing it would cause.
    """
    import yaml

    depth = 0
    openers = (
        yaml.BlockMappingStartToken,
        yaml.BlockSequenceStartToken,
        yaml.FlowMappingStartToken,
        yaml.FlowSequenceStartToken,
    )
    closers = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, openers):
                depth += 1
                if depth > MAX_FRONT_MATTER_DEPTH:
                    return token.start_mark.line + first_line
            elif isinstance(token, closers):
                depth -= 1
    except yaml.YAMLError:
        return None  # the parser reports it, with its line
    return None


_TOML_STRING = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\'')


def toml_depth_line(text, first_line):
    """The line where TOML `text` nests arrays or inline tables deeper than the limit."""
    depth = 0
    line = first_line
    position = 0
    at_line_start = True
    while position < len(text):
        char = text[position]
        if char in "\"'":
            match = _TOML_STRING.match(text, position)
            end = match.end() if match else position + 1
            line += text.count("\n", position, end)
            position = end
            at_line_start = False
            continue
        if char == "#":
            end = text.find("\n", position)
            position = len(text) if end < 0 else end
            continue
        if char == "\n":
            line += 1
            at_line_start = True
        elif char in "[{":
            if not (at_line_start and depth == 0 and char == "["):  # not a [table] header
                depth += 1
                if depth > MAX_FRONT_MATTER_DEPTH:
                    return line
            else:
                end = text.find("\n", position)
                position = len(text) if end < 0 else end
                continue
        elif char in "]}":
            depth = max(depth - 1, 0)
        if not char.isspace():
            at_line_start = False
        position += 1
    return None


def data_depth(value):
    """How deeply lists and mappings nest in parsed front matter (without recursion)."""
    deepest = 0
    stack = [(value, 0)]
    seen = set()
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, dict)):
            if id(item) in seen:  # a YAML alias pointing back at itself
                continue
            seen.add(id(item))
            depth += 1
            deepest = max(deepest, depth)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth) for child in children)
    return deepest


def expanded_size(value, limit=MAX_FRONT_MATTER_VALUES):
    """How many lists, mappings and values `value` holds with aliases written out in full
    (no more than limit + 1; a list that holds itself counts as past the limit)."""
    if not isinstance(value, (list, dict)):
        return 1
    sizes = {}
    open_now = set()  # the lists and mappings around the one being counted
    stack = [(value, False)]
    while stack:
        item, counted = stack.pop()
        children = list(item.values()) if isinstance(item, dict) else item
        if counted:
            total = 1 + sum(
                sizes[id(child)] if isinstance(child, (list, dict)) else 1 for child in children
            )
            sizes[id(item)] = min(total, limit + 1)
            open_now.discard(id(item))
            continue
        if id(item) in sizes:
            continue
        if id(item) in open_now:
            return limit + 1
        open_now.add(id(item))
        stack.append((item, True))
        for child in children:
            if isinstance(child, (list, dict)):
                if id(child) in open_now:
                    return limit + 1
                if id(child) not in sizes:
                    stack.append((child, False))
    return sizes[id(value)]
