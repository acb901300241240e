"""The page cache of one machine without Redis: diskcache in a folder (docs/deployment.md).

diskcache (python-diskcache) keeps a Django cache in SQLite files in one folder,
PAGE_CACHE_DIR. Every gunicorn worker of the machine opens the same files, so what one
worker stores the others read, and a publish handled by one changes the versions that all
of them compare (page_cache/versions.py). Reads take no lock (SQLite's write-ahead log);
each write is a transaction, so `add` and `incr` are atomic across processes.

Three changes to its Django backend:

- Connections stay open from one request to the next. Django closes every cache at the
  end of each request, and diskcache's `close()` closes its SQLite connections: opening
  them again cost about 0.5 ms a request, several times a page-cache hit.
- The folder must be this user's and writable by nobody else. It is created so (0700),
  and a folder that someone else owns, or that group or others may write to, is not used
  (a warning, and every read a miss): whoever writes in it chooses what visitors are
  served, and diskcache unpickles what it reads, so they could run code in the app
  (CVE-2025-69872, against every diskcache release; Django's own file cache is the same).
- A failing folder (refused as above, not writable, disk full, a damaged file) degrades as
  an unreachable Redis does (redis_cache.py): reads are misses, writes are dropped with a
  warning, and this process leaves the folder alone for RETRY_AFTER seconds. The folder
  is only opened when first used, so `manage.py check` and the like never create it.
"""

import os
import sqlite3

from diskcache import DjangoCache, FanoutCache
from django.core.cache.backends.base import BaseCache

from .degrading import degrading


def _check_private(folder):
    info = os.stat(folder)
    if info.st_uid != os.geteuid() or info.st_mode & 0o022:
        raise PermissionError(
            f"{folder} must belong to this user and be writable by nobody else (chmod 700)"
        )


_degrade = degrading(
    (OSError, sqlite3.Error),
    lambda cache, method, error: (
        f"Page cache folder {cache._directory} unavailable "
        f"({method}: {error.__class__.__name__}: {error})"
    ),
)


class ResilientDiskCache(DjangoCache):
    """diskcache.DjangoCache, opened on first use in a private folder, kept open, failing soft.

    Settings: LOCATION (the folder), SHARDS (SQLite files, default 1), DATABASE_TIMEOUT
    (seconds a read waits for a lock, default 0.01: then it is a miss; writes retry) and
    OPTIONS (diskcache's own: size_limit, cull_limit, eviction_policy, …).
    """

    down_until = 0.0

    def __init__(self, directory, params):
        # Not DjangoCache.__init__, which opens the folder at once.
        BaseCache.__init__(self, params)
        self._directory = str(directory)
        self._shards = params.get("SHARDS", 1)
        self._timeout = params.get("DATABASE_TIMEOUT", 0.010)
        self._options = params.get("OPTIONS", {})
        self._fanout = None

    @property
    def _cache(self):
        # What DjangoCache's methods use: the folder's SQLite files, opened on first use.
        if self._fanout is None:
            os.makedirs(self._directory, mode=0o700, exist_ok=True)
            _check_private(self._directory)
            self._fanout = FanoutCache(
                self._directory, self._shards, self._timeout, **self._options
            )
        return self._fanout

    @property
    def directory(self):
        return self._directory

    def close(self, **kwargs):
        """Kept open: Django calls this after every request (see the module's docstring)."""

    get = _degrade(DjangoCache.get, lambda key, default=None, *args, **kwargs: default)
    set = _degrade(DjangoCache.set, False)
    add = _degrade(DjangoCache.add, False)
    touch = _degrade(DjangoCache.touch, False)
    delete = _degrade(DjangoCache.delete, False)
    has_key = _degrade(DjangoCache.has_key, False)
    clear = _degrade(DjangoCache.clear, None)
    # A missing key still raises ValueError, as on every cache; a failure counts as 0.
    incr = _degrade(DjangoCache.incr, 0)
