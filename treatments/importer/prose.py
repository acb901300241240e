"""Facts found in sentences: other names, session facts, aftercare, who a treatment suits.

Pages copied from clinic websites say in sentences what the blocks hold in fields: "also
known as collagen induction therapy", "needles between 0.5 and 1.5 mm in length", "you
should avoid direct sunlight for two to seven days". These functions find such sentences
(docs/importing.md, "How sections are recognised"); sections.py decides where the facts go.
Everything here reads plain text and returns plain values, except `without_spans`, which
cuts sentences out of a paragraph's inline Markdown and keeps the formatting of the rest.
"""

import re
from dataclasses import dataclass, field

from .markdown import Paragraph, inline_text

# --- Sentences -------------------------------------------------------------------------

# One character each way, so a normalised text keeps the offsets of the original.
STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u2010": "-", "\u2011": "-"})
ABBREVIATIONS = {"e.g", "i.e", "eg", "ie", "dr", "mr", "mrs", "ms", "vs", "etc", "approx", "st"}
SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s|$)")
NEXT_SENTENCE = re.compile(r"[\"“‘(\[]?[A-Z0-9]")


def straight(text):
    return text.translate(STRAIGHT)


def sentence_spans(text):
    """(start, end) of each sentence of `text`, ends included, spaces between left out."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(text):
        rest = text[match.end() :].lstrip()
        if rest and not NEXT_SENTENCE.match(rest):
            continue
        word = text[start : match.start()].rsplit(None, 1)
        if match.group().startswith(".") and word and word[-1].lower() in ABBREVIATIONS:
            continue
        spans.append((start, match.end()))
        start = len(text) - len(rest)
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def sentences(text):
    return [text[start:end] for start, end in sentence_spans(text)]


def capitalise(text):
    text = text.strip()
    return text[:1].upper() + text[1:]


def clean_item(text):
    """A phrase as a list item: capitalised, without a full stop or a joining word."""
    text = re.sub(r"^(?:and|or|also|then)\s+", "", text.strip(), flags=re.I)
    return capitalise(text.rstrip(" .;,:"))


def shorten(text, limit):
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–—-") + "…"


def title_like(text):
    """A title or heading set as a paragraph: a short line that does not end like a sentence,
    e.g. "Microneedling at Day Spa"."""
    text = text.strip()
    return bool(text) and len(text.split()) <= 12 and not re.search(r"[.!?:;,…]$", text)


# --- Cutting sentences out of a paragraph ------------------------------------------------


def _removed_positions(text, spans):
    """The positions (counted in non-space characters) that the spans leave out."""
    removed = set()
    for start, end in spans:
        first = sum(1 for char in text[:start] if not char.isspace())
        count = sum(1 for char in text[start:end] if not char.isspace())
        removed.update(range(first, first + count))
    return removed


def without_spans(paragraph, spans):
    """The paragraph without the characters of `spans` (offsets in `paragraph.text`), its
    links and emphasis kept around the words that stay; None when nothing stays."""
    if not spans:
        return paragraph
    removed = _removed_positions(paragraph.text, spans)
    count, tokens = 0, []
    for token in paragraph.inline:
        if token.type == "text":
            chars = []
            for char in token.content:
                if char.isspace():
                    chars.append(char)
                    continue
                if count not in removed:
                    chars.append(char)
                count += 1
            copy = token.copy()
            copy.content = "".join(chars)
            tokens.append(copy)
        elif token.type in ("code_inline", "image"):
            if count not in removed:
                tokens.append(token)
            count += sum(1 for char in token.content if not char.isspace())
        else:
            tokens.append(token)
    tokens = _tidy(tokens)
    if not inline_text(tokens):
        return None
    return Paragraph(tokens, paragraph.line)


def _tidy(tokens):
    """Single spaces, none at the start, and no formatting left wrapping nothing."""
    out, space = [], True
    for token in tokens:
        if token.type == "text":
            chars = []
            for char in token.content:
                if char.isspace():
                    if not space:
                        chars.append(" ")
                    space = True
                else:
                    chars.append(char)
                    space = False
            if chars:
                copy = token.copy()
                copy.content = "".join(chars)
                out.append(copy)
        elif token.type in ("softbreak", "hardbreak"):
            if not space:
                out.append(token)
            space = True
        elif token.type.endswith("_close") and out and out[-1].type == token.type[:-6] + "_open":
            out.pop()  # an emphasis or link whose words all went
        else:
            out.append(token)
            if token.type in ("code_inline", "image"):
                space = False
    while out and out[-1].type in ("softbreak", "hardbreak"):
        out.pop()
    return out


def opening_sentences(paragraph, limit, most=2):
    """(summary, the paragraph without it) from a paragraph's first sentence or two.

    The whole paragraph when it fits in `limit` characters (nothing of it stays);
    otherwise up to `most` whole sentences that fit; a first sentence too long on its own
    is shortened and the paragraph stays whole."""
    text = paragraph.text
    if len(text) <= limit:
        return text, None
    spans = sentence_spans(text)
    used = 0
    for count in range(1, min(most, len(spans)) + 1):
        if spans[count - 1][1] - spans[0][0] <= limit:
            used = count
    if not used:
        return shorten(text[: spans[0][1]], limit), paragraph
    end = spans[used - 1][1]
    return text[:end], without_spans(paragraph, [(0, end)])


# --- Durations --------------------------------------------------------------------------

# Numbers in the digits 0-9 only (treatments/numbers.py): `\d` would also match "٣" or "３".
NUMBER = (
    r"(?:a few|a couple of|several|a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|[0-9]+(?:\.[0-9]+)?)"
)
SPAN = rf"{NUMBER}(?:\s*(?:-|–|to|or|and)\s*{NUMBER})?"
UNIT = r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
TIME = (
    rf"(?:(?:up to|about|around|roughly|approximately|at least|between|only|just)\s+)?"
    rf"{SPAN}\s+{UNIT}(?:\s*(?:to|or|-|–)\s*{SPAN}\s+{UNIT})?(?:\s+or (?:longer|more|so))?"
)
SHORT_TIME = (
    rf"(?:(?:up to|about|around|roughly|approximately|at least|between)\s+)?{SPAN}\s+"
    r"(?:minutes?|mins?|hours?|hrs?)(?:\s+or (?:longer|more))?"
)


def time_value(text, limit):
    text = re.sub(r"^(?:in|within)\s+", "", text.strip(), flags=re.I)
    text = capitalise(text)
    return text if len(text) <= limit else None


# --- Other names ------------------------------------------------------------------------

ALIAS = re.compile(
    r"(?P<lead>^|\(\s*|[,;]\s*|\s)(?:(?:is|are)\s+)?(?:also|sometimes|often|commonly)\s+"
    r"(?:known\s+as|called|named|referred\s+to\s+as)\s+|(?P<familiar>\bbe familiar to you as\s+)",
    re.I,
)
CALLED_BEFORE_ALIAS = re.compile(
    r"\b(?:called|named)\s+(?P<name>[\w-]+(?:\s+[\w-]+){0,3})\s*\(\s*also\s+(?:known|called)",
    re.I,
)
ALIAS_SPLIT = re.compile(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", re.I)


def aliases(text):
    """Other names a text gives something: "(also known as X)", "also known as X or Y",
    "may be familiar to you as X"."""
    found = []
    text = straight(text)
    for sentence in sentences(text):
        for match in ALIAS.finditer(sentence):
            rest = sentence[match.end() :]
            opening = match.start() == 0 or sentence[: match.start()].strip() == ""
            stop = re.search(r"[.;:()!?]", rest)
            names = rest[: stop.start()] if stop else rest
            if opening or (match["lead"] or "").startswith(","):
                names = names.split(",", 1)[0]  # "Also known as X, it works…"
            for part in ALIAS_SPLIT.split(names):
                part = part.strip(" \"'")
                words = part.split()
                if not words or len(words) > 5:
                    break
                if len(words) > 1 and words[0].islower() and words[0].endswith("s"):
                    break  # "…, places needles": the sentence goes on
                found.append(capitalise(part) if part.islower() else part)
    return found


def called_names(text):
    """Names the text uses for the page's subject just before "(also known as …)"."""
    return [m["name"] for m in CALLED_BEFORE_ALIAS.finditer(straight(text))]


