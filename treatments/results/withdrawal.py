"""Taking a patient's photos off the site once their consent is withdrawn or has expired
(docs/results-gallery.md, "When a patient withdraws").

The cases leave every listing at once whatever happens here, because every listing asks
`ResultCase.objects.shown()` (consent.py's rule). This removes what is left: in one
transaction each case is unpublished and loses its photos (in every revision too, so no
draft brings them back), and the photos are deleted with all their renditions; the files
go from storage, and the CDN forgets the pages and the files, once the database has
committed. With RESULTS_KEEP_WITHDRAWN_ORIGINALS the originals are first copied to a
private storage (RESULTS_PRIVATE_STORAGE), served only through an admin view (views.py).
The consent record's audit log gets one "treatments_results.withdraw" entry, with counts
and never the patient's reference.

The site's page cache purges itself when images and snippets change; the CDN is purged
here because the plugin knows which pages showed the cases.
"""

import os
from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import transaction
from django.db.models import Q
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page, Site

from .consent import today
from .models import ConsentRecord, ResultCase, ResultsIndexPage

WITHDRAW_ACTION = "treatments_results.withdraw"
SIDES = ("before", "after")
Image = get_image_model()


def spent(on=None):
    """Consent records that will never allow the photos again: withdrawn, or expired by `on`
    (today). (A record only waiting to be signed, or not for the website, is not spent.)"""
    on = on or today()
    return Q(withdrawn_on__isnull=False) | Q(expires_on__lte=on)


def awaiting_withdrawal(on=None):
    """Spent consent records some of whose cases still have a photo or are still live."""
    has_leftovers = (
        Q(cases__before_image__isnull=False)
        | Q(cases__after_image__isnull=False)
        | Q(cases__live=True)
    )
    return ConsentRecord.objects.filter(spent(on)).filter(has_leftovers).distinct()


def keeps_originals():
    return getattr(settings, "RESULTS_KEEP_WITHDRAWN_ORIGINALS", False)


def private_storage():
    """Where kept originals go: RESULTS_PRIVATE_STORAGE (a STORAGES alias, or a dict like a
    STORAGES entry), else var/private-results/ beside the project, outside MEDIA_ROOT: no
    address serves that folder."""
    configured = getattr(settings, "RESULTS_PRIVATE_STORAGE", None)
    if isinstance(configured, str):
        return storages[configured]
    if configured:
        return storages.create_storage(configured)
    base = getattr(settings, "BASE_DIR", os.getcwd())
    return FileSystemStorage(
        location=os.path.join(base, "var", "private-results"),
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


def kept_original_name(case_pk, side, extension):
    return f"cases/{case_pk}/{side}{extension}"


def find_kept_original(storage, case_pk, side):
    """The stored name of a case's kept original, or None."""
    folder = f"cases/{case_pk}"
    try:
        _, files = storage.listdir(folder)
    except FileNotFoundError:
        return None
    for name in sorted(files):
        if os.path.splitext(name)[0] == side:
            return f"{folder}/{name}"
    return None


@dataclass
class Withdrawal:
    cases: int = 0
    photos: int = 0
    kept: int = 0

    def summary(self):
        cases = f"{self.cases} case{'' if self.cases == 1 else 's'} taken down"
        verb = "kept privately" if self.kept else "deleted"
        photos = f"{self.photos} photo{'' if self.photos == 1 else 's'} {verb}"
        return f"{cases}, {photos}"


def _keep_originals(cases):
    storage = private_storage()
    kept = 0
    for case in cases:
        for side in SIDES:
            image = getattr(case, f"{side}_image")
            if image is None:
                continue
            extension = os.path.splitext(image.file.name)[1].lower()
            name = kept_original_name(case.pk, side, extension)
            if storage.exists(name):  # a photo kept before is replaced, never duplicated
                storage.delete(name)
            with image.file.open("rb") as original:
                storage.save(name, original)
            kept += 1
    return kept


def _forget_photos(case):
    """Unpublish the case and empty its photo fields in it and every revision, so that no
    draft or old version can bring a deleted photo back."""
    workflow_state = case.current_workflow_state
    if workflow_state is not None:
        workflow_state.cancel()
    if case.live:
        case.unpublish()
    for revision in case.revisions.all():
        if any(revision.content.get(f"{side}_image") for side in SIDES):
            for side in SIDES:
                revision.content[f"{side}_image"] = None
            revision.save(update_fields=["content"])
    ResultCase.objects.filter(pk=case.pk).update(before_image=None, after_image=None)


def _absolute(url, root_url):
    return url if "://" in url else urljoin(root_url, url)


def _cdn_purge(page_ids, file_urls):
    """The pages that showed the cases and the photos' own addresses, from the CDN."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().filter(pk__in=page_ids).specific())
    site = Site.objects.filter(is_default_site=True).first()
    root_url = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    batch.add_urls(_absolute(url, root_url) for url in file_urls)
    batch.purge()


def withdraw(consent, reason="withdrawn"):
    """Take the cases of a spent consent record off the site (see the module's docstring).

    `reason` ("withdrawn" or "expired") goes into the audit log. Safe to run again: a
    record with nothing left to take down changes nothing and logs nothing."""
    outcome = Withdrawal()
    with transaction.atomic():
        cases = [
            case
            for case in consent.cases.select_related("before_image", "after_image")
            if case.live or case.before_image_id or case.after_image_id
        ]
        if not cases:
            return outcome
        images = {
            image.pk: image
            for case in cases
            for image in (case.before_image, case.after_image)
            if image is not None
        }
        if keeps_originals():
            outcome.kept = _keep_originals(cases)
        renditions = Image.get_rendition_model().objects.filter(image_id__in=images)
        file_urls = [image.file.url for image in images.values()]
        file_urls.extend(rendition.url for rendition in renditions)
        for case in cases:
            _forget_photos(case)
        # Deleting an image deletes its renditions; Wagtail removes both files on commit.
        for image in images.values():
            image.delete()
        outcome.cases = len(cases)
        outcome.photos = len(images)
        log(
            instance=consent,
            action=WITHDRAW_ACTION,
            data={
                "reason": reason,
                "cases": outcome.cases,
                "photos": outcome.photos,
                "kept": bool(outcome.kept),
            },
        )
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            page_ids = {case.treatment_id for case in cases}
            page_ids.update(ResultsIndexPage.objects.values_list("pk", flat=True))
            transaction.on_commit(lambda: _cdn_purge(page_ids, file_urls))
    return outcome
