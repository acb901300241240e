"""The site search at /search/: treatments, conditions and journal posts (docs/search.md)."""

import re

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from blog.models import BlogPage, nearest_page_number
from treatments.models import ConditionPage, TreatmentPage
from treatments.search import QUERY_WORD, compound_query
from treatments.visibility import visible

# The page types visitors can find, with the label each result shows.
SEARCHABLE_TYPES = {
    TreatmentPage: "Treatment",
    ConditionPage: "Condition",
    BlogPage: "Journal post",
}
RESULTS_PER_PAGE = 10
# Longer than any real question; a longer query is cut to this and the visitor told.
MAX_QUERY_LENGTH = 100
# NUL and other control characters: PostgreSQL refuses them and they print as nothing.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def read_query(raw):
    """(query to show, whether it was shortened) from the visitor's `?q=` value."""
    query = " ".join(CONTROL_CHARACTERS.sub(" ", raw).split())
    if len(query) <= MAX_QUERY_LENGTH:
        return query, False
    return query[:MAX_QUERY_LENGTH].rstrip(), True


def searchable_pages(site):
    """The treatments, conditions and posts of one site that visitors may see
    (treatments/visibility.py)."""
    return (
        visible(Page.objects.in_site(site))
        .type(*SEARCHABLE_TYPES)
        # One query per page type for a page of results; bodies are not needed.
        .specific()
        .defer_streamfields()
    )


def titles_first(matches, query):
    """The matches with the pages whose title holds every word searched for first, in the
    search backend's order otherwise: a visitor typing "facial acupuncture" wants that
    treatment before the conditions that mention it most. (A clinic's site has a few hundred
    pages at most: all matches are read, with their bodies left out.)"""
    words = set(QUERY_WORD.findall(query.casefold()))
    return sorted(
        matches, key=lambda page: not words <= set(QUERY_WORD.findall(page.title.casefold()))
    )


def type_label(page):
    return next(label for model, label in SEARCHABLE_TYPES.items() if isinstance(page, model))


@require_safe
def search(request):
    query, shortened = read_query(request.GET.get("q", ""))
    search_query = compound_query(query)
    site = Site.find_for_request(request)
    results = None
    if search_query is not None and site is not None:
        matches = titles_first(searchable_pages(site).search(search_query), query)
        paginator = Paginator(matches, RESULTS_PER_PAGE)
        results = paginator.page(nearest_page_number(request.GET.get("page"), paginator.num_pages))
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "search_query": query,
            "shortened": shortened,
            "max_query_length": MAX_QUERY_LENGTH,
            "results": results,
            "hits": [(page, type_label(page)) for page in results or []],
        },
    )
