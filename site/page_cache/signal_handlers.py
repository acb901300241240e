"""What makes cached pages stale: here in the site, which knows every app's content.

The page cache (versions.py) and a CDN in front (Wagtail's frontend cache,
FRONTEND_CACHE) are purged for the same pages. Wagtail purges a published page's own
address from the CDN; these handlers add the pages that list or link to it.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from blog.models import BlogPage
from treatments.models import (
    ClinicalReviewMixin,
    ClinicSettings,
    LocationPage,
    PractitionerIndexPage,
    TreatmentPage,
)

from . import versions


def linked_page_ids(page):
    """Pages this page links to and pages that link to it (chooser, inline list, rich text)."""
    page_type = ReferenceIndex._get_base_content_type(page)
    outgoing = ReferenceIndex.get_references_for_object(page).filter(to_content_type=page_type)
    incoming = ReferenceIndex.get_references_to(page).filter(base_content_type=page_type)
    return {int(pk) for pk in outgoing.values_list("to_object_id", flat=True)} | {
        int(pk) for pk in incoming.values_list("object_id", flat=True)
    }


def _listed_by_a_snippet(page):
    # A practitioner (snippet) lists the treatments they perform wherever practitioners
    # appear; which pages those are is not in the reference index.
    page_type = ReferenceIndex._get_base_content_type(page)
    return ReferenceIndex.get_references_to(page).exclude(base_content_type=page_type).exists()


def _shown_on_every_page(page):
    # A site's home page and its children appear on every page: menu, breadcrumbs, share
    # image. Sites may be rooted at any depth. So does the privacy notice the footer links
    # (Settings › Clinic details), wherever it is in the tree. So do the clinic's locations,
    # in the footer of every page once it has any.
    if issubclass(page.specific_class or Page, LocationPage):
        return True
    site = page.get_site()
    if page.depth <= (site.root_page.depth if site else 2) + 1:
        return True
    return ClinicSettings.objects.filter(privacy_page_id=page.pk).exists()


def remember_old_links(sender, instance, **kwargs):
    """Before a live page is saved, note what it linked to: a link it drops is stale too."""
    if isinstance(instance, Page) and instance.pk and instance.live:
        instance._page_cache_old_links = linked_page_ids(instance)


def purge_page_and_listings(sender, instance, **kwargs):
    page = instance

    def purge():
        if _shown_on_every_page(page) or _listed_by_a_snippet(page):
            versions.purge_site()
        affected = {page.pk, *linked_page_ids(page), *getattr(page, "_page_cache_old_links", ())}
        # Locations list the treatments offered there (a many-to-many: not in the index).
        offering = LocationPage.objects.filter(treatments=page.pk)
        affected.update(offering.values_list("pk", flat=True))
        # The team page and its profiles (routes of it) list the treatments each performs,
        # the posts each wrote and the pages each reviewed.
        if issubclass(page.specific_class or Page, (TreatmentPage, ClinicalReviewMixin, BlogPage)):
            affected.update(PractitionerIndexPage.objects.values_list("pk", flat=True))
        # Pages above list it or name it in breadcrumbs; pages below show its title too.
        affected.update(page.get_ancestors().filter(depth__gt=1).values_list("pk", flat=True))
        affected.update(page.get_descendants().values_list("pk", flat=True))
        versions.purge_pages(affected)
        if settings.WAGTAILFRONTENDCACHE:
            # Wagtail purges the page itself; the CDN also holds the pages that list it.
            batch = PurgeBatch()
            batch.add_pages(Page.objects.live().filter(pk__in=affected - {page.pk}).specific())
            batch.purge()

    # After commit: the reference index and ancestors are then what visitors will see.
    transaction.on_commit(purge)


def purge_everything(sender, **kwargs):
    """A move changes addresses, menus and breadcrumbs; a snippet or setting shows anywhere;
    a new or removed privacy setting decides who may see a page and whether lists show it."""
    versions.purge_site()


def _shown_on_pages(instance):
    return isinstance(
        instance,
        (
            BaseSiteSetting,
            BaseGenericSetting,
            AbstractImage,
            AbstractDocument,
            *get_snippet_models(),
        ),
    )


def purge_on_content_change(sender, instance, **kwargs):
    if _shown_on_pages(instance):
        versions.purge_site()


def purge_on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) or _shown_on_pages(instance):
        versions.purge_site()


def register_signal_handlers():
    pre_save.connect(remember_old_links, dispatch_uid="page_cache_old_links")
    page_published.connect(purge_page_and_listings, dispatch_uid="page_cache_publish")
    page_unpublished.connect(purge_page_and_listings, dispatch_uid="page_cache_unpublish")
    post_page_move.connect(purge_everything, dispatch_uid="page_cache_move")
    post_save.connect(
        purge_everything, sender=PageViewRestriction, dispatch_uid="page_cache_private"
    )
    post_delete.connect(
        purge_everything, sender=PageViewRestriction, dispatch_uid="page_cache_public"
    )
    # A site's host, port or home page decides which pages every address shows.
    post_save.connect(purge_everything, sender=Site, dispatch_uid="page_cache_site_saved")
    post_delete.connect(purge_everything, sender=Site, dispatch_uid="page_cache_site_deleted")
    post_delete.connect(purge_on_delete, dispatch_uid="page_cache_delete")
    post_save.connect(purge_on_content_change, dispatch_uid="page_cache_content")
