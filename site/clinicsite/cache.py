"""Django's Redis cache, made to degrade instead of fail (docs/deployment.md).

When Redis is unreachable every read is a miss and every write is dropped, with a warning
in the log, so pages still render from the database (Wagtail's rendition look-ups and the
page cache go through here too) instead of every request answering 500. /healthz still
reports the cache as failing: what it writes does not come back.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _degrade(method, fallback):
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except RedisError as error:
            logger.warning(
                "Redis unavailable (%s: %s): carrying on without the cache",
                method.__name__,
                error.__class__.__name__,
            )
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    call.__name__ = method.__name__
    return call


class ResilientRedisCache(RedisCache):
    get = _degrade(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _degrade(RedisCache.get_many, {})
    has_key = _degrade(RedisCache.has_key, False)
    set = _degrade(RedisCache.set, None)
    set_many = _degrade(RedisCache.set_many, [])
    add = _degrade(RedisCache.add, False)
    touch = _degrade(RedisCache.touch, False)
    delete = _degrade(RedisCache.delete, False)
    delete_many = _degrade(RedisCache.delete_many, None)

    def incr(self, key, delta=1, version=None):
        # A missing key still raises ValueError, as on every cache; an outage counts as 0.
        try:
            return super().incr(key, delta, version)
        except RedisError as error:
            logger.warning("Redis unavailable (incr: %s)", error.__class__.__name__)
            return 0
