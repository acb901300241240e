"""The design tokens of the site's stylesheet, read from the file as it is now.

Tokens are the custom properties declared in the stylesheet's top-level `:root` rules
(also inside `@layer` blocks; not inside `@media` or `@supports`, which apply only
sometimes). They are grouped by name (`--step-*`, `--space-*`, `--radius*`, `--shadow-*`,
`--color-*`) and, for other names, colours by value. Each colour gets its WCAG 2 contrast
ratio against the page's background and text colours, read from the `:root`, `html` and
`body` rules.
"""

import colorsys
import math
import re
from dataclasses import dataclass, field

from django.contrib.staticfiles import finders

STYLESHEET = "css/clinic.css"
# Names that are safe to repeat in a class name and a CSS rule (styleguide.css).
TOKEN_NAME = re.compile(r"--[A-Za-z0-9_-]+")
# WCAG 2 level AA for normal-size text.
AA_NORMAL_TEXT = 4.5
# What a browser shows when the stylesheet sets no page colours.
WHITE, BLACK = (1.0, 1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 1.0)
NAMED_COLOURS = {"white": WHITE, "black": BLACK, "transparent": (0.0, 0.0, 0.0, 0.0)}
HEX = re.compile(r"#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})")
COLOUR_FUNCTION = re.compile(r"(rgba?|hsla?|oklab|oklch)\((.*)\)", re.DOTALL)
GROUP_PREFIXES = [
    ("type_scale", "--step-"),
    ("spacing", "--space-"),
    ("radii", "--radius"),
    ("shadows", "--shadow-"),
    ("colours", "--color-"),
]


@dataclass(frozen=True)
class Token:
    name: str
    value: str  # as declared
    resolved: str  # with the var() references it makes replaced by their values

    @property
    def css_class(self):
        """The class that gives a sample this token's value as `--sg-value`."""
        return "sg-v" + self.name


@dataclass(frozen=True)
class Contrast:
    ratio: float

    @property
    def passes_aa(self):
        return self.ratio >= AA_NORMAL_TEXT

    def __str__(self):
        # Cut, not rounded: 4.499 must not read as a passing 4.50.
        return f"{math.floor(self.ratio * 100) / 100:.2f}:1"


@dataclass(frozen=True)
class ColourToken:
    token: Token
    rgba: tuple | None  # None: a value this module does not understand
    on_background: Contrast | None = None  # as text on the page's background
    behind_text: Contrast | None = None  # as a background behind the page's text

    @property
    def hex(self):
        return to_hex(self.rgba) if self.rgba else ""


@dataclass(frozen=True)
class PageColour:
    declared: str  # e.g. "var(--paper)", or "" when the stylesheet sets none
    rgba: tuple

    @property
    def hex(self):
        return to_hex(self.rgba)


@dataclass
class DesignTokens:
    found: bool  # whether the stylesheet was found at all
    tokens: list = field(default_factory=list)
    colours: list = field(default_factory=list)
    type_scale: list = field(default_factory=list)
    spacing: list = field(default_factory=list)
    radii: list = field(default_factory=list)
    shadows: list = field(default_factory=list)
    other: list = field(default_factory=list)
    background: PageColour = PageColour("", WHITE)
    text: PageColour = PageColour("", BLACK)


def read_stylesheet(path=STYLESHEET):
    """The stylesheet's text as the static files finders find it now, or None."""
    found = finders.find(path)
    if not found:
        return None
    with open(found, encoding="utf-8") as stylesheet:
        return stylesheet.read()


