"""Django's Redis cache, made to degrade instead of fail (docs/deployment.md).

When Redis is unreachable every read is a miss and every write is dropped, with a warning
in the log, so pages still render from the database (Wagtail's rendition look-ups and the
page cache go through here too) instead of every request answering 500. After a failure
this process leaves Redis alone for RETRY_AFTER seconds, so a Redis that hangs costs one
time-out, not one per cache call. /healthz reports the cache as degraded meanwhile.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
RETRY_AFTER = 5.0


def _degrade(method, fallback):
    def call(self, *args, **kwargs):
        if time.monotonic() < self.down_until:
            return fallback(*args, **kwargs) if callable(fallback) else fallback
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            self.down_until = time.monotonic() + RETRY_AFTER
            logger.warning(
                "Redis unavailable (%s: %s): carrying on without the cache for %g s",
                method.__name__,
                error.__class__.__name__,
                RETRY_AFTER,
            )
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    call.__name__ = method.__name__
    return call


class ResilientRedisCache(RedisCache):
    down_until = 0.0

    @property
    def unavailable(self):
        """True while this process leaves Redis alone after a failure: reads are misses
        then, so per-address limits count in memory instead (home/limits.py)."""
        return time.monotonic() < self.down_until

    get = _degrade(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _degrade(RedisCache.get_many, {})
    has_key = _degrade(RedisCache.has_key, False)
    set = _degrade(RedisCache.set, None)
    set_many = _degrade(RedisCache.set_many, [])
    add = _degrade(RedisCache.add, False)
    touch = _degrade(RedisCache.touch, False)
    delete = _degrade(RedisCache.delete, False)
    delete_many = _degrade(RedisCache.delete_many, None)
    # A missing key still raises ValueError, as on every cache; an outage counts as 0.
    incr = _degrade(RedisCache.incr, 0)
