"""Parts of a page built once per version of what they show, then kept between requests.

A page's body HTML, its JSON-LD or its API representation depend only on its live content,
the pages it lists or links to and what every page shows (menu, settings, snippets). A site
that knows when those change answers the `treatments_content_version` hook for a page with
a `ContentVersion`: a token that changes whenever any of them does, the cache to keep the
part in and for how long. The site's page cache does (site/page_cache/wagtail_hooks.py).
A part kept under an old token is never read again, so nothing needs purging.

Without a hook (a bare site), or for a preview or a draft, every part is built each time.
"""

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import BaseCache
from django.template import engines
from django.utils import timezone
from wagtail import hooks

CONTENT_VERSION_HOOK = "treatments_content_version"


@dataclass(frozen=True)
class ContentVersion:
    cache: BaseCache
    token: str
    # How long a new part may be kept (at most until a page it may list expires); asked
    # only when a part is built, since it may cost a query.
    seconds_to_keep: Callable[[], int]


def content_version(page, request):
    """The `ContentVersion` of the live `page` for this request, or None: build afresh."""
    if request is None or getattr(request, "is_preview", False) or not page.pk:
        return None
    memo = request.__dict__.setdefault("_treatments_content_versions", {})
    if page.pk not in memo:
        memo[page.pk] = next(
            (
                found
                for fn in hooks.get_hooks(CONTENT_VERSION_HOOK)
                if (found := fn(page, request)) is not None
            ),
            None,
        )
    return memo[page.pk]


@functools.cache
def templates_version():
    """A digest of every template the site may render, read once per process.

    Part of every key: a release that changes the markup (a redesign, a fixed template)
    never serves parts kept by the release before it, which may stay in a shared cache.
    """
    digest = hashlib.sha256()
    for engine in engines.all():
        for folder in map(Path, getattr(engine, "template_dirs", ())):
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    digest.update(path.relative_to(folder).as_posix().encode())
                    digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def kept(name, page, request, build, may_keep=None):
    """`build()`, or what it returned for the same live content and address before.

    `page` must be the page as stored (what visitors see), never a preview's or a
    revision's copy: previews build afresh by themselves (`request.is_preview`). The key
    holds the scheme, host and path (parts may hold absolute links; a page's own routes,
    such as its aftercare sheet, are other addresses) and the values of the query
    parameters the page reads (`page_cache_parameters`, e.g. the journal's page number).
    `may_keep(value)` may refuse to keep a value built for this request alone.
    """
    version = content_version(page, request)
    if version is None:
        return build()
    read = sorted(
        (name, value)
        for name in getattr(page, "page_cache_parameters", ())
        for value in request.GET.getlist(name)
    )
    address = f"{request.scheme}://{request.get_host()}{request.path}?{read}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    # The clinic's date: parts showing what depends on it (a consent that expires, a closure
    # that passes) are built afresh after midnight.
    today = timezone.localdate().isoformat()
    key = f"treatments:part:{name}:{page.pk}:{digest}:{version.token}:{templates_version()}:{today}"
    found = version.cache.get(key)
    if found is None:
        found = build()
        if may_keep is None or may_keep(found):
            seconds = version.seconds_to_keep()
            if seconds >= 1:
                version.cache.set(key, found, seconds)
    return found
