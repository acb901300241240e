"""Junk input against the served site: exits 1 if anything answers 5xx (or not at all).

    .venv/bin/python bench/fuzz.py [--budget SECONDS] [--examples N] [--seed N]

Sets up a throwaway site on this machine: production settings (DEBUG off, the compressed,
hashed static files, the page cache on in each worker's memory), a SQLite database and a
media folder in a temporary folder, `migrate`, `load_demo` and `collectstatic`, then
gunicorn with 2 workers on 127.0.0.1. Within --budget seconds (default 45) it sends:

1. schemathesis: every operation of the clinic content API's OpenAPI document
   (/api/clinic/v1/openapi.json), up to --examples cases each of valid and of invalid data;
2. a junk crawl: API v2 (pages, one page, find, images, one image, documents, previews)
   and the public pages (home, treatments, a treatment and its aftercare sheet,
   conditions, the journal, a tag and the feed, search, the enquiry page, the sitemap), each
   of their query parameters, plus one they do not know, set to the first --examples junk
   values (default 12; 0 means all of them): other scripts' digits, huge and negative
   numbers, empty, repeated and array-style parameters, NUL and invalid UTF-8, long strings,
   markup; and junk in the ids of API addresses.

Prints how many answers were 2xx, 3xx, 4xx and 5xx per target, then each 5xx with its
address and the server's log lines about it. When the budget runs out, what is left is
skipped and said so (not a failure). Everything goes to 127.0.0.1 only.
docs/performance.md, "Junk input", says how CI runs it.
"""

import argparse
import http.client
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

from load import ROOT, free_port, gunicorn

CONCURRENCY = 4
TIMEOUT = 30  # gunicorn's own: a request still running then has killed its worker

# Junk for a parameter named {p}, already written as it goes on the wire; the ones that
# broke things before come first, so a small --examples still sends them.
JUNK = [
    "{p}=" + "%D9%A9" * 30,  # ٩ (Arabic-Indic) x 30: int() reads it, past 64 bits
    "{p}=%EF%BC%91",  # １, a fullwidth digit
    "{p}=" + "9" * 30,  # past 64 bits
    "{p}=-1",
    "{p}=",
    "{p}=1&{p}=2",  # given twice
    "{p}[]=1",  # array-style
    "{p}=%00",
    "{p}=" + "x" * 3000,
    "{p}=%C2%B2",  # ², a digit to str.isdigit() but not to int()
    "{p}=" + "9" * 5000,  # past the 4,300 digits int() accepts
    "{p}=%FF%FE",  # not UTF-8
    "{p}",  # no value at all
    "{p}=0",
    "{p}=-9223372036854775809",
    "{p}=%F0%9D%9F%8F",  # 𝟏, mathematical bold one
    "{p}=%D9%A9%D9%A9",
    "{p}=%2B5",
    "{p}=%205",
    "{p}=1_000",
    "{p}=1e3",
    "{p}=1.5",
    "{p}=0x1F",
    "{p}=NaN",
    "{p}=a%00b",
    "{p}=%C0%AF",  # an overlong encoding of /
    "{p}=%E2%80%AE",  # right-to-left override
    "{p}=%F0%9F%98%80",
    "{p}=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "{p}='%20OR%201%3D1--",
    "{p}=..%2F..%2Fetc%2Fpasswd",
    "{p}=%",  # a broken escape
    "{p}=null",
    "{p}=true",
    "{p}=*",
    "{p}[a][b]=1",
    "{p}=1&{p}[]=2&{p}=%D9%A1",
]
# Junk where an API address has an id: /api/v2/pages/<junk>/.
JUNK_IDS = [
    "%D9%A9" * 30,
    "%D9%A9",
    "%EF%BC%91",
    "9" * 30,
    "-1",
    "0",
    "%00",
    "%FF",
    "1.5",
    "x" * 3000,
    "9" * 5000,
]
UNKNOWN = ["zz", "%00", "x" * 200]  # names no page or API reads

# (address, its query parameters). {treatment} and {image} are real ids, read at start.
API_V2 = [
    ("/api/v2/pages/", ["limit", "offset", "order", "fields", "type", "child_of",
                        "descendant_of", "search", "search_operator", "site", "id", "slug"]),
    ("/api/v2/pages/?type=treatments.TreatmentPage", ["condition", "fields", "order"]),
    ("/api/v2/pages/?type=blog.BlogPage", ["tag", "treatment", "date", "first_published_at"]),
    ("/api/v2/pages/{treatment}/", ["fields", "site"]),
    ("/api/v2/pages/find/", ["html_path", "id", "site"]),
    ("/api/v2/images/", ["limit", "offset", "order", "fields", "search", "width", "tags"]),
    ("/api/v2/images/{image}/", ["fields"]),
    ("/api/v2/documents/", ["limit", "offset", "fields", "search"]),
    ("/api/v2/page_preview/", ["content_type", "token"]),
]  # fmt: skip
PUBLIC = [
    ("/", ["page"]),
    ("/treatments/", ["page"]),
    ("/treatments/microneedling/", ["page"]),
    ("/treatments/microneedling/aftercare/", []),
    ("/conditions/", ["page"]),
    ("/blog/", ["page", "tag"]),
    ("/blog/tag/aftercare/", ["page", "tag"]),
    ("/blog/feed/rss/", ["page"]),
    ("/search/", ["q"]),
    ("/search/?q=skin", ["page"]),
    ("/contact/", ["treatment"]),
    ("/sitemap.xml", ["p"]),
]
ID_ADDRESSES = ["/api/v2/pages/{}/", "/api/v2/images/{}/", "/api/v2/documents/{}/"]


