"""Page text as plain text: the one place that cleans text and picks a page's description.

Used by the page templates' share tags, the JSON-LD and the blocks' schema.org fragments.
"""

import re
from html.parser import HTMLParser

# Longer descriptions are cut by search engines anyway; cut them at a word instead.
DESCRIPTION_LENGTH = 160


class _TextParser(HTMLParser):
    BREAKS = {"p", "li", "br", "ul", "ol", "h2", "h3", "h4", "blockquote", "div"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in self.BREAKS:  # "<p>One</p><p>Two</p>" reads "One Two", not "OneTwo"
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html):
    """Rich text (a RichText value or HTML) or plain text as one line of text, with tags and
    entities gone, e.g. for a description or a schema.org Text property."""
    source = getattr(html, "source", html)  # a RichText value, or HTML
    parser = _TextParser()
    parser.feed(source or "")
    parser.close()
    return " ".join("".join(parser.parts).split())


def lines(parts):
    """Non-empty parts, one a line."""
    return "\n".join(part for part in parts if part)


def page_description(page):
    """The page's own description: its SEO description, else its summary, else its intro.

    The SEO description is used as the editor wrote it; a summary or intro is cut to fit.
    "" when the page has none of these.
    """
    if page.search_description.strip():
        return " ".join(page.search_description.split())
    for source in ("summary", "intro"):
        text = plain_text(getattr(page, source, ""))
        if text:
            return shorten(text)
    return ""


def shorten(text, limit=DESCRIPTION_LENGTH):
    """At most `limit` characters, cut after a whole word."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–—-") + "…"


# Words joined by hyphens, e.g. "micro-needling" or "anti-wrinkle" (also the Unicode hyphens).
HYPHENATED = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)+")


def joined_compounds(texts):
    """The hyphenated words of some texts written as one word, each once: "Micro-needling
    works" gives "microneedling". Indexed beside the text, so a search for "microneedling"
    also finds a page that writes "micro-needling" (docs/search.md)."""
    found = dict.fromkeys(
        re.sub(r"[-\u2010\u2011]", "", word).lower()
        for text in texts
        for word in HYPHENATED.findall(plain_text(text))
    )
    return " ".join(found)


# Reading speed for a clinic's articles: a comfortable pace for health information on a phone.
WORDS_PER_MINUTE = 200


def reading_minutes(raw_stream):
    """Minutes to read a StreamField, from its stored JSON (no blocks converted): every
    string in it, rich text included, counted as words; at least one minute."""

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("type", "id"):
                    yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    words = sum(len(plain_text(text).split()) for text in strings(list(raw_stream)))
    return max(1, round(words / WORDS_PER_MINUTE))