# --- Session facts ----------------------------------------------------------------------

NEEDLE_RANGE = re.compile(
    r"(?:between\s+)?(?P<low>[0-9]+(?:\.[0-9]+)?)\s*(?:mm|millimet(?:er|re)s?)?\s*(?:and|to|-|–|—)\s*"
    r"(?P<high>[0-9]+(?:\.[0-9]+)?)\s*(?:mm|millimet(?:er|re)s?)\b",
    re.I,
)
NEEDLE_ONE = re.compile(r"(?P<low>[0-9]+(?:\.[0-9]+)?)\s*(?:mm|millimet(?:er|re)s?)\b", re.I)
DURATION = re.compile(
    rf"\b(?:procedure|treatment|session|appointment|it)\b[^.]*?\b(?:lasts?|takes?)\s+"
    rf"(?P<time>{SHORT_TIME})(?!\s+(?:to|for|before)\b)",  # not "takes 20 minutes to work"
    re.I,
)
SESSIONS = re.compile(
    r"\b(?P<count>several|multiple|a few|[0-9]+(?:\s*(?:-|–|to)\s*[0-9]+)?|"
    r"(?:one|two|three|four|five|six|seven|eight|ten)(?:\s+to\s+(?:two|three|four|five|six|"
    r"seven|eight|ten|twelve))?)\s+(?:treatment\s+)?sessions\b",
    re.I,
)
SESSIONS_CONTEXT = re.compile(r"\b(?:need|require|recommend|course|results|benefit)", re.I)
SPACING = re.compile(rf"\bsessions\s+(?:spaced\s+)?(?P<time>{TIME})\s+apart\b", re.I)
TIME_TO_RESULTS = [
    re.compile(
        rf"\bresults\b[^.]*?\b(?:take|appear|show|become visible|are visible|develop)\s+"
        rf"(?P<time>{TIME})",
        re.I,
    ),
    re.compile(
        rf"\btake\s+(?P<time>{TIME})\s+(?:to|before you)\s+(?:see|notice)\b[^.]*?"
        rf"\b(?:results?|benefits?|difference|improvements?|effect)\b",
        re.I,
    ),
    re.compile(
        rf"\b(?:see|notice)\b[^.]*?\b(?:results?|improvements?|difference|changes?)\b[^.]*?"
        rf"\b(?P<time>(?:within|in|after)\s+{TIME})",
        re.I,
    ),
]
DOWNTIME = [
    re.compile(
        rf"\bskin\s+(?:will|may|might|can|is likely to|could)\s+(?:also\s+)?(?:be|look|feel|stay|"
        rf"remain)\s+(?:\w+\s+)?(?P<what>red|pink|swollen|sore|tender|bruised)\b[^.]*?\bfor\s+"
        rf"(?P<time>{TIME})",
        re.I,
    ),
    re.compile(
        rf"\b(?:redness|swelling|side effects|bruising|soreness)\b[^.]*?\b(?:resolve|settle|"
        rf"fade|subside|disappear|go down|clear|pass)s?\b[^.]*?\b(?P<time>(?:within|in|after)\s+"
        rf"{TIME})",
        re.I,
    ),
]
SYMPTOM = {
    "red": "redness",
    "pink": "redness",
    "swollen": "swelling",
    "sore": "soreness",
    "tender": "tenderness",
    "bruised": "bruising",
}