def design_tokens(css):
    """The tokens of stylesheet text `css` (None: no stylesheet), grouped, with contrasts."""
    if css is None:
        return DesignTokens(found=False)
    rules = list(style_rules(css))
    properties = {
        name: value
        for selectors, declarations in rules
        if ":root" in selectors
        for name, value in declarations
        if TOKEN_NAME.fullmatch(name)
    }
    tokens = [Token(name, value, resolve(value, properties)) for name, value in properties.items()]
    design = DesignTokens(found=True, tokens=tokens)
    design.background = page_colour(rules, properties, ("background-color", "background"), WHITE)
    design.text = page_colour(rules, properties, ("color",), BLACK)
    background = design.background.rgba
    text = over(design.text.rgba, background)
    for token in tokens:
        group = next(
            (group for group, prefix in GROUP_PREFIXES if token.name.startswith(prefix)), None
        )
        rgba = parse_colour(token.resolved)
        if group == "colours" or (group is None and rgba is not None):
            if rgba is not None:
                seen = over(rgba, background)
                design.colours.append(
                    ColourToken(token, rgba, contrast(seen, background), contrast(seen, text))
                )
            else:
                design.colours.append(ColourToken(token, None))
        else:
            getattr(design, group or "other").append(token)
    return design


# --- Reading the stylesheet --------------------------------------------------------------


def style_rules(css):
    """(selectors, [(property, value), …]) of each top-level style rule, in order.

    Rules inside `@layer` blocks count as top-level: layers order rules, they do not make
    them conditional. Other at-rules (`@media`, `@supports`, `@font-face`…) are skipped.
    """
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    start = 0
    while start < len(css):
        opening = _next_outside_quotes(css, start, "{;")
        if opening == -1:
            return
        prelude = css[start:opening].strip()
        if css[opening] == ";":  # a statement such as @import or `@layer a, b;`
            start = opening + 1
            continue
        closing = _matching_brace(css, opening)
        body = css[opening + 1 : closing]
        if prelude.startswith("@layer"):
            yield from style_rules(body)
        elif not prelude.startswith("@"):
            selectors = {selector.strip() for selector in prelude.split(",")}
            yield selectors, declarations(body)
        start = closing + 1


def declarations(body):
    """[(property, value), …] of a rule's body; `!important` dropped."""
    found = []
    for part in split_outside(body, ";"):
        name, colon, value = part.partition(":")
        if colon and "{" not in part:
            value = re.sub(r"\s*!\s*important\s*\Z", "", value.strip(), flags=re.IGNORECASE)
            found.append((name.strip(), value))
    return found


def split_outside(text, separators):
    """`text` split at any of `separators` that is outside quotes and brackets."""
    parts, depth, quote, current = [], 0, None, []
    for char in text:
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and char in separators:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def _next_outside_quotes(css, start, wanted):
    quote = None
    for index in range(start, len(css)):
        char = css[index]
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in wanted:
            return index
    return -1


def _matching_brace(css, opening):
    depth = 0
    index = opening
    while index < len(css):
        index = _next_outside_quotes(css, index, "{}")
        if index == -1:
            return len(css)  # unclosed: the rest of the file is its body, as browsers read it
        depth += 1 if css[index] == "{" else -1
        if depth == 0:
            return index
        index += 1
    return len(css)


def resolve(value, properties, resolving=()):
    """`value` with each `var(--name, fallback)` replaced by the property's value."""
    result, start = [], 0
    while (found := value.find("var(", start)) != -1:
        closing = _matching_parenthesis(value, found + 3)
        name, _, fallback = value[found + 4 : closing].partition(",")
        name = name.strip()
        if name in properties and name not in resolving:
            replacement = resolve(properties[name], properties, (*resolving, name))
        else:
            replacement = resolve(fallback.strip(), properties, resolving)
        result.append(value[start:found] + replacement)
        start = closing + 1
    result.append(value[start:])
    return "".join(result).strip()


