"""gunicorn settings: `gunicorn -c site/gunicorn.conf.py clinicsite.wsgi`.

Every value can be overridden from the environment (WEB_CONCURRENCY, PORT,
GUNICORN_PRELOAD, GUNICORN_MAX_REQUESTS).
"""

import ctypes
import gc
import os
from pathlib import Path

_root = Path(__file__).resolve().parent.parent

pythonpath = f"{_root / 'site'},{_root}"
chdir = str(_root)
wsgi_app = "clinicsite.wsgi:application"
bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 30
# The longest request line gunicorn accepts (its default is 4094 bytes): a long address,
# e.g. an API `find/?html_path=…`, then reaches the app and gets its JSON 400, not
# gunicorn's HTML 414. Longer lines still get the 414 (docs/api.md, "Bad input").
limit_request_line = 8190
accesslog = "-"
errorlog = "-"
# gunicorn 27 otherwise opens a control socket in the home folder, which a
# read-only container or a shared host may not allow.
control_socket_disable = True

# --- Memory per worker (docs/deployment.md, "Memory per worker") ----------------------

# The app is loaded once, in the master, and each worker is a fork of it that shares the
# master's memory until it writes to it. A new release needs a restart: HUP forks new
# workers from the code already loaded.
_TRUE_WORDS = {"1", "true", "yes", "on"}
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").strip().lower() in _TRUE_WORDS
# A safety net, not the fix: each worker is replaced after 10,000 to 11,000 requests
# (0 never); with preload_app a new worker is a fork of the master, not a new start-up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10


def _tune_malloc():
    """glibc's malloc, set in the master so every worker inherits it (its MALLOC_*
    variables would have to be set before Python starts; one that is set wins).

    By default glibc raises its thresholds each time a large block is freed, so the big
    buffers Pillow takes while making a rendition (tens of MB for an AVIF) then come from
    the heap, and stay in the worker after the request. Fixed thresholds give every block
    of 128 KB or more back to the system when it is freed and trim the heap's free top;
    two arenas bound what the image codecs' threads keep. Not glibc (musl, macOS): None,
    and nothing changes."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    for variable, option, value in [
        ("MALLOC_MMAP_THRESHOLD_", -3, 128 * 1024),  # M_MMAP_THRESHOLD
        ("MALLOC_TRIM_THRESHOLD_", -1, 128 * 1024),  # M_TRIM_THRESHOLD
        ("MALLOC_ARENA_MAX", -8, 2),  # M_ARENA_MAX
    ]:
        if variable not in os.environ:
            mallopt(option, value)
    return libc


_libc = _tune_malloc()


def when_ready(server):
    """In the master, with preload_app, before the first worker is forked: import what the
    first requests would (the URLconf with every view, Pillow's image plugins), so the
    workers share it too, then freeze every object so far: the workers' garbage
    collections never touch them, so never copy the pages they share with the master."""
    if not server.cfg.preload_app:
        return
    try:
        from django.urls import get_resolver
        from PIL import Image

        get_resolver().url_patterns  # noqa: B018
        Image.init()
    except Exception:
        # As without preloading: the workers start, and each request meets the error.
        server.log.exception("Importing the URLconf in the master failed")
    _close_connections()
    gc.collect()
    gc.freeze()


def pre_fork(server, worker):
    if server.cfg.preload_app:
        _close_connections()


def _close_connections():
    """A database connection or cache client the master opened is never shared with a
    worker: each worker opens its own (the master serves no request, so it has none)."""
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    caches.close_all()


def post_request(worker, req, environ, resp):
    """Memory the request freed inside the heap goes back to the system (about 5 µs)."""
    if _libc is not None:
        _libc.malloc_trim(128 * 1024)