def needle_lengths(sentence, shortest, longest):
    """(shortest, longest) as strings, from a sentence about needles, in the allowed range."""
    if "needle" not in sentence.lower():
        return None
    match = NEEDLE_RANGE.search(sentence) or NEEDLE_ONE.search(sentence)
    if not match:
        return None
    low = float(match["low"])
    high = float(match.groupdict().get("high") or low)
    if not (float(shortest) <= low <= high <= float(longest)):
        return None
    return match["low"], match.groupdict().get("high") or match["low"]


def session_facts(texts, limits, needle_range):
    """{field: value} for the session-facts fields the texts state in sentences; the first
    sentence that states a field wins. `limits` gives each field's maximum length."""
    facts = {}

    def found(name, value):
        if name not in facts and value and len(value) <= limits.get(name, 80):
            facts[name] = value

    for text in texts:
        for sentence in sentences(straight(text)):
            lengths = needle_lengths(sentence, *needle_range)
            if lengths and "needle_length_min" not in facts:
                facts["needle_length_min"], facts["needle_length_max"] = lengths
            match = DURATION.search(sentence)
            if match:
                found("duration", capitalise(match["time"]))
            match = SESSIONS.search(sentence)
            if match and SESSIONS_CONTEXT.search(sentence):
                found("sessions", capitalise(match["count"]))
            match = SPACING.search(sentence)
            if match:
                found("spacing", time_value(match["time"], limits.get("spacing", 80)))
            for pattern in TIME_TO_RESULTS:
                match = pattern.search(sentence)
                if match:
                    found("time_to_results", time_value(match["time"], 80))
                    break
            for pattern in DOWNTIME:
                match = pattern.search(sentence)
                if match:
                    time = time_value(match["time"], 80)
                    what = match.groupdict().get("what")
                    if time and what:
                        time = f"{time} of {SYMPTOM[what.lower()]}"
                    found("downtime", time)
                    break
    return facts


