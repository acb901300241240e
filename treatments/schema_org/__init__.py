"""schema.org JSON-LD for the clinic's pages: an optional sub-app of the treatments plugin.

With `treatments.schema_org` in INSTALLED_APPS, `{% load structured_data_tags %}
{% structured_data %}` in a page's <head> writes one JSON-LD graph: the clinic (Settings ›
Clinic details), the page's own items and its breadcrumb trail. Page types register what
they are (`graph.page_items`); a page type that registers nothing is a WebPage, or the
`schema_org_type` it names. Blocks give their own fragments (docs/architecture.md).
"""
