"""Markdown sections to StreamField blocks, following the mapping in docs/importing.md.

`build_body` reads the blocks a page's StreamField accepts and maps only those:
a treatment body gets what-to-expect, aftercare and the rest; an article body gets
FAQs, callouts, quotes, images and text. Whatever cannot be mapped is kept as text.

Headings are recognised by meaning (docs/importing.md, "How sections are recognised"):
normalised, and without the page's own names, they are matched against each block's
`Meta.import_headings`. Sections written as prose still land in their block where it can
hold prose, and facts stated in sentences anywhere (prose.py) fill the blocks the file
has no section for.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from . import prose
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

# Section headings, matched against the normalised heading (`heading_key`): each block
# names its own (Meta.import_headings, treatments/blocks/). These two are not blocks: a
# treatment's list of conditions is the page's own, and "text" headings stay plain text
# (an introduction or a conclusion, not a question for the FAQ).
CONDITIONS_HEADINGS = (
    r"(what (does|can|do|will) (.+ )?(treat|help( with)?|address|improve)|"
    r"what (skin |facial )?(conditions|concerns|problems|issues) (can|does|do|will) (.+ )?"
    r"(treat|help( with)?|address|improve)|(skin |facial )?conditions|"
    r"conditions (we|it|they) (treat|help with)s?\b.*|conditions treated\b.*|what it (treats|"
    r"can treat|helps with|can help with)|what can it (treat|help with))"
)
TEXT_HEADINGS = (
    r"(what (is|are)( it| this( treatment)?)?|about( (it|this treatment|the treatment))?|"
    r"introduction|intro|overview|(in )?summary|(in )?conclusions?|final thoughts|"
    r"the bottom line)"
)
# Tried first, in this order: "What to expect after…" is aftercare, not what to expect.
FIRST_KINDS = ("text", "conditions", "aftercare")
NEGATIVE_HEADING = re.compile(
    r"\b(not|avoid|contraindicat\w*|unsuitable|cannot|can['’]t|shouldn['’]t|should not)\b", re.I
)
NEGATIVE_ITEM = re.compile(r"^(no|not|don['’]t|do not|avoid|skip|never|stop)\b", re.I)
MAINTENANCE = re.compile(r"(maint|keep|top.?up)", re.I)
MAINTENANCE_SENTENCE = re.compile(
    r"\b(maint\w*|top[- ]?ups?|sustain\w*|keep(ing)? (the |your )?results)\b", re.I
)
DURATION = re.compile(
    r"^(?P<title>.*?)\s*\((?P<duration>[^()]*[0-9][^()]*(sec|min|hour|hr|day|week)[^()]*)\)$", re.I
)
LABEL = re.compile(r"^\s*(?P<label>[^:]{1,40}):\s*(?P<value>.+)$", re.S)
DASH = re.compile(r"\s+[\u2014\u2013-]\s+")
ATTRIBUTION = re.compile(r"^\s*(?:\u2014|\u2013|--|~)\s*(.+)$")
# A sentence that introduces a list of what a treatment does: "… massage results in:".
BENEFITS_LEAD_IN = re.compile(
    r"\b(results in|benefits( include)?|(can |will )?(help|helps) (you )?(with|to)|"
    r"(you can|you may) (expect|notice|see)|improves?|gives you)\s*:\s*$",
    re.I,
)
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
# Lengths in the digits 0-9 only (treatments/numbers.py): `\d` would also match "١".
NEEDLE = re.compile(
    r"([0-9]+(?:\.[0-9]+)?)\s*(?:mm)?\s*(?:[\u2013\u2014-]|to)\s*([0-9]+(?:\.[0-9]+)?)\s*mm|"
    r"([0-9]+(?:\.[0-9]+)?)\s*mm",
    re.I,
)
# A short name for a step written as a paragraph, from what its first sentence is about.
STEP_TITLES = [
    (r"\b(consult\w*|talk(ing)? through|medical history|assess\w*)\b", "Consultation"),
    (r"\b(cleans\w*|numbing|prepar\w*)\b", "Preparation"),
    (r"\b(cupping|cups?)\b.*\bgua sha\b|\bgua sha\b.*\b(cupping|cups?)\b", "Cupping and gua sha"),
    (r"\b(cupping|cups)\b", "Cupping"),
    (r"\bgua sha\b", "Gua sha"),
    (r"\b(needles?|dermarol\w*|micro-?needl\w*|pen)\b", "The treatment"),
    (r"\b(skin ?care|diet)\b.*\b(skin ?care|diet)\b", "Skincare and diet advice"),
    (r"\b(skin ?care|sunscreen)\b", "Skincare advice"),
    (r"\b(after ?care|advice)\b", "Aftercare advice"),
]
# Words in an at-home section's heading that name no tool: "At home treatments".
HOME_WORDS = re.compile(
    r"\b(at[- ]home|home[- ]care|home|between (visits|sessions)|self[- ]care|diy)\b", re.I
)
GENERIC_HOME = {"treatment", "treatments", "care", "tool", "tools", "technique", "techniques"}
GENERIC_HOME |= {"routine", "routines", "tips", "the", "your", "and", "for", "to", "use", "do"}
# Why a section that matched a heading could not make its block (the warning says it).
NOT_PLACED = {
    "session_facts": "no `Label: value` lines and no facts in its sentences",
    "what_to_expect": "no steps: no list, sub-headings or paragraphs under it",
    "benefits": "a Benefits block needs a list of benefits",
    "suitability": "no list, and no sentence saying who it suits or who should not have it",
    "at_home_care": "no tools or techniques: nothing under it",
    "aftercare": "no list, and no sentence of advice (“avoid …”, “use …”)",
    "results": "no text under it",
    "faq": "no questions with answers under it",
    "provider_checklist": "a provider checklist needs a list of things to check",
    "conditions": "no list of conditions under it",
}
# Blocks made from sentences outside their own section.
PROSE_KINDS = ("aftercare", "suitability")
HEADING_LIMIT = 80  # a section block's heading (blocks/base.py heading_block)


def squash(text):
    """Letters and digits only: "Micro-needling" and "micro needling" are "microneedling"."""
    return re.sub(r"[\W_]+", "", prose.straight(text).casefold())


def heading_key(text, names=()):
    """A heading as its patterns see it: lower case, straight quotes, no end punctuation,
    hyphens between words as spaces, and without the page's own names (`names`, squashed):
    "Benefits of Micro-Needling Treatment" on the Microneedling page is
    "benefits of treatment"."""
    key = prose.straight(text).strip().lower()
    key = re.sub(r"[\s?:.!…)]+$", "", key)
    key = re.sub(r"(?<=\w)-(?=\w)", " ", key).replace('"', "")
    words = key.split()
    if names:
        kept, index = [], 0
        while index < len(words):
            for end in range(len(words), index, -1):
                if squash(" ".join(words[index:end])) in names:
                    index = end
                    break
            else:
                kept.append(words[index])
                index += 1
        words = kept
    return " ".join(words)


def title_head(title):
    """The name at the start of a page title: "Microneedling" from "Microneedling at Day
    Spa" or "Microneedling Treatment Skin Health and Appearance"."""
    return re.split(
        r"\s+(?:at|for|in|with|by|from|near)\s+|\s*[:|–—]\s+|\s+-\s+|"
        r"\s+(?:treatments?|therapy|procedures?|services?|guide|explained)\b",
        title.strip(),
        maxsplit=1,
        flags=re.I,
    )[0]