# --- Aftercare --------------------------------------------------------------------------

AFTER_CONTEXT = re.compile(
    r"\bafter\s+(?:the\s+|your\s+|a\s+|each\s+|this\s+)?(?:[\w-]+\s+)?(?:treatment|procedure|"
    r"session|appointment|visit)s?\b|\bafterwards\b|\brecover\w*|\bheal(?:s|ed|ing)?\b|"
    r"\bpost[- ]?(?:care|treatment|procedure)|\baftercare\b|\bredness\b|\bdowntime\b",
    re.I,
)
AFTER_OPENING = re.compile(r"^(?:in the days |in the hours |right |straight |just )?after\b", re.I)
CONNECTIVE = re.compile(
    r"^(?:(?:in addition(?: to this)?|additionally|also|then|afterwards|finally|however|"
    r"for (?:the )?(?:first|next) [^,]{1,30}|after (?:the|your|a|each) [^,]{1,40}),\s*)",
    re.I,
)
ADVICE = re.compile(
    r"^(?:you (?:should|must|will need to|need to|may need to|ll need to|'ll need to|will want "
    r"to)|be sure to|make sure (?:to|that you|you)|remember to|try to|it(?:'s| is) (?:essential|"
    r"important|best|vital|a good idea|advisable|recommended) (?:that you|to)|we (?:recommend|"
    r"advise)(?: that you| you to)?|please)\s+(?:also\s+)?",
    re.I,
)
DONT = re.compile(
    r"^(?:avoid|don't|do not|never|skip|refrain from|stay out of|stay away from|keep away "
    r"from|no)\b",
    re.I,
)
DO_VERBS = {
    "use",
    "apply",
    "reapply",
    "wear",
    "keep",
    "stay",
    "drink",
    "follow",
    "wash",
    "cleanse",
    "moisturise",
    "moisturize",
    "protect",
    "sleep",
    "rest",
    "pat",
    "rinse",
    "take",
    "limit",
}
IMPERATIVE = {
    "avoiding": "avoid",
    "using": "use",
    "applying": "apply",
    "reapplying": "reapply",
    "wearing": "wear",
    "keeping": "keep",
    "staying": "stay",
    "drinking": "drink",
    "following": "follow",
    "washing": "wash",
    "cleansing": "cleanse",
    "moisturising": "moisturise",
    "moisturizing": "moisturize",
    "protecting": "protect",
    "sleeping": "sleep",
    "resting": "rest",
    "patting": "pat",
    "rinsing": "rinse",
    "taking": "take",
    "limiting": "limit",
    "skipping": "skip",
    "touching": "touch",
    "exercising": "exercise",
    "refraining": "refrain",
    "getting": "get",
}
INSTRUCTIONS_LIST = re.compile(
    r"^(?P<head>follow\b[^,]*?\binstructions?)\s*,?\s*which\s+(?:may\s+|might\s+|typically\s+|"
    r"usually\s+|often\s+|will\s+)?(?:include|involve)s?\s+(?P<list>.+)$",
    re.I,
)