def say(*args):
    print(*args, flush=True)


# --- The site ------------------------------------------------------------------------


def site_env(work):
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="clinicsite.settings.production",
        DJANGO_SECRET_KEY="fuzz-only-" + os.urandom(24).hex(),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{work / 'fuzz.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DJANGO_STATIC_ROOT=str(work / "static"),
        # The page cache in the folder too, never the repository's var/ (another site's).
        PAGE_CACHE_DIR=str(work / "page-cache"),
        PAGE_CACHE_SECONDS="60",
        LOG_FORMAT="text",
        LOG_LEVEL="WARNING",
        PYTHONPATH=f"{ROOT / 'site'}:{ROOT}",
    )


def manage(env, *args):
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process, what):
    output, _ = process.communicate()
    if process.returncode != 0:
        say(output)
        raise SystemExit(f"fuzz: {what} failed")


def set_up(env):
    """migrate and load_demo, with collectstatic alongside (it needs no database)."""
    static = manage(env, "collectstatic", "--noinput", "-v0")
    finish(manage(env, "migrate", "--noinput", "-v0"), "migrate")
    finish(manage(env, "load_demo"), "load_demo")
    finish(static, "collectstatic")


# --- Sending and counting --------------------------------------------------------------


class Tally:
    """Answers per target by status class, and every 5xx or unanswered request."""

    def __init__(self):
        self.counts = defaultdict(Counter)
        self.failures = []
        self.lock = threading.Lock()

    def add(self, target, status, address):
        kind = f"{status // 100}xx" if isinstance(status, int) else "err"
        with self.lock:
            self.counts[target][kind] += 1
            if kind in {"5xx", "err"}:
                self.failures.append((status, address))

    def print(self, title):
        columns = ["2xx", "3xx", "4xx", "5xx", "err"]
        say(f"{title:<58}" + "".join(f"{column:>6}" for column in columns))
        total = Counter()
        for target, counts in self.counts.items():
            total.update(counts)
            say(f"{target[:58]:<58}" + "".join(f"{counts[c]:>6}" for c in columns))
        say(f"{'total':<58}" + "".join(f"{total[c]:>6}" for c in columns))


def crawl(port, requests, deadline, tally):
    """Sends (target, address) pairs from CONCURRENCY keep-alive clients until done or the
    deadline; returns how many were left unsent."""
    waiting = queue.Queue()
    for request in requests:
        waiting.put(request)

    def client():
        connection = None
        while time.monotonic() < deadline:
            try:
                target, address = waiting.get_nowait()
            except queue.Empty:
                return
            try:
                connection = connection or http.client.HTTPConnection(
                    "127.0.0.1", port, timeout=TIMEOUT
                )
                connection.putrequest("GET", address, skip_accept_encoding=True)
                connection.putheader("Accept", "*/*")
                connection.endheaders()
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                connection = None
            tally.add(target, status, address)

    threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return waiting.qsize()


def warm(port):
    """Visits each page and API address once, plainly: the photos' renditions (AVIF, WebP)
    are made on a page's first visit, which takes seconds that the budget is not for."""
    ids = real_ids(port)
    tally = Tally()
    crawl(
        port,
        [("warm", address.format(**ids)) for address, _ in API_V2 + PUBLIC],
        time.monotonic() + 300,
        tally,
    )
    return tally


def real_ids(port):
    return {
        "treatment": get_json(port, "/api/v2/pages/?type=treatments.TreatmentPage&limit=1")[
            "items"
        ][0]["id"],
        "image": get_json(port, "/api/v2/images/?limit=1")["items"][0]["id"],
    }


def get_json(port, address):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    connection.request("GET", address)
    return json.loads(connection.getresponse().read())


def junk_requests(port, examples):
    """(target, address) pairs, junk value by junk value across every target, so that a run
    cut short by its budget has still sent the first values everywhere."""
    ids = real_ids(port)
    junk = JUNK[:examples] if examples else JUNK
    by_value = defaultdict(list)
    for address, parameters in API_V2 + PUBLIC:
        address = address.format(**ids)
        target = f"GET {address}"
        joiner = "&" if "?" in address else "?"
        for name in [*parameters, *UNKNOWN]:
            for n, value in enumerate(junk):
                by_value[n].append((target, address + joiner + value.format(p=name)))
    for template in ID_ADDRESSES:
        target = "GET " + template.format("<junk id>")
        for n, junk_id in enumerate(JUNK_IDS[: examples or None]):
            by_value[n].append((target, template.format(junk_id)))
    return [request for n in sorted(by_value) for request in by_value[n]]


