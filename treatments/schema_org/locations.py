"""schema.org items of the clinic's locations: a MedicalClinic per location, on its own page
and, as a list, on the locations page. Each is part of the clinic (`parentOrganization`)."""

import re

from treatments.models import LocationIndexPage, LocationPage

from .graph import (
    block_properties,
    clinic_reference,
    compact,
    full_url,
    hero_image,
    node_id,
    page_items,
    web_page,
)
from .medical import treatment_reference

# A postcode ending the last line: British (N1 9ZZ, SW1A 1AA) or digits (10115, 94110-1234);
# or digits starting it, before the town, as in much of Europe (75011 Paris).
POSTCODE = re.compile(
    r"(?:^|\s)([A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}|[0-9]{4,6}(?:-[0-9]{4})?)$", re.I
)
POSTCODE_FIRST = re.compile(r"^([0-9]{4,6})\s+([^0-9].*)$")


def postal_address(lines):
    """A PostalAddress from address lines, one each: a postcode ending (or, in digits,
    starting) the last line is `postalCode`; the rest of that line, or the line before a
    postcode on its own, is the town (`addressLocality`); the lines above, the street."""
    lines = list(lines)
    if not lines:
        return None
    postcode = town = None
    found = POSTCODE.search(lines[-1])
    first = POSTCODE_FIRST.match(lines[-1])
    if found:
        postcode = found.group(1).upper()
        rest = lines.pop()[: found.start()].strip(" ,")
        if rest:
            lines.append(rest)
    elif first and len(lines) > 1:
        postcode, town = first.group(1), first.group(2)
        lines.pop()
    if town is None and (len(lines) > 1 or (postcode and lines)):
        town = lines.pop()
    return compact(
        {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(lines),
            "addressLocality": town,
            "postalCode": postcode,
        }
    )


def location_clinic(location, request, treatments=()):
    """One location as a MedicalClinic: how to reach it, its hours and its closures still to
    come (the page's own rule, `upcoming_closures`), and the treatments offered there."""
    url = full_url(location, request)
    return compact(
        {
            "@type": "MedicalClinic",
            "@id": node_id(url, "clinic"),
            "name": location.title,
            "description": location.summary,
            "url": url,
            "image": hero_image(location, request),
            "address": postal_address(location.address_lines),
            "telephone": location.phone,
            "email": location.email,
            "hasMap": location.map_url,
            **block_properties(location.opening_hours, request),
            **block_properties(location.upcoming_closures(), request),
            "parentOrganization": clinic_reference(request),
            "availableService": [treatment_reference(t, request) for t in treatments],
        }
    )


@page_items(LocationPage)
def location_items(page, request):
    """A location's page: a WebPage about its MedicalClinic."""
    clinic = location_clinic(page, request, page.offered())
    reference = {"@id": clinic["@id"]} if clinic.get("@id") else None
    return [web_page(page, request, about=reference, mainEntity=reference), clinic]


@page_items(LocationIndexPage)
def location_index_items(page, request):
    """The locations page: a CollectionPage whose main entity lists each MedicalClinic."""
    locations = page.locations()
    return [
        web_page(
            page,
            request,
            "CollectionPage",
            mainEntity={
                "@type": "ItemList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "item": location_clinic(place, request),
                    }
                    for position, place in enumerate(locations, start=1)
                ],
            },
        )
    ]
