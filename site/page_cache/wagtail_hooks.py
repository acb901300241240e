from django.conf import settings
from django.utils import timezone
from wagtail import hooks

from treatments.fragments import CONTENT_VERSION_HOOK, ContentVersion

from .middleware import remember_page, seconds_to_keep
from .versions import page_cache, page_versions, usable


@hooks.register("before_serve_page")
def note_page_cache_versions(page, request, serve_args, serve_kwargs):
    remember_page(request, page)


@hooks.register(CONTENT_VERSION_HOOK)
def page_content_version(page, request):
    """The versions a page is built from, read as routing finds it, before its content is
    read (treatments/routing.py): a copy or part is never stored under versions newer than
    what it shows. The page cache keeps them for its copy of the page (remember_page);
    rendered parts (treatments/fragments.py) are kept under the same versions, so they go
    stale exactly when the cached copy would, for PAGE_PARTS_SECONDS at most."""
    if settings.PAGE_PARTS_SECONDS <= 0 and settings.PAGE_CACHE_SECONDS <= 0:
        return None
    versions = page_versions(page.pk)
    request.__dict__.setdefault("page_versions_at_routing", {})[page.pk] = versions
    if settings.PAGE_PARTS_SECONDS <= 0 or not usable(versions):
        return None
    return ContentVersion(
        page_cache(),
        ".".join(str(version) for version in versions.values()),
        lambda: seconds_to_keep(timezone.now(), settings.PAGE_PARTS_SECONDS),
    )
