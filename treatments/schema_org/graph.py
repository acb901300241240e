"""The JSON-LD graph of a response: the clinic, the page's own items, its breadcrumbs.

Page types register a function giving their items (`page_items`); a page type without one
is a WebPage, or the `schema_org_type` it names (e.g. "CollectionPage" for a list); an
optional app adds items to any page through PAGE_ITEMS_HOOK.
`page_graph` adds the clinic and the breadcrumb trail, and `json_ld` writes one escaped
`<script>` for all of them. The `{% structured_data %}` tag
(templatetags/structured_data_tags.py) puts it in <head>.

Blocks give their own fragments (`schema_org_properties`, `schema_org_questions`, see
treatments/blocks/base.py): `block_properties` merges them into the page's main entity.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.models import Site

from treatments.models import ClinicSettings, profile_url
from treatments.navigation import breadcrumb_trail, home_page, routed_view
from treatments.text import lines, page_description

SCHEMA = "https://schema.org/"

# Inside <script>, "</script>" or "<!--" in editor text would end or alter the element:
# JSON allows these characters as \u escapes, which parse back to the same text.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


# --- Values ------------------------------------------------------------------------


def compact(item):
    """The item without empty properties: schema.org readers expect absent, not blank."""
    return {key: value for key, value in item.items() if value not in (None, "", [], {})}


def full_url(page, request):
    """The page's full address, as its canonical link gives it (None if never saved)."""
    if not page.url_path:
        return None
    return page.get_full_url(request=request)


def node_id(url, name):
    """An @id for a node the page describes, e.g. https://…/microneedling/#treatment."""
    return f"{url}#{name}" if url else None


def image_object(image, alt, request):
    """An ImageObject for the original image (no renditions are made for it)."""
    if image is None:
        return None
    return compact(
        {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(image.file.url),
            "width": image.width,
            "height": image.height,
            "caption": alt,
        }
    )


def hero_image(page, request):
    return image_object(page.hero_image, page.hero_image_alt, request)


def block_properties(stream, request):
    """The schema.org properties a stream's blocks give the page's main entity, merged in
    the editor's order: text joined a line each, lists joined into one."""
    context = {"request": request}
    merged = {}
    for child in stream or []:
        fragment = getattr(child.block, "schema_org_properties", None)
        for name, value in (fragment(child.value, context) if fragment else {}).items():
            if isinstance(value, list):
                merged[name] = merged.get(name, []) + value
            else:
                merged[name] = lines([merged.get(name, ""), value])
    return merged


# --- Site-wide ---------------------------------------------------------------------


def medical_clinic(clinic, site, request, page=None):
    """The clinic from Settings › Clinic details; its image is the home page's photo, its
    logo the uploaded file and its `sameAs` the addresses of its social media profiles.

    `page` is the page being shown: on the home page itself it saves reading it again.
    """
    root = site.root_page
    if page is not None and page.pk == root.pk:
        root = page
    else:  # with its photo, read once per request (share tags use it too)
        root = home_page(request) or root
    root_url = full_url(root, request)
    address = clinic.address_lines
    return compact(
        {
            "@type": "MedicalClinic",
            "@id": node_id(root_url, "clinic"),
            "name": clinic.name or site.site_name,
            "url": root_url,
            "telephone": clinic.phone,
            "email": clinic.email,
            "address": {"@type": "PostalAddress", "streetAddress": ", ".join(address)}
            if address
            else None,
            "openingHoursSpecification": block_properties(clinic.opening_hours, request).get(
                "openingHoursSpecification"
            ),
            "image": hero_image(root, request) if hasattr(root, "hero_image") else None,
            "logo": image_object(clinic.logo, clinic.name, request),
            "sameAs": block_properties(clinic.social_links, request).get("sameAs"),
        }
    )


def clinic_reference(request):
    """{"@id": …} of the site's MedicalClinic node, e.g. as a post's publisher."""
    site = Site.find_for_request(request)
    return {"@id": node_id(full_url(site.root_page, request), "clinic")} if site else None


