"""schema.org JSON-LD for journal posts (see treatments/schema_org/graph.py)."""

from treatments.schema_org.graph import (
    clinic_reference,
    full_url,
    hero_image,
    node_id,
    page_items,
    person,
    web_page,
    with_faq,
)

from .models import BlogPage


def blog_posting(page, request):
    """A post as a BlogPosting: its authors as Persons, the clinic as its publisher."""
    url = full_url(page, request)
    authors = page.authors.select_related("practitioner")
    modified = page.last_published_at
    return web_page(
        page,
        request,
        "BlogPosting",
        **{
            "@id": node_id(url, "post"),
            "mainEntityOfPage": url,
            "headline": page.title,
            "description": page.search_description or page.summary,
            "datePublished": page.date,
            "dateModified": modified if modified and modified.date() >= page.date else page.date,
            "image": hero_image(page, request),
            # A post without named authors is the clinic's own.
            "author": [person(author.practitioner, request) for author in authors]
            or clinic_reference(request),
            "publisher": clinic_reference(request),
        },
    )


@page_items(BlogPage)
def post_items(page, request):
    """A post: its BlogPosting, plus a FAQPage when its body has questions."""
    return with_faq([blog_posting(page, request)], page, page.body, request)