def advice(sentence, context):
    """The instruction a sentence gives, e.g. "avoid direct sunlight for two to seven days"
    from "In addition to this, you should avoid…"; None when it gives none. Without
    `context` (text not under an aftercare heading) it must be about after the treatment."""
    text = CONNECTIVE.sub("", straight(sentence).strip())
    text = text.rstrip(" .!")
    prefixed = ADVICE.match(text)
    rest = text[prefixed.end() :] if prefixed else text
    first = rest.split(" ", 1)[0].lower()
    if not (DONT.match(rest) or first in DO_VERBS):
        return None
    if not context and not AFTER_CONTEXT.search(sentence):
        return None
    # Keep the writer's own characters (curly apostrophes) where the text is unchanged.
    original = sentence.strip().rstrip(" .!")
    start = len(original) - len(rest)
    return original[start:] if straight(original[start:]) == rest else rest


def aftercare_items(sentence, context=False):
    """[("dos" or "donts", item)] for an aftercare sentence, else []."""
    rest = advice(sentence, context)
    if rest is None:
        return []
    listed = INSTRUCTIONS_LIST.match(straight(rest))
    if listed:
        head = rest[: listed.end("head")]
        parts = re.split(r",\s*(?:and\s+)?|\s+and\s+(?=\w+ing\b)", rest[listed.start("list") :])
        items = [("dos", clean_item(head))]
        for part in parts:
            words = part.strip().split(" ", 1)
            if not words[0]:
                continue
            verb = IMPERATIVE.get(words[0].lower(), words[0])
            items.append(item_of(" ".join([verb, *words[1:]])))
        return items
    return [item_of(rest)]


def item_of(text):
    text = shorten(clean_item(text), 200)
    return ("donts" if DONT.match(straight(text)) else "dos"), text


# --- Who it suits -----------------------------------------------------------------------

