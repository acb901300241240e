"""Markdown sections to StreamField blocks, following the mapping in docs/importing.md.

`build_body` reads the blocks a page's StreamField accepts and maps only those:
a treatment body gets what-to-expect, aftercare and the rest; an article body gets
FAQs, callouts, quotes, images and text. Whatever cannot be mapped is kept as text.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .markdown import (
    Heading,
    List,
    Paragraph,
    Quote,
    image_lines,
    inline_html,
    inline_text,
    plain_text,
    split_first_line,
    strip_lead,
    to_html,
)

# Section headings, matched against the lower-cased heading without end punctuation: each
# block names its own (Meta.import_headings, treatments/blocks/); a treatment's list of
# conditions is the page's own, not a block.
CONDITIONS_HEADINGS = (
    r"(what (does|can|do|will) .+ (treat|help( with)?)|conditions|"
    r"conditions (we|it) treats?|conditions treated|what it treats)"
)
NEGATIVE_HEADING = re.compile(
    r"\b(not|avoid|contraindicat\w*|unsuitable|cannot|can['’]t|shouldn['’]t|should not)\b", re.I
)
NEGATIVE_ITEM = re.compile(r"^(no|not|don['’]t|do not|avoid|skip|never|stop)\b", re.I)
MAINTENANCE = re.compile(r"(maint|keep|top.?up)", re.I)
DURATION = re.compile(
    r"^(?P<title>.*?)\s*\((?P<duration>[^()]*\d[^()]*(sec|min|hour|hr|day|week)[^()]*)\)$", re.I
)
LABEL = re.compile(r"^\s*(?P<label>[^:]{1,40}):\s*(?P<value>.+)$", re.S)
DASH = re.compile(r"\s+[\u2014\u2013-]\s+")
ATTRIBUTION = re.compile(r"^\s*(?:\u2014|\u2013|--|~)\s*(.+)$")
ALERTS = {
    "[!warning]": "safety_callout",
    "[!caution]": "safety_callout",
    "[!important]": "safety_callout",
    "[!book]": "call_to_action",
}

DO_LABELS = {
    "do": "dos",
    "dos": "dos",
    "do's": "dos",
    "don't": "donts",
    "don’t": "donts",
    "dont": "donts",
    "don'ts": "donts",
    "don’ts": "donts",
    "avoid": "donts",
}
NEEDLE = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:mm)?\s*(?:[\u2013\u2014-]|to)\s*(\d+(?:\.\d+)?)\s*mm|"
    r"(\d+(?:\.\d+)?)\s*mm",
    re.I,
)


def heading_key(text):
    return re.sub(r"[\s?:.!]+$", "", text.strip().lower()).replace("’", "'")


def section_patterns(stream_block, with_conditions):
    """{kind: heading pattern} for the sections a stream's blocks take on import."""
    patterns = {
        name: child.meta.import_headings
        for name, child in stream_block.child_blocks.items()
        if getattr(child.meta, "import_headings", None)
    }
    if with_conditions:
        patterns["conditions"] = CONDITIONS_HEADINGS
    return patterns


def classify(text, patterns):
    key = heading_key(text)
    for kind, pattern in patterns.items():
        if re.fullmatch(pattern, key):
            return kind
    return None


def shorten(text, limit):
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def first_sentence(text, limit):
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return shorten(sentence.rstrip("."), limit)


def needle_lengths(value):
    match = NEEDLE.search(value)
    if not match:
        return None
    numbers = [n for n in match.groups() if n]
    try:
        lengths = [Decimal(n) for n in numbers]
    except InvalidOperation:
        return None
    return lengths[0], lengths[-1]


@dataclass
class Piece:
    """One block of the body, with the source line that made it."""

    type: str
    value: object
    line: int


@dataclass
class Body:
    pieces: list = field(default_factory=list)
    conditions: list = field(default_factory=list)  # (name, note, line)

    def raw(self):
        return [{"type": piece.type, "value": piece.value} for piece in self.pieces]