def _matching_parenthesis(text, opening):
    depth = 0
    for index in range(opening, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return len(text)


def page_colour(rules, properties, names, default):
    """The page's background or text colour: `body` over `html` over `:root`, the last
    declaration of each rule winning, as the cascade has it."""
    for element in ("body", "html", ":root"):
        for selectors, found in reversed(rules):
            if element not in selectors:
                continue
            for name, value in reversed(found):
                if name in names:
                    resolved = resolve(value, properties)
                    # `background` may hold an image and more besides the colour.
                    for part in [resolved, *split_outside(resolved, " \t\n")]:
                        if (rgba := parse_colour(part)) is not None:
                            return PageColour(value, over(rgba, WHITE))
    return PageColour("", default)


# --- Colours -----------------------------------------------------------------------------


def parse_colour(text):
    """(red, green, blue, alpha) from 0 to 1 in sRGB, or None for a value this does not
    understand: hex, rgb(), hsl(), oklab(), oklch(), in legacy or modern syntax, and the
    keywords white, black and transparent."""
    text = text.strip().lower()
    if text in NAMED_COLOURS:
        return NAMED_COLOURS[text]
    if match := HEX.fullmatch(text):
        digits = match.group(1)
        if len(digits) <= 4:
            digits = "".join(digit * 2 for digit in digits)
        channels = [int(digits[i : i + 2], 16) / 255 for i in range(0, len(digits), 2)]
        return tuple(channels) if len(channels) == 4 else (*channels, 1.0)
    if not (match := COLOUR_FUNCTION.fullmatch(text)):
        return None
    function, arguments = match.groups()
    parts = arguments.replace(",", " ").replace("/", " / ").split()
    if "/" in parts:
        slash = parts.index("/")
        parts, alpha = parts[:slash], parts[slash + 1 :]
    else:
        parts, alpha = parts[:3], parts[3:]
    if len(parts) != 3 or len(alpha) > 1:
        return None
    try:
        opacity = _fraction(alpha[0], 1) if alpha else 1.0
        red, green, blue = CONVERSIONS[function](*parts)
    except ValueError:
        return None
    return (*(min(max(channel, 0.0), 1.0) for channel in (red, green, blue)), opacity)


def _number(text):
    return 0.0 if text == "none" else float(text)


def _fraction(text, scale):
    """A number, or a percentage of `scale`."""
    if text.endswith("%"):
        return _number(text[:-1]) / 100 * scale
    return _number(text)


def _hue(text):
    """A hue in degrees."""
    for unit, degrees in (("deg", 1), ("grad", 0.9), ("rad", 180 / math.pi), ("turn", 360)):
        if text.endswith(unit):
            return _number(text[: -len(unit)]) * degrees
    return _number(text)


def _rgb(red, green, blue):
    return tuple(_fraction(channel, 255) / 255 for channel in (red, green, blue))


def _hsl(hue, saturation, lightness):
    # Modern syntax allows bare numbers for percentages.
    saturation, lightness = (_number(value.rstrip("%")) / 100 for value in (saturation, lightness))
    return colorsys.hls_to_rgb((_hue(hue) / 360) % 1, lightness, saturation)


def _oklab(lightness, a, b):
    return _oklab_to_srgb(_fraction(lightness, 1), _fraction(a, 0.4), _fraction(b, 0.4))


def _oklch(lightness, chroma, hue):
    angle = math.radians(_hue(hue))
    chroma = _fraction(chroma, 0.4)
    return _oklab_to_srgb(
        _fraction(lightness, 1), chroma * math.cos(angle), chroma * math.sin(angle)
    )


def _oklab_to_srgb(lightness, a, b):
    # Björn Ottosson's matrices (the ones CSS Color 4 uses), then sRGB's transfer function.
    l_ = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    linear = (
        4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
        -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
        -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_,
    )
    return tuple(
        12.92 * c if c <= 0.0031308 else 1.055 * max(c, 0.0) ** (1 / 2.4) - 0.055 for c in linear
    )


CONVERSIONS = {
    "rgb": _rgb,
    "rgba": _rgb,
    "hsl": _hsl,
    "hsla": _hsl,
    "oklab": _oklab,
    "oklch": _oklch,
}


def over(rgba, background):
    """`rgba` as seen over an opaque `background`."""
    alpha = rgba[3]
    return (
        *(c * alpha + b * (1 - alpha) for c, b in zip(rgba[:3], background[:3], strict=True)),
        1.0,
    )


def relative_luminance(rgba):
    """WCAG 2's relative luminance of an opaque sRGB colour."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgba[:3]]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return Contrast((lighter + 0.05) / (darker + 0.05))


def to_hex(rgba):
    channels = [round(c * 255) for c in rgba[:3]]
    if rgba[3] < 1:
        channels.append(round(rgba[3] * 255))
    return "#" + "".join(f"{channel:02x}" for channel in channels)
