"""schema.org JSON-LD for the clinic's pages, built from their structured content.

Blocks are read through `block_json`, the code the headless API serves them with, so a
step, an aftercare stage or a question means the same thing in both. Each page type
lists its items in a `structured_data(request)` method; `page_graph` adds the clinic
and the breadcrumb trail, and `json_ld` writes one escaped `<script>` for all of them.
The `{% structured_data %}` tag (templatetags/structured_data_tags.py) puts it in <head>.
"""

import json
from html.parser import HTMLParser

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.safestring import mark_safe
from wagtail.models import Site

from .api.streamfield import block_json
from .api.values import absolute
from .blocks import WEEKDAYS

SCHEMA = "https://schema.org/"

# A treatment is typed as both: MedicalProcedure carries procedureType, howPerformed
# and followup; MedicalTherapy (a kind of MedicalProcedure) adds contraindication and
# is what a MedicalCondition's possibleTreatment expects.
TREATMENT_TYPES = ["MedicalProcedure", "MedicalTherapy"]

# Inside <script>, "</script>" or "<!--" in editor text would end or alter the element:
# JSON allows these characters as \u escapes, which parse back to the same text.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


class ProcedureType(models.TextChoices):
    """How a treatment is done, as schema.org's MedicalProcedureType values."""

    NONINVASIVE = "NoninvasiveProcedure", "Non-invasive: nothing goes into the skin (e.g. massage)"
    PERCUTANEOUS = (
        "PercutaneousProcedure",
        "Through the skin with fine needles (e.g. acupuncture, microneedling)",
    )
    SURGICAL = "SurgicalProcedure", "Surgical: involves an incision"


# --- Values ------------------------------------------------------------------------


class _TextParser(HTMLParser):
    BREAKS = {"p", "li", "br", "ul", "ol", "h2", "h3", "h4", "blockquote", "div"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in self.BREAKS:  # "<p>One</p><p>Two</p>" reads "One Two", not "OneTwo"
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html):
    """Display HTML (from `block_json`) as one line of text for a schema.org Text property."""
    parser = _TextParser()
    parser.feed(html or "")
    parser.close()
    return " ".join("".join(parser.parts).split())


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
            "url": absolute(image.file.url, {"request": request}),
            "width": image.width,
            "height": image.height,
            "caption": alt,
        }
    )


def hero_image(page, request):
    return image_object(page.hero_image, page.hero_image_alt, request)


def blocks_of(stream, block_type, request):
    """The `block_json` values of a stream's blocks of one type, in the editor's order.

    Only the blocks asked for are resolved: an image block elsewhere in the body does
    not make its renditions here.
    """
    context = {"request": request}
    return [
        block_json(child.block, child.value, context)
        for child in stream or []
        if child.block_type == block_type
    ]


def lines(parts):
    return "\n".join(part for part in parts if part)


# --- Site-wide ---------------------------------------------------------------------


def medical_clinic(clinic, site, request, page=None):
    """The clinic from Settings › Clinic details; its image is the home page's photo.

    `page` is the page being shown: on the home page itself it saves reading it again.
    """
    root = site.root_page
    if page is not None and page.pk == root.pk:
        root = page
    elif hasattr(root.specific_class, "hero_image"):  # the photo, in one query
        root = root.specific_class.objects.select_related("hero_image").get(pk=root.pk)
    root_url = full_url(root, request)
    hours = blocks_of(clinic.opening_hours, "hours", request)
    names = dict(WEEKDAYS)
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
            "openingHoursSpecification": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": [f"{SCHEMA}{names[code]}" for code in row["days"]],
                    "opens": row["opens"][:5],
                    "closes": row["closes"][:5],
                }
                for row in hours
                if row["days"] and row["opens"] and row["closes"]
            ],
            "image": hero_image(root, request) if hasattr(root, "hero_image") else None,
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
    url = full_url(page, request)
    if not url or page.depth <= site.root_page.depth:
        return None
    trail = list(page.get_ancestors().filter(depth__gte=site.root_page.depth))
    names = ["Home"] + [ancestor.title for ancestor in trail[1:]] + [page.title]
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
            "description": page.search_description or getattr(page, "summary", ""),
            "datePublished": page.first_published_at,
            "dateModified": page.last_published_at,
            **properties,
        }
    )