def breadcrumb_list(page, site, request):
    """The trail visitors see above the page (Home › Treatments › Microneedling).

    None for the home page itself, which shows no trail.
    """
    url, title = full_url(page, request), page.title
    trail = breadcrumb_trail(page, request)
    if not url or not trail:
        return None
    view = routed_view(page, request)  # e.g. a practitioner's profile below the team page
    if view is not None:
        url, title = url + view.path, view.title
    names = ["Home"] + [ancestor.title for ancestor in trail[1:]] + [title]
    urls = [full_url(ancestor, request) for ancestor in trail] + [url]
    return {
        "@type": "BreadcrumbList",
        "@id": node_id(url, "breadcrumb"),
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": item_url}
            for position, (name, item_url) in enumerate(zip(names, urls, strict=True), start=1)
        ],
    }


# --- Pages -------------------------------------------------------------------------


def web_page(page, request, schema_type="WebPage", **properties):
    """The page itself: WebPage, or a kind of it such as CollectionPage."""
    url = full_url(page, request)
    return compact(
        {
            "@type": schema_type,
            "@id": url,
            "url": url,
            "name": page.seo_title or page.title,
            "description": page_description(page),
            "datePublished": page.first_published_at,
            "dateModified": page.last_published_at,
            **properties,
        }
    )


# --- The whole graph ----------------------------------------------------------------


def faq_page(page, stream, request):
    """A FAQPage of every FAQ block in `stream`, or None when it has none."""
    context = {"request": request}
    questions = [
        question
        for child in stream or []
        if hasattr(child.block, "schema_org_questions")
        for question in child.block.schema_org_questions(child.value, context)
    ]
    if not questions:
        return None
    return compact(
        {
            "@type": "FAQPage",
            "@id": node_id(full_url(page, request), "faq"),
            "name": page.title,
            "mainEntity": questions,
        }
    )


def person(practitioner, request=None):
    """A practitioner as a Person: name, job title and credentials (comma-separated), and
    with a request the address and @id of their profile, where the full node is
    (schema_org/people.py): a post's author or a page's reviewer points to it."""
    credentials = [part.strip() for part in practitioner.credentials.split(",") if part.strip()]
    url = profile_url(practitioner, request, full=True) if request is not None else None
    return compact(
        {
            # schema.org's Physician is an organisation (a doctor's practice): a doctor is a
            # Person who is also an IndividualPhysician.
            "@type": ["Person", "IndividualPhysician"] if practitioner.is_physician else "Person",
            "@id": node_id(url, "person"),
            "name": practitioner.name,
            "url": url,
            "jobTitle": practitioner.role,
            "hasCredential": [
                {"@type": "EducationalOccupationalCredential", "name": credential}
                for credential in credentials
            ],
        }
    )


def with_faq(items, page, stream, request):
    faq = faq_page(page, stream, request)
    return [*items, faq] if faq else items


# --- Treatments and conditions ------------------------------------------------------


_page_items = {}
# `fn(page, request) -> [items]`: items an optional app adds after any page's own, e.g. the
# before-and-after photos a page shows (treatments.results); [] for pages it shows nothing on.
PAGE_ITEMS_HOOK = "treatments_schema_org_page_items"


def page_items(model):
    """Register `fn(page, request) -> [items]` as the items of pages of `model` (and of
    its subclasses): `@page_items(TreatmentPage)`."""

    def register(fn):
        _page_items[model] = fn
        return fn

    return register


def items_of(page, request):
    """A page's own items: its type's registered function, else a plain web page."""
    for model in type(page).__mro__:
        if model in _page_items:
            return _page_items[model](page, request)
    return [web_page(page, request, getattr(page, "schema_org_type", "WebPage"))]


def page_graph(request, page=None):
    """Every item for a response: the clinic, the page's own items and its breadcrumbs.

    Views without a page (search, errors) get the clinic alone.
    """
    site = Site.find_for_request(request)
    if site is None:
        return []
    clinic = ClinicSettings.for_request(request)
    items = [medical_clinic(clinic, site, request, page)]
    if page is not None:
        items.extend(items_of(page, request))
        for fn in hooks.get_hooks(PAGE_ITEMS_HOOK):
            items.extend(fn(page, request))
        items.append(breadcrumb_list(page, site, request))
    return [item for item in items if item]


def json_ld(items):
    """One <script type="application/ld+json"> holding `items` as an @graph."""
    if not items:
        return ""
    data = {"@context": "https://schema.org", "@graph": items}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    # Safe: every <, > and & in the JSON is escaped, so no text can close the element.
    return mark_safe(
        f'<script type="application/ld+json">{text.translate(_SCRIPT_ESCAPES)}</script>'
    )
