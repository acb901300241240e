"""Search for compound words: "microneedling", "micro-needling" and "micro needling" find
the same pages (docs/search.md).

The index splits "micro-needling" into "micro" and "needling", so a page that writes it so
is indexed with the joined word as well (`CompoundWordsMixin`), and a query is widened to
the joined and split forms of what the visitor typed (`compound_query`).
"""

import re

from django.core.exceptions import FieldDoesNotExist
from wagtail.search import index
from wagtail.search.query import And, Or, PlainText

from .text import joined_compounds

# A word of the query: a run of letters or digits in any script, hyphenated words kept whole
# ("micro-needling"). Only these reach the full-text engine, so quotes, wildcards, operators
# and emoji can never make a query it rejects.
QUERY_WORD = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
HYPHENS = re.compile(r"[-\u2010\u2011]")
# Longer queries are searched as typed: each extra word would add another alternative.
MAX_WORDS_TO_JOIN = 6


class CompoundWordsMixin:
    """Indexes the page's hyphenated words also as one word. Add `compound_words_field` to
    the page's `search_fields`."""

    def search_compounds(self):
        texts = []
        for search_field in self.search_fields:
            name = search_field.field_name
            if name == "search_compounds" or not isinstance(search_field, index.SearchField):
                continue
            value = getattr(self, name, None)
            value = value() if callable(value) else value
            try:
                field = self._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            if hasattr(field, "get_searchable_content"):  # StreamField, RichTextField
                texts.extend(field.get_searchable_content(value))
            elif isinstance(value, (list, tuple)):
                texts.extend(map(str, value))
            elif value:
                texts.append(str(value))
        return joined_compounds(texts)


compound_words_field = index.SearchField("search_compounds")


def compound_query(text):
    """A search query for `text` where compound words match in any of their forms:
    "micro-needling" also as "microneedling", and two words typed apart ("micro needling")
    also joined. Every word must match (as with operator="and"); None when no words."""
    words = QUERY_WORD.findall(text)
    if not words:
        return None

    def word_query(word):
        parts = HYPHENS.split(word)
        if len(parts) == 1:
            return PlainText(word)
        return Or([PlainText(" ".join(parts), operator="and"), PlainText("".join(parts))])

    query = And([word_query(word) for word in words])
    if len(words) > MAX_WORDS_TO_JOIN:
        return query
    # "micro needling": also the pair written as one word, one pair at a time.
    joined = [
        And(
            [word_query(w) for w in words[:i]]
            + [PlainText(HYPHENS.sub("", words[i] + words[i + 1]))]
            + [word_query(w) for w in words[i + 2 :]]
        )
        for i in range(len(words) - 1)
    ]
    return Or([query, *joined]) if joined else query
