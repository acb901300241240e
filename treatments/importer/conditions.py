"""Which existing condition page a name in an imported list means.

A clinic's page says "TMJ", "Headaches" or "Bells Palsy or stroke"; the site has "TMJ and
jaw tension", "Tension headaches" and "Bell's palsy". `best_match` finds that page, from
the surest kind of match to the loosest (docs/importing.md, "How sections are recognised"):

1. the same words: case, punctuation, apostrophes, hyphens, word order, "and"/"or" and
   plurals aside ("Eczema or Psoriasis" is "Eczema and psoriasis");
2. one of the names the item joins with "or"/"and"/commas is the page, or one of the
   page's ("TMJ" is part of "TMJ and jaw tension", "Dark spots or discoloration" has
   "Dark spots");
3. one contains the other's words and both name the same kind of thing, so the last word
   matches ("Headaches" → "Tension headaches", "Severe acne" → "Acne"; but "Acne" is not
   "Acne scars");
4. a near spelling ("Rosaceae" → "Rosacea").

Standard library only (difflib).
"""

import re
from difflib import SequenceMatcher

JOINING = {"and", "or", "the", "a", "an", "of", "with", "in", "on", "your", "my", "to"}
# Words that name no condition on their own: "Skin" is not "Dull or tired-looking skin".
GENERIC = {"skin", "face", "facial", "body", "area", "condition", "problem", "issue", "concern"}
PARTS = re.compile(r"\s*(?:,|/|&|\+|\(|\)|\band\b|\bor\b)\s*", re.I)
NEAR_SPELLING = 0.88


def singular(word):
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text):
    """The meaningful words of a name, lower case and singular, without punctuation."""
    text = text.casefold().replace("’", "").replace("'", "")
    return tuple(
        singular(word) for word in re.split(r"[^\w]+", text) if word and word not in JOINING
    )


def squashed(text):
    return "".join(words(text))


def parts(text):
    """The names a text joins: "Eczema or Psoriasis" gives (eczema,), (psoriasis,); words in
    brackets are a name of their own."""
    return [found for part in PARTS.split(text.replace("-", " ")) if (found := words(part))]


def same_kind(shorter, longer):
    """`shorter`'s words all in `longer`, and both end with the same word (the thing named)."""
    return set(shorter) < set(longer) and shorter[-1] == longer[-1] and not set(shorter) <= GENERIC


def kind_of_match(name, candidate):
    """(1 to 4, see the module's docstring, and which of the names `name` joins matched)
    for how `name` matches `candidate`, or None."""
    mine, theirs = words(name), words(candidate)
    if not mine or not theirs:
        return None
    if set(mine) == set(theirs) or squashed(name) == squashed(candidate):
        return 1, 0
    my_parts, their_parts = parts(name), parts(candidate)
    for index, part in enumerate(my_parts):
        if set(part) == set(theirs) or any(set(part) == set(other) for other in their_parts):
            return 2, index
    if any(set(mine) == set(other) for other in their_parts):
        return 2, 0
    for index, part in enumerate(my_parts):
        for other in their_parts:
            if same_kind(part, other) or same_kind(other, part):
                return 3, index
    if SequenceMatcher(None, squashed(name), squashed(candidate)).ratio() >= NEAR_SPELLING:
        return 4, 0
    return None


def best_match(name, candidates):
    """(the candidate `name` means, how: 1–4) or (None, None). `candidates` are
    (object, [names it goes by]) pairs, e.g. a page with its title and slug."""
    best = None
    for position, (thing, names) in enumerate(candidates):
        for other in names:
            found = kind_of_match(name, other)
            if found is None:
                continue
            kind, part = found
            closeness = SequenceMatcher(None, squashed(name), squashed(other)).ratio()
            score = (kind, part, -closeness, position)
            if best is None or score < best[0]:
                best = (score, thing)
    if best is None:
        return None, None
    return best[1], best[0][0]
