"""How cached pages go stale: versions (docs/deployment.md#page-cache).

A cached page is stored with the versions of what it was built from: its own page and
the whole site. Publishing, unpublishing, moving or deleting a page raises the version of
that page, of the pages above it (they list it, or show it in breadcrumbs) and of the
pages linked to or from it (a condition lists its treatments, a treatment its posts), so
the next visit to any of them is rebuilt (signal_handlers.py decides which). Anything that
every page shows (the menu, snippets, settings) raises the site-wide version. Versions are
raised only after the database commit, so a page rebuilt in between can never be stored
as current.

Raising a version sets it to a fresh random number (52 bits), never a count: every write
of a version, first or later, is a number no copy kept from before can hold. So it needs
no atomic increment shared by the processes (one `set_many` for all the keys, on Redis
and on the single machine's folder alike, hosting/disk_cache.py): two raises at once
both leave a number no older copy has, and whichever lands last wins.

Versions may be evicted with the pages (the pages' Redis may run `allkeys-lru`, the
folder drops what was stored longest ago when full): a missing version matches no copy,
and a version is (re)created at a random number too, so a lost version makes copies miss,
never come back.
"""

import secrets

from django.core.cache import caches
from django.db import transaction

CACHE_ALIAS = "pages"
SITE_VERSION = "pagecache:v:site"


def page_cache():
    return caches[CACHE_ALIAS]


def page_version_key(page_id):
    return f"pagecache:v:page:{page_id}"


def _fresh_version():
    return secrets.randbits(52)


def current_versions(keys, create=False):
    """{key: version}, None for a missing one; `create` starts missing ones first."""
    cache = page_cache()
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if create and missing:
        for key in missing:
            cache.add(key, _fresh_version(), timeout=None)
        found = cache.get_many(keys)
    return {key: found.get(key) for key in keys}


def usable(versions):
    """A copy built from versions that were all there (not while Redis was away)."""
    return bool(versions) and None not in versions.values()


def _raise_versions(keys):
    page_cache().set_many({key: _fresh_version() for key in keys}, timeout=None)


def purge_pages(page_ids):
    """Makes every cached copy of these pages stale once the current transaction commits."""
    keys = [page_version_key(page_id) for page_id in set(page_ids)]
    transaction.on_commit(lambda: _raise_versions(keys))


def purge_site():
    """Makes every cached page stale once the current transaction commits."""
    transaction.on_commit(lambda: _raise_versions([SITE_VERSION]))


def page_versions(page_id):
    """{key: version} of what a page is built from: the page itself and the whole site."""
    return current_versions([page_version_key(page_id), SITE_VERSION], create=True)