class BodyBuilder:
    """Builds a Body for one file; `context` supplies warnings, links and images."""

    def __init__(self, stream_block, context, with_conditions=False):
        self.blocks = stream_block.child_blocks
        self.block_names = set(self.blocks)
        self.counts = stream_block.meta.block_counts or {}
        self.context = context
        self.kinds = section_patterns(stream_block, with_conditions)
        self.body = Body()
        self.text = []

    def default(self, block_type, field="heading"):
        """The default a block's field has in the admin, e.g. the FAQ's heading."""
        return self.blocks[block_type].child_blocks[field].get_default()

    def labels(self, block):
        """{label: field} for "Label: value" lines that fill a block's fields."""
        return block.meta.import_labels

    # --- Walking the document ---------------------------------------------

    def build(self, nodes):
        index = 0
        while index < len(nodes):
            node = nodes[index]
            if isinstance(node, Heading):
                kind = classify(node.text, self.kinds)
                if kind:
                    end = self.section_end(nodes, index, kind)
                    self.section(kind, node, nodes[index + 1 : end])
                    index = end
                    continue
                if node.text.rstrip().endswith("?") and "faq" in self.block_names:
                    index = self.question_run(nodes, index)
                    continue
            if isinstance(node, Quote):
                self.flush()
                self.quote(node)
            elif (
                isinstance(node, Paragraph)
                and node.image is not None
                and "image" in self.block_names
            ):
                self.flush()
                self.add("image", self.context.image_value(node.image, node.line), node.line)
            else:
                self.text.append(node)
            index += 1
        self.flush()
        return self.body

    def section_end(self, nodes, start, kind):
        level = nodes[start].level
        for index in range(start + 1, len(nodes)):
            node = nodes[index]
            if not isinstance(node, Heading):
                continue
            if node.level <= level:
                return index
            nested = classify(node.text, self.kinds)
            if kind != "faq" and nested and nested != kind:
                return index
        return len(nodes)

    def question_run(self, nodes, start):
        level = nodes[start].level
        questions, quotes = [], []
        index = start
        while (
            index < len(nodes)
            and isinstance(nodes[index], Heading)
            and nodes[index].level == level
            and nodes[index].text.rstrip().endswith("?")
            and not classify(nodes[index].text, self.kinds)
        ):
            end = self.section_end(nodes, index, "faq")
            answer, found = split_quotes(nodes[index + 1 : end])
            if not answer:  # a question with no answer is a plain heading, e.g. "Ready to book?"
                break
            questions.append(self.question(nodes[index], answer))
            quotes.extend(found)
            index = end
        if not questions:
            self.text.append(nodes[start])
            return start + 1
        self.flush()
        self.add("faq", {"heading": self.default("faq"), "questions": questions}, nodes[start].line)
        for quote in quotes:
            self.quote(quote)
        return index

    def add(self, block_type, value, line):
        limit = self.counts.get(block_type, {}).get("max_num")
        if limit and sum(p.type == block_type for p in self.body.pieces) >= limit:
            return False
        self.body.pieces.append(Piece(block_type, value, line))
        return True

    def warn_images(self, nodes):
        for line in image_lines(nodes):
            self.context.warn(
                "only an image on a line of its own, outside lists and structured sections, "
                "becomes an image block; this one was kept as its alt text",
                line,
            )

    def flush(self):
        self.warn_images(n for n in self.text if not (isinstance(n, Paragraph) and n.image))
        html = self.html(self.text, headings=True)
        if html and "rich_text" in self.block_names:
            self.body.pieces.append(Piece("rich_text", html, self.text[0].line))
        self.text = []

    def html(self, nodes, headings=False):
        return to_html(nodes, headings=headings, rewrite_link=self.context.rewrite_link)

    def inline(self, tokens):
        return inline_html(tokens, self.context.rewrite_link)

    # --- Sections ---------------------------------------------------------

    def section(self, kind, heading, nodes):
        nodes, quotes = split_quotes(nodes)
        built = getattr(self, f"build_{kind}")(heading, nodes)
        if built is None:
            self.context.warn(
                f"the “{heading.text}” section has nothing to make its block from "
                "(see docs/importing.md); it was kept as text",
                heading.line,
            )
            self.text.extend([heading, *nodes])
        else:
            value, leftovers = built
            self.warn_images([n for n in nodes if n not in leftovers])
            self.flush()
            if kind == "conditions" or self.add(kind, value, heading.line):
                self.text.extend(leftovers)
            else:
                self.context.warn(
                    f"a page can have only one “{heading.text}” block; this one was kept as text",
                    heading.line,
                )
                self.text.extend([heading, *nodes])
        if quotes:
            self.flush()
            for quote in quotes:
                self.quote(quote)

    def build_session_facts(self, heading, nodes):
        value = {"heading": heading.text}
        leftovers = []
        for node in nodes:
            if not isinstance(node, List):
                leftovers.append(node)
                continue
            for item in node.items:
                match = LABEL.match(plain_text(item.children))
                labels = self.labels(self.blocks["session_facts"])
                name = labels.get(match["label"].strip().lower()) if match else None
                if not name:
                    self.context.warn(
                        "session facts take `Label: value` lines with a known label "
                        "(duration, needle length, sessions, time between sessions, "
                        "time to results, downtime, price); this line was left out",
                        item.line,
                    )
                    continue
                text = match["value"].strip()
                if name == "needle":
                    lengths = needle_lengths(text)
                    if lengths is None:
                        raise self.context.problem(
                            "write the needle length in millimetres, e.g. 0.5–1.5 mm", item.line
                        )
                    value["needle_length_min"], value["needle_length_max"] = map(str, lengths)
                else:
                    value[name] = text
        if len(value) == 1:
            return None
        return value, leftovers

    def build_what_to_expect(self, heading, nodes):
        found = self.entries(
            nodes,
            lambda sub, children: self.step(sub.text, self.html(children)),
            self.step_from_item,
        )
        if found is None:
            return None
        intro, steps, leftovers = found
        return {"heading": heading.text, "intro": self.html(intro), "steps": steps}, leftovers

    def entries(self, nodes, from_subsection, from_item):
        """(intro, entries, leftovers): one entry per sub-heading, or else per item of the
        first list; None when there is neither."""
        intro, subsections = split_subsections(nodes)
        if subsections:
            return intro, [from_subsection(sub, children) for sub, children in subsections], []
        found = first_list(nodes)
        if found is None:
            return None
        position, items = found
        entries = [from_item(item) for item in items.items]
        return nodes[:position], entries, nodes[position + 1 :]

    def step(self, title, description):
        duration = ""
        match = DURATION.match(title)
        if match:
            title, duration = match["title"].strip(), match["duration"].strip()
        return {
            "title": title,
            "description": description or f"<p>{title}</p>",
            "duration": duration,
        }

    def step_from_item(self, item):
        lead, rest, others = self.item_parts(item)
        if lead:
            description = (f"<p>{self.inline(rest)}</p>" if inline_text(rest) else "") + self.html(
                others
            )
            return self.step(lead, description)
        text = plain_text(item.children)
        return self.step(first_sentence(text, 120), self.html(item.children))

    def item_parts(self, item):
        """(bold lead or None, the rest of the first paragraph, the item's other blocks)."""
        if item.children and isinstance(item.children[0], Paragraph):
            lead, rest = strip_lead(item.children[0].inline)
            return lead, rest, item.children[1:]
        return None, [], item.children

    def build_conditions(self, heading, nodes):
        found = first_list(nodes)
        if found is None:
            return None
        position, items = found
        for item in items.items:
            text = plain_text(item.children)
            parts = DASH.split(text, maxsplit=1)
            if len(parts) == 1:
                parts = re.split(r":\s+", text, maxsplit=1)
            name, note = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
            if name:
                self.body.conditions.append((name, note, item.line))
        return None, nodes[:position] + nodes[position + 1 :]

    def build_benefits(self, heading, nodes):
        found = first_list(nodes)
        if found is None:
            return None
        position, items = found
        benefits = [plain_text(item.children) for item in items.items]
        return {"heading": heading.text, "items": benefits}, without(nodes, position)

    def build_provider_checklist(self, heading, nodes):
        found = first_list(nodes)
        if found is None:
            return None
        position, items = found
        value = {
            "heading": heading.text,
            "intro": self.html(nodes[:position]),
            "items": [plain_text(item.children) for item in items.items],
        }
        return value, nodes[position + 1 :]

    def build_suitability(self, heading, nodes):
        buckets = {"suits": [], "not_suitable": []}
        bucket = "not_suitable" if NEGATIVE_HEADING.search(heading.text) else "suits"
        paragraphs = []
        for node in nodes:
            if isinstance(node, Heading):
                bucket = "not_suitable" if NEGATIVE_HEADING.search(node.text) else "suits"
            elif isinstance(node, List):
                buckets[bucket].extend(plain_text(item.children) for item in node.items)
            else:
                paragraphs.append(node)
        if not buckets["suits"] and not buckets["not_suitable"]:
            return None
        value = {"heading": heading.text, **buckets}
        if paragraphs and isinstance(paragraphs[-1], Paragraph) and len(paragraphs[-1].text) <= 240:
            value["consult_prompt"] = paragraphs.pop().text
        return value, paragraphs

    def build_at_home_care(self, heading, nodes):
        found = self.entries(
            nodes,
            lambda sub, children: self.home_care_item(sub.text, children),
            self.home_care_item_from_list,
        )
        if found is None:
            return None
        intro, items, leftovers = found
        return {"heading": heading.text, "intro": self.html(intro), "items": items}, leftovers

    def home_care_item_from_list(self, item):
        lead, rest, others = self.item_parts(item)
        if lead:
            nodes = ([Paragraph(rest, item.line)] if inline_text(rest) else []) + others
            return self.home_care_item(lead, nodes)
        return self.home_care_item(first_sentence(plain_text(item.children), 80), item.children)

    def home_care_item(self, name, nodes):
        value = {"name": name, "materials": [], "cautions": []}
        description = []
        for node in nodes:
            if not isinstance(node, List):
                description.append(node)
                continue
            plain_items = []
            for item in node.items:
                match = LABEL.match(plain_text(item.children))
                labels = self.labels(self.blocks["at_home_care"].child_blocks["items"].child_block)
                field_name = labels.get(match["label"].strip().lower()) if match else None
                if not field_name:
                    plain_items.append(item)
                    continue
                text = match["value"].strip()
                if field_name == "materials":
                    value["materials"].extend(materials(text))
                elif field_name == "cautions":
                    value["cautions"].append(text)
                else:
                    value[field_name] = text
            if plain_items:
                description.append(List(node.ordered, node.line, plain_items))
        value["description"] = self.html(description)
        return value

    def build_aftercare(self, heading, nodes):
        intro, subsections = split_subsections(nodes)
        if not subsections:
            if first_list(nodes) is None:
                return None
            paragraphs = [node for node in nodes if not isinstance(node, List)]
            stage = self.stage("After your treatment", [n for n in nodes if isinstance(n, List)])
            return {"heading": heading.text, "intro": self.html(paragraphs), "stages": [stage]}, []
        stages = [self.stage(sub.text, children) for sub, children in subsections]
        return {"heading": heading.text, "intro": self.html(intro), "stages": stages}, []

    def stage(self, when, nodes):
        value = {"when": when, "dos": [], "donts": []}
        bucket = None
        for node in nodes:
            if isinstance(node, Heading):
                bucket = DO_LABELS.get(heading_key(node.text))
            elif isinstance(node, List):
                for item in node.items:
                    text = plain_text(item.children)
                    match = LABEL.match(text)
                    labelled = DO_LABELS.get(match["label"].strip().lower()) if match else None
                    if labelled:
                        value[labelled].append(match["value"].strip())
                    else:
                        value[bucket or ("donts" if NEGATIVE_ITEM.match(text) else "dos")].append(
                            text
                        )
            else:
                self.context.warn(
                    f"aftercare stage “{when}” takes lists of do’s and don’ts; "
                    "this text was left out",
                    node.line,
                )
        return value

    def build_results(self, heading, nodes):
        results, maintenance, target = [], [], None
        for node in nodes:
            if isinstance(node, Heading):
                target = maintenance if MAINTENANCE.search(node.text) else None
                if target is not None:
                    continue
            (target if target is not None else results).append(node)
        if not results:
            return None
        value = {
            "heading": heading.text,
            "results": self.html(results),
            "maintenance": self.html(maintenance),
        }
        return value, []

    def build_faq(self, heading, nodes):
        intro, subsections = split_subsections(nodes)
        if not subsections:
            return None
        questions, unanswered = [], []
        for sub, children in subsections:
            if children:
                questions.append(self.question(sub, children))
            else:
                self.context.warn(
                    f"the question “{sub.text}” has no answer; kept as text", sub.line
                )
                unanswered.append(sub)
        if not questions:
            return None
        self.text.extend(intro)
        return {"heading": heading.text, "questions": questions}, unanswered

    def question(self, heading, nodes):
        return {"question": heading.text, "answer": self.html(nodes)}

    # --- Quotes, callouts and calls to action --------------------------------

    def quote(self, node):
        first = node.children[0] if node.children else None
        if isinstance(first, Paragraph):
            line_tokens, rest = split_first_line(first.inline)
            words = inline_text(line_tokens)
            marker = words.split(" ", 1)[0].lower()
            kind = ALERTS.get(marker)
            if kind and kind in self.block_names:
                title = words[len(marker) :].strip()
                others = ([Paragraph(rest, first.line)] if rest else []) + node.children[1:]
                builder = self.callout if kind == "safety_callout" else self.call_to_action
                self.add(kind, builder(title, others, node.line), node.line)
                return
        if "quote" not in self.block_names:
            self.text.append(node)
            return
        nodes, attribution = list(node.children), ""
        last = nodes[-1] if nodes else None
        if isinstance(last, Paragraph):
            breaks = [i for i, t in enumerate(last.inline) if t.type in ("softbreak", "hardbreak")]
            cut = breaks[-1] + 1 if breaks else 0
            match = ATTRIBUTION.match(inline_text(last.inline[cut:]))
            if match:
                attribution = match[1].strip()
                kept = [Paragraph(last.inline[: breaks[-1]], last.line)] if breaks else []
                nodes = nodes[:-1] + kept
        value = {"quote": plain_text(nodes), "attribution": attribution}
        self.add("quote", value, node.line)

    def callout(self, title, nodes, line):
        return {"heading": title or self.default("safety_callout"), "text": self.html(nodes)}

    def call_to_action(self, title, nodes, line):
        value = {"heading": title or self.default("call_to_action"), "text": "", "link": ""}
        last = nodes[-1] if nodes else None
        if isinstance(last, Paragraph):
            breaks = [i for i, t in enumerate(last.inline) if t.type in ("softbreak", "hardbreak")]
            cut = breaks[-1] + 1 if breaks else 0
            tokens = [t for t in last.inline[cut:] if t.type != "text" or t.content.strip()]
            if tokens and tokens[0].type == "link_open" and tokens[-1].type == "link_close":
                href = tokens[0].attrs.get("href", "")
                value["button_label"] = inline_text(tokens[1:-1])
                value["link"] = "" if href == "#book" else href
                kept = [Paragraph(last.inline[: breaks[-1]], last.line)] if breaks else []
                nodes = nodes[:-1] + kept
        value["text"] = plain_text(nodes)
        return value


def split_subsections(nodes):
    """(blocks before the first heading, [(heading, its blocks)]) at the shallowest level."""
    levels = [node.level for node in nodes if isinstance(node, Heading)]
    if not levels:
        return nodes, []
    level = min(levels)
    intro, subsections = [], []
    for node in nodes:
        if isinstance(node, Heading) and node.level == level:
            subsections.append((node, []))
        elif subsections:
            subsections[-1][1].append(node)
        else:
            intro.append(node)
    return intro, subsections


def split_quotes(nodes):
    """A section's blocks without its blockquotes, and the blockquotes: they become their
    own quote, callout or call-to-action blocks after the section's block."""
    return [n for n in nodes if not isinstance(n, Quote)], [
        n for n in nodes if isinstance(n, Quote)
    ]


def first_list(nodes):
    for position, node in enumerate(nodes):
        if isinstance(node, List):
            return position, node
    return None


def without(nodes, position):
    return nodes[:position] + nodes[position + 1 :]


def materials(text):
    parts = DASH.split(text, maxsplit=1)
    if len(parts) == 2:
        return [{"material": parts[0].strip(), "why": parts[1].strip()}]
    return [{"material": name.strip(), "why": ""} for name in text.split(",") if name.strip()]