PEOPLE = r"(?:adults|people|men and women|women|men|patients|clients|skin types|candidates)"
NOT_SUITABLE = [
    re.compile(
        r"\bif you (?:are prone to|have had|have a history of|have|suffer from|are taking|take|"
        r"are)\s+(?P<list>[^,]+?),\s*[^.]*?\b(?:may not be|might not be|is not|isn't|are not|"
        r"aren't|not be)\b[^.]*?\b(?:right|suitable|recommended|safe|for you|a good|candidate)",
        re.I,
    ),
    re.compile(
        r"\b(?:reasons? (?:why )?you (?:might|may) not (?:qualify|be (?:a )?(?:good |suitable )?"
        r"candidate)|you (?:may|might|should) not (?:qualify|have (?:this|it|the treatment))|"
        rf"(?:is|are) not (?:suitable|recommended|advised) for (?:{PEOPLE}|those|anyone))\s*"
        r"(?:include|includes|are|:|if you (?:have|are)|with|who (?:have|are))?\s*(?:having\s+)?"
        r"(?P<list>[^.]+)",
        re.I,
    ),
    re.compile(
        rf"\b(?:{PEOPLE}|those|anyone) (?:with|who have|who are)\s+(?P<list>[^.]+?)\s+"
        r"(?:should not|shouldn't|cannot|can't|should avoid|may not)\b(?!\s+hesitate)",
        re.I,
    ),
]
SUITS = [
    re.compile(
        rf"^(?P<who>(?:most|all|many|any)\s+(?:healthy\s+)?{PEOPLE}(?:\s+[^.]*?)?)\s+(?:are|is)\s+"
        r"(?:(?:usually|generally|often|typically)\s+)?(?:eligible|suitable|good candidates|"
        r"ideal candidates|candidates)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:is|are)\s+(?:generally\s+|usually\s+|typically\s+)?(?:safe|suitable|appropriate|"
        rf"ideal)\s+for\s+(?P<who>(?:most\s+|all\s+)?(?:healthy\s+)?{PEOPLE}[^.,;]*)",
        re.I,
    ),
]
CONSULT = re.compile(
    r"\b(?:consult|consultation|discuss(?:ed)?|check with|talk (?:to|with)|speak (?:to|with)|"
    r"determin(?:e|ation)|assess)\b",
    re.I,
)
LIST_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+or\s+|\s+and\s+(?!\w+ing\b)", re.I)


@dataclass
class Suitability:
    suits: list = field(default_factory=list)
    not_suitable: list = field(default_factory=list)
    consult: str = ""
    spans: list = field(default_factory=list)  # the sentences used


def suitability(text):
    """Who a paragraph says the treatment suits and who should not have it; a sentence
    about getting advice first becomes the nudge to book a consultation."""
    found = Suitability()
    plain = straight(text)
    advice_spans = []
    for start, end in sentence_spans(plain):
        sentence = plain[start:end].strip().rstrip(".")
        used = False
        for pattern in NOT_SUITABLE:
            match = pattern.search(sentence)
            if match:
                items = [clean_item(part) for part in LIST_SPLIT.split(match["list"])]
                found.not_suitable.extend(shorten(i, 200) for i in items if i)
                used = True
                break
        for pattern in SUITS:
            match = pattern.search(sentence)
            if match and not used:
                found.suits.append(shorten(clean_item(match["who"]), 200))
                used = True
                break
        if used:
            found.spans.append((start, end))
        elif CONSULT.search(sentence) and not found.consult:
            advice_spans.append((start, end))
    if not (found.suits or found.not_suitable):
        return None
    for start, end in advice_spans[:1]:
        consult = capitalise(CONNECTIVE.sub("", text[start:end].strip()))
        if len(consult) <= 240:
            found.consult = consult
            found.spans.append((start, end))
    return found


# --- Calls to action --------------------------------------------------------------------

CALL_TO_ACTION = re.compile(
    r"^(?:please\s+)?(?:(?:call|phone|ring|contact|email|e-mail|text|message)\s+(?:us|our\s+"
    r"(?:office|clinic|team|spa|practice|studio|salon)|the\s+(?:office|clinic|spa))\b|(?:book|"
    r"schedule|make|request)\s+(?:your|an|a)\s+(?:appointment|consultation|visit|session)\s+"
    r"(?:today|now|online)\b)",
    re.I,
)


def is_call_to_action(text, limit=240):
    """A short paragraph that opens by asking the reader to call or book."""
    spans = sentence_spans(text)
    return bool(
        spans
        and len(text) <= limit
        and len(spans) <= 3
        and CALL_TO_ACTION.match(straight(text[: spans[0][1]]))
    )


# --- Benefits set in a list of conditions -------------------------------------------------

BENEFIT_VERBS = {
    "stimulate",
    "improve",
    "reduce",
    "boost",
    "increase",
    "promote",
    "enhance",
    "tighten",
    "brighten",
    "smooth",
    "minimise",
    "minimize",
    "restore",
    "relieve",
    "ease",
    "help",
    "support",
    "lift",
    "firm",
    "plump",
    "hydrate",
    "soften",
    "calm",
    "relax",
    "rejuvenate",
    "refresh",
    "balance",
    "encourage",
    "strengthen",
    "detoxify",
    "diminish",
    "fade",
    "lighten",
    "regenerate",
    "renew",
    "release",
    "drain",
    "even",
    "unclog",
    "tone",
}


