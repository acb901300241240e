"""Cache backends that degrade instead of fail: Redis (redis_cache.py) and the page cache's
folder (disk_cache.py) follow this one rule.

When the store fails, a read is a miss and a write is dropped, with a warning in the log,
so pages still render from the database instead of every request answering 500. After a
failure this process leaves the store alone for RETRY_AFTER seconds, so a store that hangs
costs one time-out, not one per cache call. /healthz reports the cache as degraded meanwhile.
"""

import logging
import time

logger = logging.getLogger(__name__)
RETRY_AFTER = 5.0


def degrading(errors, warning):
    """A decorator maker for a backend's methods: `errors` are the store's failures,
    `warning(cache, method_name, error)` says what failed, for the log."""

    def degrade(method, fallback):
        def answer(*args, **kwargs):
            return fallback(*args, **kwargs) if callable(fallback) else fallback

        def call(self, *args, **kwargs):
            if time.monotonic() < self.down_until:
                return answer(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except errors as error:
                self.down_until = time.monotonic() + RETRY_AFTER
                logger.warning(
                    "%s: carrying on without it for %g s",
                    warning(self, method.__name__, error),
                    RETRY_AFTER,
                )
                return answer(*args, **kwargs)

        call.__name__ = method.__name__
        return call

    return degrade