# --- schemathesis ------------------------------------------------------------------


def draw_cases(operation, mode, examples, seed):
    """Up to `examples` cases of one operation, valid or invalid (schemathesis's `mode`)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as fixed_seed
    from hypothesis.errors import Unsatisfiable

    cases = []

    @fixed_seed(seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(operation.as_strategy(generation_mode=mode))
    def draw(case):
        cases.append(case)

    try:
        draw()
    except Unsatisfiable:  # no parameters: nothing to make invalid
        pass
    return cases


def schemathesis_run(port, examples, seed, deadline, tally, home):
    """Every operation of the clinic content API, valid and invalid cases; returns the
    number of operations and how many cases the budget left unsent."""
    import schemathesis
    from hypothesis.configuration import set_hypothesis_home_dir

    # Its notes go to the run's temporary folder, not .hypothesis/ in the repository.
    set_hypothesis_home_dir(home)
    base = f"http://127.0.0.1:{port}"
    schema = schemathesis.openapi.from_url(f"{base}/api/clinic/v1/openapi.json", timeout=30)
    operations = [result.ok() for result in schema.get_all_operations()]
    skipped = 0
    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            if time.monotonic() >= deadline:
                skipped += examples
                continue
            target = f"{operation.label} ({mode.value})"
            for case in draw_cases(operation, mode, examples, seed):
                if time.monotonic() >= deadline:
                    skipped += 1
                    continue
                try:
                    response = case.call(base_url=base, timeout=TIMEOUT)
                    tally.add(target, response.status_code, response.request.url)
                except OSError as error:  # requests' errors too: no answer
                    tally.add(target, type(error).__name__, case.as_curl_command())
    return len(operations), skipped


# --- The run -------------------------------------------------------------------------


def log_lines_about(log, limit=40):
    """Each error the server logged and the exception it ended in, then the end of the first
    traceback (where the site's own code is)."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    exception = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit)\b.*")
    summary = [line for line in lines if " ERROR " in line or exception.match(line)]
    first = next((n for n, line in enumerate(lines) if " ERROR " in line), None)
    if first is None:
        return summary[:limit]
    end = next(
        (n for n in range(first + 1, len(lines)) if re.match(r"^\d{4}-\d\d-\d\d ", lines[n])),
        len(lines),
    )
    return [*summary[:limit], "", "the first traceback's end:", *lines[max(first, end - 25) : end]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=float, default=45, help="seconds of sending (45)")
    parser.add_argument(
        "--examples", type=int, default=12, help="cases per operation and junk values per "
        "parameter (12; 0: every junk value, and 100 cases per operation)",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=1, help="schemathesis's random seed (1)")
    args = parser.parse_args()

    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        env = site_env(work)
        set_up(env)
        port = free_port()
        log = work / "gunicorn.log"
        with gunicorn(env, ready_path="/healthz", port=port, log=log):
            warmed = warm(port)
            say(
                f"fuzz: the demo clinic on http://127.0.0.1:{port}/ (production settings, "
                f"gunicorn, 2 workers), set up in {time.monotonic() - started:.0f} s; "
                f"budget {args.budget:g} s, --examples {args.examples}, --seed {args.seed}"
            )
            began = time.monotonic()
            deadline = began + args.budget

            api = Tally()
            examples = args.examples or 100
            operations, skipped_cases = schemathesis_run(
                port, examples, args.seed, began + args.budget / 2, api, work / "hypothesis"
            )
            say(
                f"\nschemathesis: the clinic content API's {operations} operations "
                f"(/api/clinic/v1/openapi.json), up to {examples} valid and {examples} invalid "
                f"cases each, {time.monotonic() - began:.0f} s"
            )
            api.print("operation (data)")

            junk = Tally()
            crawl_began = time.monotonic()
            requests = junk_requests(port, args.examples)
            unsent = crawl(port, requests, deadline, junk)
            say(
                f"\njunk crawl: API v2 and the public pages, {len(requests) - unsent} requests, "
                f"{time.monotonic() - crawl_began:.0f} s"
            )
            junk.print("target")
        for skipped, what in [(skipped_cases, "schemathesis cases"), (unsent, "junk requests")]:
            if skipped:
                say(f"budget spent: {skipped} {what} not sent")

        failures = warmed.failures + api.failures + junk.failures
        if not failures:
            say(f"\nno 5xx in {time.monotonic() - began:.0f} s of fuzzing")
            return 0
        say(f"\n{len(failures)} requests answered 5xx or not at all:")
        for status, address in failures[:50]:
            shown = address if len(address) < 300 else address[:300] + f"… ({len(address)} chars)"
            say(f"  {status} GET {shown}")
        lines = log_lines_about(log)
        if lines:
            say("\nthe server's log about them:")
            say("\n".join(lines))
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
