"""Reads the scale-out configuration from environment variables (docs/deployment.md).

Each function takes the environment as a mapping, so tests can check every switch
without reloading settings. Production settings call them with `os.environ`.
"""

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}


def flag(env, name, default):
    return env.get(name, str(default)).strip().lower() in TRUE_WORDS


def as_list(value):
    return [item.strip() for item in value.split(",") if item.strip()]


def required(env, name):
    value = env.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. Production settings read it from the environment; "
            "see docs/deployment.md."
        )
    return value


def sqlite_database(path):
    """A SQLite database that copes with the admin's overlapping requests.

    The editor's autosave, the preview panel and the editing-session ping write at the
    same time. SQLite's defaults answer one of them "database is locked": a transaction
    that reads first and then wants to write cannot wait for the lock. Write-ahead logging
    lets readers go on while one writer writes, IMMEDIATE transactions take the write lock
    up front (so they wait their turn instead of failing), and the busy time-out says how
    long they wait.
    """
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": SQLITE_OPTIONS,
    }


SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def caches(env, default_folder=None):
    """Redis when REDIS_URL is set, shared by every app server; else this machine.

    Three aliases, each under its own key prefix: `default` (the enquiry rate limit, the
    health check), `pages` (whole public pages and their versions, page_cache/)
    and `renditions` (Wagtail's image rendition look-ups). Sessions and sign-in attempts
    stay in the database. PAGE_CACHE_REDIS_URL puts `pages` in a Redis of its own, which
    may evict (docs/deployment.md, "Memory").

    Without Redis, `pages` is a folder on this machine that every worker process shares
    (hosting/disk_cache.py), so one publish purges every worker's pages: PAGE_CACHE_DIR, or
    else `default_folder` (the settings give one per database, page_cache_dir()). The
    other two stay in each process's memory. With neither a folder nor Redis (the tests),
    every alias is in this process's memory.
    """
    redis_url = _redis_url(env, "REDIS_URL")
    aliases = {"default": "clinic", "pages": "clinic-pages", "renditions": "clinic-renditions"}
    if redis_url:
        locations = dict.fromkeys(aliases, redis_url)
        locations["pages"] = _redis_url(env, "PAGE_CACHE_REDIS_URL") or redis_url
        return {
            alias: {
                # Django's RedisCache, but an outage degrades to misses (hosting/redis_cache.py).
                "BACKEND": "hosting.redis_cache.ResilientRedisCache",
                "LOCATION": locations[alias],
                "KEY_PREFIX": prefix,
                # A Redis outage must not hang every request: give up quickly (and then
                # leave Redis alone for a while, hosting/redis_cache.py).
                "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
            }
            for alias, prefix in aliases.items()
        }
    chosen = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix}
        for alias, prefix in aliases.items()
    }
    folder = env.get("PAGE_CACHE_DIR", "").strip() or default_folder
    if folder:
        chosen["pages"] = {
            "BACKEND": "hosting.disk_cache.ResilientDiskCache",
            "LOCATION": str(folder),
            # One SQLite file: writes (a miss, a publish) are few and short; reads never wait.
            "SHARDS": 1,
            "OPTIONS": PAGE_CACHE_DISK_OPTIONS,
        }
    return chosen


def page_cache_dir(root, database):
    """The page cache's folder under `root` for this database, when PAGE_CACHE_DIR names
    none: a copy of the site on another database (a benchmark, a test server, a second
    site in the same checkout) gets a folder of its own, so it never serves this one's
    pages."""
    address = "|".join(str(database.get(key) or "") for key in ("ENGINE", "HOST", "PORT", "NAME"))
    engine = str(database.get("ENGINE", "")).rsplit(".", 1)[-1]
    return Path(root) / f"{engine}-{hashlib.sha256(address.encode()).hexdigest()[:12]}"


# diskcache's limits for the single-machine page cache (docs/deployment.md, "Memory").
PAGE_CACHE_DISK_OPTIONS = {
    # At most this much on disk; pages are 10 to 30 KB each, the demo clinic's 430 KB in all.
    "size_limit": 256 * 2**20,
    # Past the limit, each write drops the ten entries stored longest ago (expired ones
    # first). Reads change nothing on disk: a hit only reads.
    "eviction_policy": "least-recently-stored",
    "cull_limit": 10,
    # Every page inside the SQLite file, one read each (diskcache's default moves values
    # of 32 KB and more to files of their own).
    "disk_min_file_size": 2**20,
    # Each worker's own SQLite page cache and memory map count in its memory (RSS): keep
    # them small (diskcache's defaults are 32 MB and 64 MB); the OS caches the file anyway.
    "sqlite_cache_size": 2**10,  # pages of 4 KB: 4 MB
    "sqlite_mmap_size": 0,
}


def _redis_url(env, name):
    url = env.get(name, "").strip()
    if url and urlsplit(url).scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(
            f"{name} must start with redis://, rediss:// or unix://, not {url!r}."
        )
    return url


def storages(env, static_backend):
    """Uploaded images, renditions and documents in S3-compatible storage when
    AWS_STORAGE_BUCKET_NAME is set (credentials as boto3 reads them: AWS_ACCESS_KEY_ID and
    AWS_SECRET_ACCESS_KEY, or the machine's role); else on this machine's disk."""
    bucket = env.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        default = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    else:
        options = {
            "bucket_name": bucket,
            # Each object keeps the bucket's own access rules; files are never overwritten,
            # so two app servers saving "photo.jpg" get two names.
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": flag(env, "AWS_QUERYSTRING_AUTH", False),
        }
        for option, name in [
            ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
            ("region_name", "AWS_S3_REGION_NAME"),
            ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
            ("location", "AWS_LOCATION"),
        ]:
            if env.get(name, "").strip():
                options[option] = env[name].strip()
        default = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    return {"default": default, "staticfiles": {"BACKEND": static_backend}}


def media_origin(env):
    """The origin images are served from, for the Content-Security-Policy; None for this site."""
    if env.get("AWS_S3_CUSTOM_DOMAIN", "").strip():
        return f"https://{env['AWS_S3_CUSTOM_DOMAIN'].strip()}"
    if env.get("AWS_STORAGE_BUCKET_NAME", "").strip():
        endpoint = env.get("AWS_S3_ENDPOINT_URL", "").strip()
        if endpoint:
            parts = urlsplit(endpoint)
            return f"{parts.scheme}://{parts.netloc}"
        # boto3's default virtual-hosted address for the bucket.
        return f"https://{env['AWS_STORAGE_BUCKET_NAME'].strip()}.s3.amazonaws.com"
    return None


def frontend_cache(env):
    """Wagtail's CDN purge backends, chosen by FRONTEND_CACHE; {} when no CDN sits in front."""
    kind = env.get("FRONTEND_CACHE", "").strip().lower()
    if not kind:
        return {}
    if kind == "cloudflare":
        config = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": required(env, "CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": required(env, "CLOUDFLARE_ZONE_ID"),
        }
    elif kind == "cloudfront":
        config = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": required(env, "CLOUDFRONT_DISTRIBUTION_ID"),
        }
    elif kind == "http":
        # Varnish, nginx or any cache that accepts PURGE requests.
        config = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": required(env, "FRONTEND_CACHE_LOCATION"),
        }
    else:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE={kind!r} is not one of cloudflare, cloudfront or http."
        )
    return {kind: config}
