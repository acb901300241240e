"""A saved web page's main text, made into Markdown that keeps each block's source line.

trafilatura finds the article among a page's header, menus, sidebars, cookie banners,
forms and footer, keeping its headings, lists, bold and italic words, quotes and links.
Each block is then found again in the HTML to give problems and warnings its line.
"""

import re
from dataclasses import dataclass

from .plain_text import Converted, escape

# Parts of a page title after the page's own name: "HydraFacial | Willow Skin Clinic".
TITLE_SEPARATOR = re.compile(r"\s+[|–—·•:-]\s+")
# Elements whose text can be a block of the article, for finding its line.
BLOCK_TAGS = (
    "h1 h2 h3 h4 h5 h6 p li dt dd blockquote pre td th figcaption caption summary div"
).split()
# Blocks are matched by their first words: each element's text is read this far only, so
# deeply nested elements cost no more than shallow ones.
MATCHED_LENGTH = 200


class NoMainText(ValueError):
    pass


def normalise(text):
    return " ".join(text.split()).casefold()


@dataclass
class Element:
    text: str
    line: int


class Lines:
    """Where each element's text is in the HTML source (elements in document order)."""

    def __init__(self, document):
        self.elements = []
        for element in document.iter(*BLOCK_TAGS):
            if element.sourceline is None or _inside(element, ("head", "script", "style")):
                continue
            self.elements.append(Element(opening_words(element), element.sourceline))
        self.cursor = 0
        self.last_line = 1

    def find(self, text):
        """The source line of the block whose text is `text`: the next element (in page
        order) with exactly that text, or else one starting with it; else the last line."""
        wanted = normalise(text)[: MATCHED_LENGTH + 1]
        if wanted:
            start = wanted[:80]
            order = list(range(self.cursor, len(self.elements))) + list(range(self.cursor))
            for test in (lambda e: e.text == wanted, lambda e: e.text.startswith(start)):
                for index in order:
                    if test(self.elements[index]):
                        self.cursor = index + 1
                        self.last_line = self.elements[index].line
                        return self.last_line
        return self.last_line


def opening_words(element):
    """The normalised start of an element's text, up to one character past MATCHED_LENGTH."""
    parts, length = [], 0
    for text in element.itertext():
        parts.append(text)
        length += len(text)
        if length > 2 * MATCHED_LENGTH:
            break
    return normalise("".join(parts))[: MATCHED_LENGTH + 1]


def _inside(element, tags):
    return any(parent.tag in tags for parent in element.iterancestors())


def page_title(document):
    """(title, line): the article's first <h1>, else the <title> without the site's name."""
    for path in ("//main//h1", "//article//h1", "//h1"):
        for heading in document.xpath(path):
            words = " ".join(heading.text_content().split())
            if words:
                return words, heading.sourceline
    for element in document.xpath("//title"):
        words = " ".join(element.text_content().split())
        name = TITLE_SEPARATOR.split(words)[0].strip() if words else ""
        if name:
            return name, element.sourceline
    return None, None


def to_markdown(html):
    """The main text of a web page (`html`, the file's text) as Markdown with line numbers."""
    import lxml.etree
    import lxml.html
    import trafilatura

    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)  # lxml refuses str with an encoding
    try:
        document = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        raise NoMainText("this web page is empty or not HTML") from None
    xml = trafilatura.extract(
        html,
        output_format="xml",
        include_formatting=True,
        include_links=True,
        include_images=False,
        include_tables=True,
        include_comments=False,
        deduplicate=False,
    )
    if not xml:
        raise NoMainText("found no main text in this web page")
    main = lxml.etree.fromstring(xml.encode("utf-8")).find("main")
    if main is None or not "".join(main.itertext()).strip():
        raise NoMainText("found no main text in this web page")
    writer = Writer(Lines(document))
    loose = " ".join((main.text or "").split())
    if len(loose.split()) >= 25:  # text straight in <main>: trafilatura's fallback
        writer.emit(escape(loose), writer.lines.find(loose))
    for block in main:
        writer.block(block)
    if not writer.out:
        raise NoMainText("found no main text in this web page")
    title, title_line = page_title(document)
    writer.line_map.append(writer.line_map[-1] if writer.line_map else 1)
    return Converted("\n".join(writer.out) + "\n", writer.line_map, title, title_line)


class Writer:
    """Markdown for trafilatura's XML blocks (head, p, list, quote, code, table)."""

    def __init__(self, lines):
        self.lines = lines
        self.out = []
        self.line_map = []

    def emit(self, markdown, line):
        self.out.append(markdown)
        self.line_map.append(line)

    def separate(self):
        if self.out and self.out[-1] != "":
            self.emit("", self.line_map[-1])

    def block(self, element):
        tag = element.tag
        if tag == "head":
            level = min(int((element.get("rend") or "h2").lstrip("h") or 2), 3)
            self.paragraph(element, "#" * level + " ")
        elif tag == "list":
            self.separate()
            self.list(element, 0)
        elif tag == "quote":
            self.separate()
            text = inline(element)
            if text:
                self.emit("> " + text, self.lines.find(plain(element)))
        elif tag == "code":
            self.separate()
            line = self.lines.find(plain(element))
            self.emit("```", line)
            for offset, code in enumerate((element.xpath("string()") or "").split("\n")):
                self.emit(code.replace("```", "` ` `"), line + offset)
            self.emit("```", self.line_map[-1])
        elif tag == "table":
            self.separate()
            for row in element.iter("row"):
                cells = [inline(cell) for cell in row.iter("cell")]
                cells = [cell for cell in cells if cell]
                if cells:
                    self.emit("- " + " — ".join(cells), self.lines.find(plain(row)))
        else:
            self.paragraph(element, "")

    def paragraph(self, element, prefix):
        text = inline(element)
        if text:
            self.separate()
            self.emit(prefix + text, self.lines.find(plain(element)))

    def list(self, element, depth):
        ordered = element.get("rend") == "ol"
        number = 0
        for item in element.iter("item"):
            if item.getparent() is not element:
                continue
            number += 1
            marker = f"{number}. " if ordered else "- "
            nested = [child for child in item if child.tag == "list"]
            text = inline(item, skip=("list",))
            line = self.lines.find(plain(item, skip=("list",)))
            self.emit("   " * depth + marker + (text or "\\-"), line)
            for child in nested:
                self.list(child, depth + 1)


def plain(element, skip=()):
    parts = [element.text or ""]
    for child in element:
        if child.tag not in skip:
            parts.append(plain(child, skip))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def inline(element, skip=()):
    """An element's text as inline Markdown: bold, italic and links kept, the rest escaped."""
    parts = [escape_keeping_spaces(element.text or "")]
    for child in element:
        if child.tag in skip:
            pass
        elif child.tag == "hi" and child.get("rend") in ("#b", "#i"):
            mark = "**" if child.get("rend") == "#b" else "*"
            parts.append(wrap(inline(child), mark))
        elif child.tag == "ref" and child.get("target"):
            words = inline(child)
            target = child.get("target").replace("(", "%28").replace(")", "%29")
            target = target.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
            parts.append(f"[{words}]({target})" if words else "")
        elif child.tag == "lb":
            parts.append(" ")
        else:
            parts.append(inline(child, skip))
        parts.append(escape_keeping_spaces(child.tail or ""))
    return " ".join("".join(parts).split())


def escape_keeping_spaces(text):
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    return lead + escape(text) + trail


def wrap(text, mark):
    return f"{mark}{text}{mark}" if text else ""
