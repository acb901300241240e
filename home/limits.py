"""Per-address limits that keep limiting while the shared cache is down.

The enquiry form's rate limit (home/forms.py) and the page password lock-out
(site/page_passwords/) count what each visitor address does in Django's cache: Redis in
production, shared by every app server. A Redis outage turns cache reads into misses
(ResilientRedisCache, site/hosting/redis_cache.py), which would forget every count. So each
process also keeps what it wrote in its own memory, and reads that copy instead while the
shared cache says it is failing: an address then still meets the limit, counted by each
process on its own (with N gunicorn workers, up to N times the limit). docs/enquiries.md.
"""

import time

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

# This process's copy. A few numbers per address; past MAX_ENTRIES a third is dropped.
in_memory = LocMemCache("clinic-limits", {"MAX_ENTRIES": 10_000})
_MISSING = object()


def shared_cache_failing():
    """True while the shared cache is failing. A cache that turns failures into misses says so
    with an `unavailable` attribute (hosting.redis_cache.ResilientRedisCache); Django's own
    caches have none and never fail this way."""
    return bool(getattr(cache, "unavailable", False))


def read(key, default=None):
    value = cache.get(key, _MISSING)
    if shared_cache_failing():
        return in_memory.get(key, default)
    return default if value is _MISSING else value


def store(key, value, timeout):
    in_memory.set(key, value, timeout)
    cache.set(key, value, timeout)


def forget(key):
    in_memory.delete(key)
    cache.delete(key)


def recent(key, period):
    """The times (time.time()) recorded under `key` in the last `period` seconds.

    A list of times rather than a counter makes a sliding window that works the same on
    every cache backend (incr() resets the expiry on some of them)."""
    since = time.time() - period
    return [stamp for stamp in read(key, []) if stamp > since]


def record(key, period):
    """Record one event now under `key`; the number in the last `period` seconds, this one
    included."""
    stamps = [*recent(key, period), time.time()]
    store(key, stamps, period)
    return len(stamps)


def within_limit(key, limit, period):
    """Record one event now under `key`, unless `limit` were recorded in the last `period`
    seconds already: whether it was recorded."""
    stamps = recent(key, period)
    if len(stamps) >= limit:
        return False
    store(key, [*stamps, time.time()], period)
    return True
