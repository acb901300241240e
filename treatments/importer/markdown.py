"""CommonMark to a small tree of blocks, and inline Markdown to Wagtail rich text.

The tree keeps each block's source line, so problems can name it. Rich text is
written in Wagtail's stored format with only the tags its editor knows (`p`, `h2`,
`h3`, `b`, `i`, `a`, `ul`, `ol`, `li`, `br`); raw HTML in the Markdown is escaped.
"""

import re
from dataclasses import dataclass, field
from html import escape

from markdown_it import MarkdownIt

from .limits import MAX_BODY_NESTING

# markdown-it stops reading a document, silently, where blocks nest `maxNesting` levels
# deep. A list takes two levels (the list and its item), a quote one, so with this limit
# the list or quote one past MAX_BODY_NESTING is always read, and `parse` refuses it with
# its line, before markdown-it could drop anything. (Higher limits slow every parse.)
_parser = MarkdownIt("commonmark", {"html": False, "maxNesting": 2 * MAX_BODY_NESTING + 4})


class TooDeep(ValueError):
    """Lists and quotes nest deeper than the importer reads; `line` is where."""

    def __init__(self, line, depth):
        super().__init__(f"lists and quotes nested more than {depth} deep")
        self.line = line
        self.depth = depth


@dataclass
class Heading:
    level: int
    inline: list
    line: int

    @property
    def text(self):
        return inline_text(self.inline)


@dataclass
class Paragraph:
    inline: list
    line: int

    @property
    def text(self):
        return inline_text(self.inline)

    @property
    def image(self):
        """The image token when the paragraph holds one image and nothing else."""
        tokens = [t for t in self.inline if not (t.type == "text" and not t.content.strip())]
        if len(tokens) == 1 and tokens[0].type == "image":
            return tokens[0]
        return None


@dataclass
class Item:
    children: list
    line: int


@dataclass
class List:
    ordered: bool
    line: int
    items: list = field(default_factory=list)


@dataclass
class Quote:
    children: list
    line: int


@dataclass
class Code:
    text: str
    line: int


def parse(text, first_line=1, line_map=None):
    """The top-level blocks of a Markdown document, numbered from `first_line`.

    `line_map`, for Markdown made from another format, gives the original file's line for
    each line of `text` (counted from 0) instead. Lists and quotes nested more than
    MAX_BODY_NESTING deep raise TooDeep.
    """
    root = []
    stack = [root]
    lists = []
    pending = None
    depth = 0
    for token in _parser.parse(text):
        if token.map:
            line = line_map[token.map[0]] if line_map else token.map[0] + first_line
        else:
            line = None
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            depth += 1
            if depth > MAX_BODY_NESTING:
                raise TooDeep(line, MAX_BODY_NESTING)
        elif kind in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            depth -= 1
        if kind in ("heading_open", "paragraph_open"):
            pending = (kind, token.tag, line)
        elif kind == "inline" and pending:
            opener, tag, start = pending
            children = token.children or []
            if opener == "heading_open":
                stack[-1].append(Heading(int(tag[1]), children, start))
            else:
                stack[-1].append(Paragraph(children, start))
            pending = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            node = List(ordered=kind == "ordered_list_open", line=line)
            stack[-1].append(node)
            lists.append(node)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            item = Item([], line)
            lists[-1].items.append(item)
            stack.append(item.children)
        elif kind == "blockquote_open":
            quote = Quote([], line)
            stack[-1].append(quote)
            stack.append(quote.children)
        elif kind in ("list_item_close", "blockquote_close"):
            stack.pop()
        elif kind in ("fence", "code_block"):
            stack[-1].append(Code(token.content, line))
        # Horizontal rules and closing tags carry no content.
    return root


# --- Inline ------------------------------------------------------------------


def inline_text(tokens):
    """The words, without formatting; line breaks become spaces."""
    out = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type == "image":
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return re.sub(r"\s+", " ", "".join(out)).strip()


INLINE_TAGS = {
    "strong_open": "<b>",
    "strong_close": "</b>",
    "em_open": "<i>",
    "em_close": "</i>",
    "link_close": "</a>",
    "softbreak": " ",
    "hardbreak": "<br/>",
}


def inline_html(tokens, rewrite_link=None):
    out = []
    for token in tokens:
        if token.type in ("text", "code_inline", "image"):
            out.append(escape(token.content, quote=False))
        elif token.type == "link_open":
            href = token.attrs.get("href", "")
            if rewrite_link:
                href = rewrite_link(href)
            out.append(f'<a href="{escape(href)}">')
        else:
            out.append(INLINE_TAGS.get(token.type, ""))
    return "".join(out).strip()