def medical_web_page(page, request, entity):
    """A treatment's or condition's page, about `entity` (the node it describes).

    The one place for properties of medical pages as such: who last reviewed the page
    and when (`reviewedBy`, `lastReviewed`), stated only when the page itself shows its
    "Medically reviewed" line (`medical_review`).
    """
    reference = {"@id": entity["@id"]} if entity.get("@id") else None
    review = page.medical_review
    reviewed = review.date if review else None
    reviewer = review.reviewer if review else None
    return web_page(
        page,
        request,
        "MedicalWebPage",
        about=reference,
        mainEntity=reference,
        primaryImageOfPage=entity.get("image"),
        reviewedBy=person(reviewer) if reviewer else None,
        lastReviewed=reviewed,
    )


def faq_page(page, stream, request):
    """A FAQPage of every FAQ block in `stream`, or None when it has none."""
    questions = [
        {
            "@type": "Question",
            "name": question["question"],
            "acceptedAnswer": {"@type": "Answer", "text": plain_text(question["answer"])},
        }
        for faq in blocks_of(stream, "faq", request)
        for question in faq["questions"]
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


def person(practitioner):
    """A practitioner as a Person: name, job title and credentials (comma-separated)."""
    credentials = [part.strip() for part in practitioner.credentials.split(",") if part.strip()]
    return compact(
        {
            "@type": "Person",
            "name": practitioner.name,
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


def _step(step):
    title = f"{step['title']} ({step['duration']})" if step["duration"] else step["title"]
    return f"{title}: {plain_text(step['description'])}"


def _stage(stage):
    parts = [f"{stage['when']}."]
    if stage["dos"]:
        parts.append(f"Do: {'; '.join(stage['dos'])}.")
    if stage["donts"]:
        parts.append(f"Don’t: {'; '.join(stage['donts'])}.")
    return " ".join(parts)


def medical_procedure(page, request):
    """The treatment: what it is, how it is done, preparation, aftercare and who should not."""
    url = full_url(page, request)
    expect = blocks_of(page.body, "what_to_expect", request)
    aftercare = blocks_of(page.body, "aftercare", request)
    suitability = blocks_of(page.body, "suitability", request)
    return compact(
        {
            "@type": TREATMENT_TYPES,
            "@id": node_id(url, "treatment"),
            "name": page.title,
            "alternateName": page.other_names,
            "description": page.summary,
            "url": url,
            "image": hero_image(page, request),
            "procedureType": f"{SCHEMA}{page.procedure_type}" if page.procedure_type else None,
            "bodyLocation": page.body_location,
            "preparation": page.preparation,
            "howPerformed": lines(
                line
                for block in expect
                for line in [plain_text(block["intro"]), *map(_step, block["steps"])]
            ),
            "followup": lines(
                line
                for block in aftercare
                for line in [plain_text(block["intro"]), *map(_stage, block["stages"])]
            ),
            "contraindication": [item for block in suitability for item in block["not_suitable"]],
        }
    )


def treatment_items(page, request):
    """A treatment page: MedicalWebPage about its MedicalProcedure, plus its FAQ."""
    procedure = medical_procedure(page, request)
    return with_faq(
        [medical_web_page(page, request, procedure), procedure], page, page.body, request
    )


def treatment_reference(treatment, request):
    """A treatment named elsewhere, with the @id of its own page's item."""
    url = full_url(treatment, request)
    return {
        "@type": TREATMENT_TYPES,
        "@id": node_id(url, "treatment"),
        "name": treatment.title,
        "url": url,
    }


def medical_condition(page, treatments, request):
    """The condition, with the live treatments that list it as possible treatments."""
    url = full_url(page, request)
    return compact(
        {
            "@type": "MedicalCondition",
            "@id": node_id(url, "condition"),
            "name": page.title,
            "description": page.summary,
            "url": url,
            "image": hero_image(page, request),
            "possibleTreatment": [treatment_reference(t, request) for t in treatments],
        }
    )


def condition_items(page, treatments, request):
    """A condition page: MedicalWebPage about its MedicalCondition, plus its FAQ."""
    condition = medical_condition(page, treatments, request)
    return with_faq(
        [medical_web_page(page, request, condition), condition], page, page.description, request
    )


# --- The whole graph ----------------------------------------------------------------


def page_graph(request, page=None):
    """Every item for a response: the clinic, the page's own items and its breadcrumbs.

    Views without a page (search, errors) get the clinic alone; pages without a
    `structured_data` method are a plain WebPage.
    """
    site = Site.find_for_request(request)
    if site is None:
        return []
    clinic = apps.get_model("treatments", "ClinicSettings").for_request(request)
    items = [medical_clinic(clinic, site, request, page)]
    if page is not None:
        if hasattr(page, "structured_data"):
            items.extend(page.structured_data(request))
        else:
            items.append(web_page(page, request))
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