def is_benefit(text):
    """Whether a list item is something gained ("Stimulate collagen production", "Improves
    tone"), not a condition: it starts with a verb."""
    words = re.findall(r"[a-z]+", text.lower())
    if len(words) < 2:
        return False
    verb = words[0]
    forms = {verb, verb[:-1], verb[:-2]} if verb.endswith("s") else {verb}
    if verb.endswith("ies"):
        forms.add(verb[:-3] + "y")
    return bool(forms & BENEFIT_VERBS)


# --- At-home care -----------------------------------------------------------------------

HOME_SESSION = re.compile(
    rf"\b(?:duration|length) of (?:such |each |the |these |your |a )?(?:procedures?|sessions?|"
    rf"massages?|treatments?|routines?)\s+(?:should be|is|of)\s+(?P<time>{SHORT_TIME})"
    r"(?:\s+(?P<often>daily|a day|every day|nightly|every night|weekly|a week|twice a week))?",
    re.I,
)
HOME_COURSE = re.compile(
    rf"\b(?:duration|length) of (?:the|a|your) course\s+(?:should be|is)\s+(?P<time>{TIME})", re.I
)
TOOLS = [
    ("gua sha", r"gua sha"),
    ("cupping", r"(?:facial )?cupping"),
    ("dermarolling", r"derma ?roll(?:ing|ers?)"),
    ("jade roller", r"jade rollers?"),
    ("face roller", r"face rollers?"),
    ("facial massage", r"facial massage|self[- ]massage"),
    ("massager", r"massagers?"),
]


def home_care_fields(text):
    """Session length, how often and course length stated in at-home care text."""
    fields = {}
    for sentence in sentences(straight(text)):
        match = HOME_SESSION.search(sentence)
        if match and "session_length" not in fields:
            fields["session_length"] = capitalise(match["time"])
            if match["often"]:
                fields["frequency"] = capitalise(match["often"])
        match = HOME_COURSE.search(sentence)
        if match and "course_length" not in fields:
            fields["course_length"] = capitalise(match["time"])
    return {name: value for name, value in fields.items() if len(value) <= 60}


def tools_named(text):
    """The at-home tools a text names, in the order it names them."""
    found = []
    for name, pattern in TOOLS:
        match = re.search(rf"\b(?:{pattern})\b", text, re.I)
        if match:
            found.append((match.start(), name))
    return [name for _, name in sorted(found)]


def joined(names):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


# --- "Label: text" items ------------------------------------------------------------------

LABEL_LEAD = re.compile(r"^(?P<label>[^:.!?]{2,80}?):\s+(?P<rest>\S.*)$", re.S)


def label_lead(text):
    """("Consultation", offset of the rest) for "Consultation: During the first visit…", or
    None when the item does not open with a short label."""
    match = LABEL_LEAD.match(text)
    if not match or len(match["label"].split()) > 10 or "http" in match["label"].lower():
        return None
    return match["label"].strip(), match.start("rest")


def fit_item(text, limit=200):
    """A list item within `limit` characters: whole, or its label and first sentence, or its
    label ("Reduction of scars: Helps… (long)" keeps "Reduction of scars: Helps…")."""
    text = text.strip().rstrip(";,")
    if len(text) <= limit:
        return text
    lead = label_lead(text)
    if lead:
        label, offset = lead
        first = sentences(text[offset:])[0] if text[offset:].strip() else ""
        with_sentence = f"{label}: {first}"
        if first and len(with_sentence) <= limit:
            return with_sentence
        if len(label) <= limit:
            return label
    first = sentences(text)[0]
    return first if len(first) <= limit else shorten(text, limit)