def strip_lead(tokens):
    """Split inline tokens that open with bold words: ('Title', rest) or (None, tokens).

    The separator after the bold words (':', '.', a dash) is dropped, and so is a
    colon inside them, so '**Consultation:** we talk' gives ('Consultation', 'we talk').
    """
    tokens = list(tokens)
    while tokens and tokens[0].type == "text" and not tokens[0].content.strip():
        tokens.pop(0)
    if not tokens or tokens[0].type != "strong_open":
        return None, tokens
    end = closing_strong(tokens)
    if end is None:
        return None, tokens
    lead = inline_text(tokens[1:end]).rstrip(":.").strip()
    rest = tokens[end + 1 :]
    if rest and rest[0].type == "text":
        first = rest[0].copy()
        first.content = re.sub(r"^\s*[:.\u2014\u2013-]?\s*", "", first.content)
        rest = [first] + rest[1:]
    while rest and rest[0].type in ("softbreak", "hardbreak"):
        rest = rest[1:]
    return lead, rest


def closing_strong(tokens):
    """The index of the token closing the bold run that the first token opens."""
    depth = 0
    for index, token in enumerate(tokens):
        depth += {"strong_open": 1, "strong_close": -1}.get(token.type, 0)
        if depth == 0:
            return index
    return None


def split_first_line(tokens):
    """(first line, the rest) of a paragraph's inline tokens."""
    for index, token in enumerate(tokens):
        if token.type in ("softbreak", "hardbreak"):
            return tokens[:index], tokens[index + 1 :]
    return list(tokens), []


# --- Blocks ------------------------------------------------------------------


def image_lines(nodes):
    """Lines of the paragraphs, at any depth, that hold an image among other things."""
    for node in nodes:
        if isinstance(node, (Paragraph, Heading)):
            if any(token.type == "image" for token in node.inline):
                yield node.line
        elif isinstance(node, List):
            for item in node.items:
                yield from image_lines(item.children)
        elif isinstance(node, Quote):
            yield from image_lines(node.children)


def plain_text(nodes):
    """The words of some blocks, paragraphs separated by blank lines."""
    parts = []
    for node in nodes:
        if isinstance(node, (Paragraph, Heading)):
            parts.append(node.text)
        elif isinstance(node, List):
            parts.extend(plain_text(item.children) for item in node.items)
        elif isinstance(node, Quote):
            parts.append(plain_text(node.children))
        elif isinstance(node, Code):
            parts.append(node.text.strip())
    return "\n\n".join(part for part in parts if part)


def to_html(nodes, headings=True, rewrite_link=None, lists=True):
    """Wagtail rich text for some blocks. Without `headings`, headings become bold lines;
    without `lists` (for fields whose editor has no lists), list items become paragraphs."""
    out = []
    for node in nodes:
        if isinstance(node, Heading):
            text = inline_html(node.inline, rewrite_link)
            if headings:
                tag = "h2" if node.level <= 2 else "h3"
                out.append(f"<{tag}>{text}</{tag}>")
            else:
                out.append(f"<p><b>{text}</b></p>")
        elif isinstance(node, Paragraph):
            out.append(f"<p>{inline_html(node.inline, rewrite_link)}</p>")
        elif isinstance(node, List) and lists:
            out.append(_list_html(node, rewrite_link))
        elif isinstance(node, List):
            out.extend(f"<p>{_item_html(item, rewrite_link)}</p>" for item in node.items)
        elif isinstance(node, Quote):
            out.append(to_html(node.children, headings, rewrite_link, lists))
        elif isinstance(node, Code):
            out.append(f"<p>{_code_html(node)}</p>")
    return "".join(out)


def _code_html(node):
    return "<br/>".join(escape(line, quote=False) for line in node.text.rstrip("\n").split("\n"))


def _item_html(item, rewrite_link):
    """A list item's words on one line; quotes and code inside it are kept as text."""
    words = []
    for child in item.children:
        if isinstance(child, (Paragraph, Heading)):
            words.append(inline_html(child.inline, rewrite_link))
        elif isinstance(child, Quote):
            words.append(
                to_html(child.children, False, rewrite_link, False)
                .replace("<p>", "")
                .replace("</p>", " ")
                .strip()
            )
        elif isinstance(child, Code):
            words.append(_code_html(child))
    return " ".join(word for word in words if word)


def _list_html(node, rewrite_link):
    tag = "ol" if node.ordered else "ul"
    items = []
    for item in node.items:
        nested = "".join(
            _list_html(child, rewrite_link) for child in item.children if isinstance(child, List)
        )
        items.append(f"<li>{_item_html(item, rewrite_link)}{nested}</li>")
    return f"<{tag}>{''.join(items)}</{tag}>"