def section_patterns(stream_block, with_conditions):
    """{kind: heading pattern} for the sections a stream's blocks take on import, in the
    order they are tried."""
    patterns = {
        name: child.meta.import_headings
        for name, child in stream_block.child_blocks.items()
        if getattr(child.meta, "import_headings", None)
    }
    if with_conditions:
        patterns["conditions"] = CONDITIONS_HEADINGS
    patterns["text"] = TEXT_HEADINGS
    first = {kind: patterns[kind] for kind in FIRST_KINDS if kind in patterns}
    return first | patterns


def classify(text, patterns, names=()):
    key = heading_key(text, names)
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
    aliases: list = field(default_factory=list)  # other names the text gives the page

    def raw(self):
        return [{"type": piece.type, "value": piece.value} for piece in self.pieces]


class BodyBuilder:
    """Builds a Body for one file; `context` supplies warnings, links and images.

    `title` and `aliases` (the page's title and the other names its file gives it, a list
    or one comma-separated line) are left out of headings before they are matched, and so
    are other names the text gives it; `lead` is text taken out of the body before (the
    summary), read for those names too."""

    def __init__(self, stream_block, context, with_conditions=False, title="", aliases=(), lead=""):
        self.blocks = stream_block.child_blocks
        self.block_names = set(self.blocks)
        self.counts = stream_block.meta.block_counts or {}
        self.context = context
        self.kinds = section_patterns(stream_block, with_conditions)
        self.body = Body()
        self.text = []
        self.title = title or ""
        if isinstance(aliases, str):
            aliases = aliases.split(",")
        self.given_names = [name.strip() for name in aliases if name and name.strip()]
        self.lead = lead or ""
        self.names = set()
        self.losers = {}  # id(heading) -> the heading whose section makes that block
        self.prose_kinds = set()
        self.prose_pieces = {}  # kind -> the Piece made from sentences outside its section
        self.call_to_action_wanted = False
        self.extra_benefits = []  # benefits found in a list of conditions
        self.benefits_at = None
        self.facts = None  # (session facts found in sentences, the first one's line)
        self.planned = {}  # the kinds of block the file has sections for (see plan)

    def default(self, block_type, field="heading"):
        """The default a block's field has in the admin, e.g. the FAQ's heading."""
        return self.blocks[block_type].child_blocks[field].get_default()

    def labels(self, block):
        """{label: field} for "Label: value" lines that fill a block's fields."""
        return block.meta.import_labels

    def heading_value(self, heading):
        return shorten(heading.text, HEADING_LIMIT)

    def classify(self, heading):
        return classify(heading.text, self.kinds, self.names)

    # --- Before walking: names, competing sections, facts in sentences -------------------

    def prepare(self, nodes):
        paragraphs = [node for node in nodes if isinstance(node, Paragraph)]
        texts = [self.lead, *(paragraph.text for paragraph in paragraphs)]
        found = [alias for text in texts for alias in prose.aliases(text)]
        called = [name for text in texts for name in prose.called_names(text)]
        own = [self.title, title_head(self.title), *self.given_names]
        self.names = {squash(name) for name in [*own, *found, *called] if squash(name)}
        known = {squash(name) for name in own if name}
        for alias in found:
            if squash(alias) not in known:
                known.add(squash(alias))
                self.body.aliases.append(alias)
        sections = self.planned = self.plan(nodes)
        self.prose_kinds = {
            kind for kind in PROSE_KINDS if kind in self.block_names and kind not in sections
        }
        booked = any(
            isinstance(node, Quote) and plain_text(node.children).lower().startswith("[!book]")
            for node in nodes
        )
        self.call_to_action_wanted = "call_to_action" in self.block_names and not booked
        if "session_facts" in self.block_names and "session_facts" not in sections:
            self.facts_from_sentences(paragraphs)

    def plan(self, nodes):
        """The kinds of block the file has sections for. Where two sections make a block a
        page has once, the first with a list or sub-headings makes it (else the first)."""
        found = {}
        for index, node in enumerate(nodes):
            if not isinstance(node, Heading):
                continue
            kind = self.classify(node)
            if kind in (None, "text"):
                continue
            end = self.section_end(nodes, index, kind)
            structured = any(isinstance(n, (List, Heading)) for n in nodes[index + 1 : end])
            found.setdefault(kind, []).append((node, structured))
        for kind, sections in found.items():
            if self.counts.get(kind, {}).get("max_num") != 1 or len(sections) < 2:
                continue
            winner = next((node for node, structured in sections if structured), sections[0][0])
            for node, _ in sections:
                if node is not winner:
                    self.losers[id(node)] = winner
        return set(found)

    def facts_from_sentences(self, paragraphs):
        block = self.blocks["session_facts"]
        limits = {
            name: getattr(child.field, "max_length", None) or 80
            for name, child in block.child_blocks.items()
        }
        needle = block.child_blocks["needle_length_min"]
        bounds = (needle.field.min_value, needle.field.max_value)
        facts, line = {}, None
        for paragraph in paragraphs:
            found = prose.session_facts([paragraph.text], limits, bounds)
            for name, value in found.items():
                facts.setdefault(name, value)
            if found and line is None:
                line = paragraph.line
        if facts:
            self.facts = (facts, line)

    # --- Walking the document ---------------------------------------------

    def build(self, nodes):
        self.prepare(nodes)
        index = 0
        while index < len(nodes):
            node = nodes[index]
            if isinstance(node, Heading):
                kind = self.classify(node)
                if kind and id(node) in self.losers:
                    winner = self.losers[id(node)]
                    label = self.blocks[kind].label
                    self.context.warn(
                        f"section “{node.text}” kept as text: the page has one {label} block, "
                        f"made from “{winner.text}” (line {winner.line})",
                        node.line,
                    )
                    kind = "text"
                if kind == "text":
                    self.text.append(node)
                    index += 1
                    continue
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
            elif isinstance(node, Paragraph):
                self.free_paragraph(node)
            elif isinstance(node, List) and self.introduces_benefits():
                self.benefits_from_list(node)
            else:
                self.text.append(node)
            index += 1
        self.flush()
        self.finish()
        return self.body

    def section_end(self, nodes, start, kind):
        level = nodes[start].level
        for index in range(start + 1, len(nodes)):
            node = nodes[index]
            if not isinstance(node, Heading):
                continue
            if node.level <= level:
                return index
            nested = self.classify(node)
            if kind != "faq" and nested and nested not in (kind, "text"):
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
            and not self.classify(nodes[index])
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
            last = self.body.pieces[-1] if self.body.pieces else None
            if last and last.type == "rich_text" and self.benefits_at != len(self.body.pieces):
                last.value += html  # text on both sides of a list that left (conditions)
            else:
                self.body.pieces.append(Piece("rich_text", html, self.text[0].line))
        self.text = []

    def finish(self):
        """Blocks made from what was found along the way: benefits listed among conditions
        (into the Benefits block, or a new one where the list was) and session facts found
        in sentences (a new block at the top)."""
        if self.extra_benefits:
            items = [text for text, _ in self.extra_benefits]
            existing = next((p for p in self.body.pieces if p.type == "benefits"), None)
            if existing is not None:
                existing.value["items"] = [*existing.value["items"], *items]
            elif "benefits" in self.block_names:
                value = {"heading": self.default("benefits"), "items": items}
                at = len(self.body.pieces) if self.benefits_at is None else self.benefits_at
                self.body.pieces.insert(at, Piece("benefits", value, self.extra_benefits[0][1]))
        if self.facts:
            facts, line = self.facts
            labels = [
                "needle length"
                if name == "needle_length_min"
                else self.blocks["session_facts"].child_blocks[name].label.lower()
                for name in facts
                if name != "needle_length_max"
            ]
            self.body.pieces.insert(
                0, Piece("session_facts", {"heading": self.default("session_facts"), **facts}, line)
            )
            self.context.warn(
                f"made “{self.default('session_facts')}” from sentences in the text "
                f"({', '.join(labels)}): check them",
                line,
            )

    def html(self, nodes, headings=False):
        return to_html(nodes, headings=headings, rewrite_link=self.context.rewrite_link)

    def inline(self, tokens):
        return inline_html(tokens, self.context.rewrite_link)

    # --- Facts in free text -------------------------------------------------

    def introduces_benefits(self):
        """Whether the text just before a list says the list is what the treatment does
        ("Anti-wrinkle massage results in:"), on a page with no Benefits section."""
        last = self.text[-1] if self.text else None
        return (
            isinstance(last, Paragraph)
            and "benefits" in self.block_names
            and not any(piece.type == "benefits" for piece in self.body.pieces)
            and "benefits" not in self.planned
            and bool(BENEFITS_LEAD_IN.search(last.text))
        )

    def benefits_from_list(self, node):
        items = [plain_text(item.children).rstrip(";.,").strip() for item in node.items]
        items = [item for item in items if item]
        lead = self.text[-1]
        self.flush()
        self.add("benefits", {"heading": self.default("benefits"), "items": items}, node.line)
        self.context.warn(
            f"the list after “…{lead.text[-50:].lstrip()}” became a Benefits block: check "
            "its heading",
            node.line,
        )

    def free_paragraph(self, node):
        """A paragraph outside structured sections: a call to action becomes its block;
        sentences of aftercare advice, or saying who the treatment suits, go to those
        blocks when the file has no section for them; the rest stays text."""
        if self.call_to_action_wanted and prose.is_call_to_action(node.text):
            self.flush()
            self.add_call_to_action(node)
            return
        context = bool(prose.AFTER_CONTEXT.search(node.text))
        if "aftercare" in self.prose_kinds and context:
            node = self.aftercare_in_text(node)
        if node is not None and "suitability" in self.prose_kinds:
            node = self.suitability_in_text(node)
        if node is not None:
            self.text.append(node)

    def aftercare_in_text(self, node):
        items, used = [], []
        for start, end in prose.sentence_spans(node.text):
            found = prose.aftercare_items(node.text[start:end], context=True)
            if found:
                items.extend(found)
                used.append((start, end))
        if not items:
            return node
        rest = prose.without_spans(node, used)
        piece = self.prose_pieces.get("aftercare")
        if piece is not None:
            stage = piece.value["stages"][0]
            for bucket, text in items:
                stage[bucket].append(text)
            return rest
        intro = []
        if rest is not None and prose.AFTER_OPENING.match(rest.text):
            intro, rest = [rest], None
        if rest is not None:
            self.text.append(rest)
        self.flush()
        stage = {"when": "After your treatment", "dos": [], "donts": []}
        for bucket, text in items:
            stage[bucket].append(text)
        value = {"heading": self.default("aftercare"), "intro": self.html(intro), "stages": [stage]}
        if self.add("aftercare", value, node.line):
            self.prose_pieces["aftercare"] = self.body.pieces[-1]
            self.context.warn(
                f"made “{value['heading']}” from advice in the text (“{shorten(items[0][1], 60)}”"
                f"{' and more' if len(items) > 1 else ''}): check it",
                node.line,
            )
        return None

    def suitability_in_text(self, node):
        found = prose.suitability(node.text)
        if found is None:
            return node
        rest = prose.without_spans(node, found.spans)
        piece = self.prose_pieces.get("suitability")
        if piece is not None:
            piece.value["suits"].extend(found.suits)
            piece.value["not_suitable"].extend(found.not_suitable)
            if found.consult and "consult_prompt" not in piece.value:
                piece.value["consult_prompt"] = found.consult
            return rest
        if rest is not None:
            self.text.append(rest)
        self.flush()
        value = {
            "heading": self.default("suitability"),
            "suits": found.suits,
            "not_suitable": found.not_suitable,
        }
        if found.consult:
            value["consult_prompt"] = found.consult
        if self.add("suitability", value, node.line):
            self.prose_pieces["suitability"] = self.body.pieces[-1]
            self.context.warn(
                f"made “{value['heading']}” from sentences in the text: check it", node.line
            )
        return None

    def add_call_to_action(self, node):
        value = {
            "heading": self.default("call_to_action"),
            "text": node.text,
            "button_label": self.default("call_to_action", "button_label"),
            "link": "",
        }
        self.add("call_to_action", value, node.line)
        self.call_to_action_wanted = False

    def take_call_to_action(self, nodes):
        """A section's nodes without a call-to-action paragraph, and that paragraph."""
        if not self.call_to_action_wanted:
            return nodes, None
        for position, node in enumerate(nodes):
            if isinstance(node, Paragraph) and prose.is_call_to_action(node.text):
                return without(nodes, position), node
        return nodes, None

    # --- Sections ---------------------------------------------------------

    def section(self, kind, heading, nodes):
        nodes, quotes = split_quotes(nodes)
        nodes, action = self.take_call_to_action(nodes)
        built = getattr(self, f"build_{kind}")(heading, nodes)
        if built is None:
            reason = NOT_PLACED.get(kind, "nothing to make its block from")
            self.context.warn(
                f"section “{heading.text}” kept as text: {reason} (see docs/importing.md)",
                heading.line,
            )
            self.text.extend([heading, *nodes])
        else:
            value, after, before = (*built, [])[:3]
            self.warn_images([n for n in nodes if n not in after and n not in before])
            self.text.extend(before)
            self.flush()
            if kind == "conditions":
                if self.extra_benefits and self.benefits_at is None:
                    self.benefits_at = len(self.body.pieces)
                self.text.extend(after)
            elif self.add(kind, value, heading.line):
                if action is not None:  # text written after the call to action stays after it
                    later = [n for n in after if n.line and n.line > action.line]
                    after = [n for n in after if n not in later]
                    self.text.extend(after)
                    self.flush()
                    self.add_call_to_action(action)
                    action, after = None, later
                self.text.extend(after)
            else:
                self.context.warn(
                    f"a page can have only one “{heading.text}” block; this one was kept as text",
                    heading.line,
                )
                self.text.extend([heading, *nodes])
        if action is not None:
            self.flush()
            self.add_call_to_action(action)
        if quotes:
            self.flush()
            for quote in quotes:
                self.quote(quote)

    def build_session_facts(self, heading, nodes):
        value = {"heading": self.heading_value(heading)}
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
            return self.steps_from_paragraphs(heading, nodes)
        intro, steps, leftovers = found
        value = {"heading": self.heading_value(heading), "intro": self.html(intro), "steps": steps}
        return value, leftovers

    def steps_from_paragraphs(self, heading, nodes):
        """A what-to-expect section written as paragraphs: one step each. With three or
        more, the first is the intro; a paragraph ending with ':' is one too."""
        paragraphs = [node for node in nodes if isinstance(node, Paragraph)]
        others = [node for node in nodes if not isinstance(node, Paragraph)]
        intro = []
        if paragraphs and (len(paragraphs) >= 3 or paragraphs[0].text.endswith(":")):
            intro = [paragraphs.pop(0)]
        if not paragraphs:
            return None
        steps, titles = [], set()
        for paragraph in paragraphs:
            step = self.step_from_paragraph(paragraph, titles)
            titles.add(step["title"])
            steps.append(step)
        self.context.warn(
            f"section “{heading.text}” has no list of steps: each paragraph became a step; "
            "check the step titles",
            heading.line,
        )
        value = {"heading": self.heading_value(heading), "intro": self.html(intro), "steps": steps}
        return value, others

    def step_from_paragraph(self, paragraph, taken):
        text = paragraph.text
        spans = prose.sentence_spans(text)
        first = text[: spans[0][1]] if spans else text
        for pattern, title in STEP_TITLES:
            if title not in taken and re.search(pattern, first, re.I):
                return self.step(title, self.html([paragraph]))
        limit = self.limit_of_step_title()
        if len(spans) > 1 and len(first) <= limit:
            rest = prose.without_spans(paragraph, [spans[0]])
            return self.step(first.rstrip(" ."), self.html([rest]))
        clause = first.split(", ", 1)[0].rstrip(" .")
        title = clause if 3 <= len(clause.split()) and len(clause) <= limit else None
        return self.step(title or shorten(first.rstrip(" ."), limit), self.html([paragraph]))

    def limit_of_step_title(self):
        steps = self.blocks["what_to_expect"].child_blocks["steps"].child_block
        return steps.child_blocks["title"].field.max_length

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
        """(lead or None, the rest of the first paragraph, the item's other blocks): the
        lead is the item's opening **bold** words, or a short label before a colon
        ("Consultation: During the first visit…")."""
        if item.children and isinstance(item.children[0], Paragraph):
            first = item.children[0]
            lead, rest = strip_lead(first.inline)
            if lead is None:
                found = prose.label_lead(first.text)
                if found:
                    label, offset = found
                    after = prose.without_spans(first, [(0, offset)])
                    if after is not None:
                        return label, after.inline, item.children[1:]
            return lead, rest, item.children[1:]
        return None, [], item.children

    def build_conditions(self, heading, nodes):
        found = first_list(nodes)
        if found is None:
            return None
        position, items = found
        for item in items.items:
            text = plain_text(item.children)
            if "benefits" in self.block_names and prose.is_benefit(text):
                self.extra_benefits.append((prose.fit_item(text), item.line))
                self.context.warn(
                    f"“{text}” is a benefit, not a condition: it went to the Benefits block",
                    item.line,
                )
                continue
            parts = DASH.split(text, maxsplit=1)
            if len(parts) == 1:
                parts = re.split(r":\s+", text, maxsplit=1)
            name, note = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
            if name:
                self.body.conditions.append((name.rstrip(" .;,"), note, item.line))
        leftovers = without(nodes, position)
        if leftovers:
            self.context.warn(
                f"the list under “{heading.text}” became the page's conditions (shown under "
                "“What it treats”); the text around it was kept as text",
                leftovers[0].line,
            )
        return None, leftovers

    def build_benefits(self, heading, nodes):
        found = first_list(nodes)
        if found is None:
            return None
        position, items = found
        benefits = [prose.fit_item(plain_text(item.children)) for item in items.items]
        before = nodes[:position]
        if before:
            self.context.warn(
                f"a Benefits block has no intro: “{shorten(plain_text(before), 60)}” "
                "was kept as text before it",
                before[0].line,
            )
        value = {"heading": self.heading_value(heading), "items": benefits}
        return value, nodes[position + 1 :], before

    def build_provider_checklist(self, heading, nodes):
        found = first_list(nodes)
        if found is None:
            return None
        position, items = found
        value = {
            "heading": self.heading_value(heading),
            "intro": self.html(nodes[:position]),
            "items": [prose.fit_item(plain_text(item.children)) for item in items.items],
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
                buckets[bucket].extend(
                    prose.fit_item(plain_text(item.children)) for item in node.items
                )
            else:
                paragraphs.append(node)
        if not buckets["suits"] and not buckets["not_suitable"]:
            return self.suitability_from_paragraphs(heading, paragraphs)
        value = {"heading": self.heading_value(heading), **buckets}
        if paragraphs and isinstance(paragraphs[-1], Paragraph) and len(paragraphs[-1].text) <= 240:
            value["consult_prompt"] = paragraphs.pop().text
        return value, paragraphs

    def suitability_from_paragraphs(self, heading, nodes):
        value = {"heading": self.heading_value(heading), "suits": [], "not_suitable": []}
        leftovers = []
        for node in nodes:
            found = prose.suitability(node.text) if isinstance(node, Paragraph) else None
            if found is None:
                leftovers.append(node)
                continue
            value["suits"].extend(found.suits)
            value["not_suitable"].extend(found.not_suitable)
            if found.consult and "consult_prompt" not in value:
                value["consult_prompt"] = found.consult
            rest = prose.without_spans(node, found.spans)
            if rest is not None:
                leftovers.append(rest)
        if not value["suits"] and not value["not_suitable"]:
            return None
        return value, leftovers

    def build_at_home_care(self, heading, nodes):
        found = self.entries(
            nodes,
            lambda sub, children: self.home_care_item(sub.text, children),
            self.home_care_item_from_list,
        )
        if found is None:
            return self.home_care_from_paragraphs(heading, nodes)
        intro, items, leftovers = found
        value = {"heading": self.heading_value(heading), "intro": self.html(intro), "items": items}
        return value, leftovers

    def home_care_from_paragraphs(self, heading, nodes):
        """An at-home section written as paragraphs: one item, named by the heading without
        its "at home" words ("Facial massage at home"), or by the tools the text names."""
        if not any(isinstance(node, Paragraph) for node in nodes):
            return None
        text = plain_text(nodes)
        item = self.home_care_item(self.home_care_name(heading.text, text), nodes)
        for name, value in prose.home_care_fields(text).items():
            item.setdefault(name, value)
        return {"heading": self.heading_value(heading), "intro": "", "items": [item]}, []

    def home_care_name(self, heading_text, text):
        limit = self.home_care_block().child_blocks["name"].field.max_length
        rest = re.sub(r"\s+", " ", HOME_WORDS.sub(" ", heading_text)).strip(" ,:;-–?.")
        if rest and not set(rest.lower().split()) <= GENERIC_HOME:
            return shorten(prose.capitalise(rest), limit)
        tools = prose.tools_named(text)
        if tools:
            return shorten(prose.capitalise(prose.joined(tools)), limit)
        return shorten(heading_text, limit)

    def home_care_block(self):
        return self.blocks["at_home_care"].child_blocks["items"].child_block

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
                labels = self.labels(self.home_care_block())
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
            lists = [n for n in nodes if isinstance(n, List)]
            if not lists:
                return self.aftercare_from_paragraphs(heading, nodes)
            paragraphs = [node for node in nodes if not isinstance(node, List)]
            stage, _ = self.stage("After your treatment", lists)
            value = {
                "heading": self.heading_value(heading),
                "intro": self.html(paragraphs),
                "stages": [stage],
            }
            return value, []
        stages = []
        for sub, children in subsections:
            stage, rest = self.stage(sub.text, children)
            if stage["dos"] or stage["donts"]:
                stages.append(stage)
                intro.extend(rest)
            else:  # no advice to list: its words join the intro, under their heading
                intro.extend([sub, *children])
        if not stages:
            return None
        value = {
            "heading": self.heading_value(heading),
            "intro": self.html(intro),
            "stages": stages,
        }
        return value, []

    def aftercare_from_paragraphs(self, heading, nodes):
        """An aftercare section written as paragraphs: sentences of advice become do's and
        don'ts ("avoid direct sunlight…"), the other sentences the intro."""
        stage = {"when": "After your treatment", "dos": [], "donts": []}
        intro = []
        for node in nodes:
            if not isinstance(node, Paragraph):
                intro.append(node)
                continue
            used = []
            for start, end in prose.sentence_spans(node.text):
                found = prose.aftercare_items(node.text[start:end], context=True)
                for bucket, text in found:
                    stage[bucket].append(text)
                if found:
                    used.append((start, end))
            rest = prose.without_spans(node, used)
            if rest is not None:
                intro.append(rest)
        if not stage["dos"] and not stage["donts"]:
            return None
        value = {
            "heading": self.heading_value(heading),
            "intro": self.html(intro),
            "stages": [stage],
        }
        return value, []

    def stage(self, when, nodes):
        """(a stage's do's and don'ts, the paragraphs that gave none): lists, and the
        sentences of advice in paragraphs."""
        value = {"when": shorten(when, 80), "dos": [], "donts": []}
        bucket, rest = None, []
        for node in nodes:
            if isinstance(node, Heading):
                bucket = DO_LABELS.get(heading_key(node.text))
            elif isinstance(node, List):
                for item in node.items:
                    text = prose.fit_item(plain_text(item.children))
                    match = LABEL.match(text)
                    labelled = DO_LABELS.get(match["label"].strip().lower()) if match else None
                    if labelled:
                        value[labelled].append(match["value"].strip())
                    else:
                        value[bucket or ("donts" if NEGATIVE_ITEM.match(text) else "dos")].append(
                            text
                        )
            elif isinstance(node, Paragraph):
                used = []
                for start, end in prose.sentence_spans(node.text):
                    found = prose.aftercare_items(node.text[start:end], context=True)
                    for kind, text in found:
                        value[bucket or kind].append(text)
                    if found:
                        used.append((start, end))
                left = prose.without_spans(node, used)
                if left is not None:
                    rest.append(left)
            else:
                rest.append(node)
        return value, rest

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
        if not maintenance and MAINTENANCE.search(heading.text):
            results, maintenance = self.maintenance_sentences(results)
        value = {
            "heading": self.heading_value(heading),
            "results": self.html(results),
            "maintenance": self.html(maintenance),
        }
        return value, []

    def maintenance_sentences(self, nodes):
        """Under "Results and maintenance" with no sub-heading: the last paragraph's closing
        sentences about keeping the results become the maintenance part."""
        last = nodes[-1]
        if not isinstance(last, Paragraph):
            return nodes, []
        spans = prose.sentence_spans(last.text)
        cut = len(spans)
        while cut > 0 and MAINTENANCE_SENTENCE.search(last.text[slice(*spans[cut - 1])]):
            cut -= 1
        if cut == len(spans) or (cut == 0 and len(nodes) == 1):
            return nodes, []
        kept = prose.without_spans(last, spans[cut:])
        moved = prose.without_spans(last, spans[:cut]) if cut else last
        return [*nodes[:-1], *([kept] if kept else [])], [moved]

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
        return {"heading": self.heading_value(heading), "questions": questions}, unanswered

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
