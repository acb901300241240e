"""Page-cache hits against WhiteNoise static files, in this process: prints figures only.

    .venv/bin/python bench/page_cache.py [--rounds N] [--batch N] [--site DIR] [--keep]

Sets up the demo clinic with production settings in a temporary folder (SQLite, `migrate`,
`load_demo`, `collectstatic`: WhiteNoise's files indexed at start as in production), or
reuses the folder of an earlier `--keep` run (`--site DIR`). Then, in this process and without a
server, passes prepared GET requests through Django's WSGI application, every middleware
included, and prints the CPU time of this process per request (not the wall clock, so
that other work on the machine weighs less), in microseconds, for

- a static file, the site's stylesheet (WhiteNoise, with `Accept-Encoding: gzip`);
- a page-cache hit on the home and the treatment page, with the `pages` cache in this
  process's memory (LocMemCache, each worker its own) and in a folder shared by every
  worker of the machine (diskcache, hosting/disk_cache.py, as production without Redis),
  and for comparison in diskcache's own Django backend, which reopens its SQLite files on
  every request;
- the cache look-ups alone: the entry and its versions (page_cache/middleware.py).

The cases take turns, a batch of BATCH requests each per round, for ROUNDS rounds; the
figures are the fastest round (the least disturbed by other work on the machine) and the
median. "of static" is the static file's time over the hit's: the hit's request rate as a
share of the static file's.
"""

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from load import ROOT, production_env

PAGES = ["/", "/treatments/microneedling/"]


def site_env(work):
    return production_env(ROOT, work, 300, LOG_LEVEL=None)


def set_up(work, env):
    if (work / "bench.sqlite3").exists():
        return
    for args in (
        ["collectstatic", "--noinput", "-v0"],
        ["migrate", "--noinput", "-v0"],
        ["load_demo"],
    ):
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def wsgi_caller(application):
    """call(path) -> (status, X-Page-Cache): one request through every middleware."""

    def call(path):
        seen = []
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
            "HTTP_USER_AGENT": "bench",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
        }
        result = application(environ, lambda status, headers, exc_info=None: seen.append(
            (status, dict(headers).get("X-Page-Cache"))
        ))  # fmt: skip
        try:
            for _ in result:
                pass
        finally:
            result.close()
        return seen[0]

    return call


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--site", type=Path, help="the folder of an earlier --keep run")
    parser.add_argument("--keep", action="store_true", help="keep the site's folder")
    options = parser.parse_args()
    work = options.site or Path(tempfile.mkdtemp(prefix="page-cache-bench-"))
    try:
        measure(work, options)
    finally:
        if not (options.site or options.keep):
            shutil.rmtree(work, ignore_errors=True)


def measure(work, options):
    env = site_env(work)
    if options.site and (work / "env").exists():
        env["DJANGO_SECRET_KEY"] = (work / "env").read_text()
    (work / "env").write_text(env["DJANGO_SECRET_KEY"])
    set_up(work, env)
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.templatetags.static import static
    from django.test import RequestFactory, override_settings

    from clinicsite import environment
    from page_cache import middleware, versions

    call = wsgi_caller(WSGIHandler())
    stylesheet = static("css/clinic.css")
    backends = {
        "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "folder": environment.caches({}, work / "page-cache")["pages"],
        "diskcache's backend": {
            "BACKEND": "diskcache.DjangoCache",
            "LOCATION": str(work / "diskcache-backend"),
            "SHARDS": 1,
        },
    }
    request = RequestFactory().get(PAGES[1], HTTP_HOST="127.0.0.1")

    def look_up():
        # What a hit costs in the cache: the entry, then its versions.
        _, kept_versions = versions.page_cache().get(middleware._entry_key(request))
        versions.current_versions(list(kept_versions))

    cases = {"static file": lambda: call(stylesheet)}
    for name, config in backends.items():
        for path in PAGES:
            cases[f"{name}: hit {path}"] = (config, lambda path=path: call(path))
        cases[f"{name}: look-ups alone"] = (config, look_up)
    timings = {case: [] for case in cases}

    def run(case, batch):
        started = time.process_time()
        for _ in range(batch):
            action()
        timings[case].append((time.process_time() - started) / batch * 1e6)

    for round_number in range(options.rounds + 1):
        for case, what in cases.items():
            config, action = what if isinstance(what, tuple) else (None, what)
            caches_now = {**settings.CACHES, "pages": config} if config else settings.CACHES
            with override_settings(CACHES=caches_now):
                for path in PAGES:
                    call(path)  # the entry (the first round stores it)
                if round_number:
                    run(case, options.batch)
                else:  # warm-up, and the answers checked
                    for path in PAGES + [stylesheet]:
                        status, hit = call(path)
                        assert status == "200 OK", (path, status)
                        assert path == stylesheet or hit == "hit", (case, path, hit)

    static_best = min(timings["static file"])
    print(f"in-process WSGI, production settings, {options.rounds} rounds x {options.batch}")
    print(f"{'CPU time per request':<50} {'best µs':>8} {'median µs':>10} {'of static':>10}")
    for case, values in timings.items():
        best = min(values)
        share = f"{static_best / best:.0%}" if "look-ups" not in case else ""
        print(f"{case:<50} {best:8.1f} {statistics.median(values):10.1f} {share:>10}")
    if options.keep:
        print(f"site folder (reuse with --site): {work}")


if __name__ == "__main__":
    main()
