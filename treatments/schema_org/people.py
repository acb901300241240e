"""schema.org items of a practitioner's profile (/team/<slug>/): a ProfilePage about the
practitioner as a Person, a member of the clinic. The team page itself stays a
CollectionPage (its `schema_org_type`)."""

from treatments.models import PractitionerIndexPage
from treatments.navigation import routed_view

from .graph import clinic_reference, compact, full_url, image_object, page_items, person, web_page


def practitioner_node(practitioner, request):
    """The full node of a practitioner, on their profile: the `person` other pages point to,
    with their photo, bio, registration and the clinic they work at."""
    clinic = clinic_reference(request)
    registration = practitioner.registration_body and compact(
        {
            "@type": "PropertyValue",
            "propertyID": practitioner.registration_body,
            "name": practitioner.registration,
            "value": practitioner.registration_number,
        }
    )
    return compact(
        {
            **person(practitioner, request),
            "description": practitioner.description(),
            "image": image_object(practitioner.photo, practitioner.name, request),
            "identifier": registration,
            "memberOf": clinic,
            # IndividualPhysician names where a doctor practises with its own property.
            "practicesAt": clinic if practitioner.is_physician else None,
        }
    )


@page_items(PractitionerIndexPage)
def team_items(page, request):
    """The team page as a CollectionPage; a profile below it as a ProfilePage about the
    practitioner (PractitionerIndexPage.routed_view)."""
    view = routed_view(page, request)
    if view is None:
        return [web_page(page, request, page.schema_org_type)]
    practitioner = page.profile_of(request, request.routable_resolver_match.kwargs["slug"])
    node = practitioner_node(practitioner, request)
    url = full_url(page, request) + view.path
    reference = {"@id": node["@id"]} if node.get("@id") else None
    profile = web_page(
        page,
        request,
        "ProfilePage",
        **{"@id": url, "url": url, "name": view.title, "description": view.description},
        mainEntity=reference,
        about=reference,
        primaryImageOfPage=node.get("image"),
        datePublished=None,
        dateModified=None,
    )
    return [compact(profile), node]
