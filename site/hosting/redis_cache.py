"""Django's Redis cache, made to degrade instead of fail (degrading.py, docs/deployment.md):
while Redis is unreachable, reads are misses and writes are dropped, so pages still render
from the database (Wagtail's rendition look-ups and the page cache go through here too).
"""

import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from .degrading import degrading

_degrade = degrading(
    RedisError,
    lambda cache, method, error: f"Redis unavailable ({method}: {error.__class__.__name__})",
)


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
