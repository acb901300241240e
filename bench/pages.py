"""Speed of the public pages on production settings, as ratios against a baseline commit.

    .venv/bin/python bench/pages.py [--seconds S] [--concurrency N] [--baseline REF]
                                    [--pages name,name] [--keep]

Prints figures, asserts nothing. Each site (the working tree, "this", and with --baseline
the commit REF, checked out with `git archive` into a temporary folder) gets its own SQLite
database, media and static folders there, set up by its own code in subprocesses
(`collectstatic`, `migrate`, `import_content demo --publish`), and is served on production
settings (clinicsite.settings.production, page cache off, no Redis, HTTPS redirect off for
plain HTTP) by its own gunicorn with 2 sync workers, both sites up at once. SQL queries per
page are counted by each site's own code (Django's test client on a warm site). Then, page
by page, N keep-alive clients load one site and then the other for S seconds each (after
1 s of warming each; which site goes first alternates), so the machine's noise hits both:
requests/s, the gunicorn workers' CPU ms per request (utime + stime from /proc), p50/p99,
queries and size, and the ratio this/baseline.

After the pages: the clinic content API's treatment listing with 50 treatments (47 copies
of the demo's microneedling page imported, as bench/api.py builds them); a WhiteNoise static
file (the collected stylesheet) and a page-cache hit (the treatment page) on a second
gunicorn per site with PAGE_CACHE_SECONDS=300; each worker's RSS after the run; and a short
list of the headline figures. docs/performance.md explains every column.
"""

import argparse
import http.client
import math
import re
import shutil
import subprocess
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from api import TREATMENTS
from load import (
    ROOT,
    WORKERS,
    count_queries,
    free_port,
    git_checkout,
    gunicorn,
    manage,
    production_env,
    rss_mb,
    timed_load,
    worker_pids,
)

TREATMENT = "/treatments/microneedling/"
CLINIC_API = "/api/clinic/v1/"
# (name for --pages, label, path); {treatment_id} is the microneedling page's id on each site.
PAGES = [
    ("home", "home", "/"),
    ("treatment", "treatment page", TREATMENT),
    ("condition", "condition page", "/conditions/acne-scars/"),
    ("treatments", "treatment index", "/treatments/"),
    ("conditions", "condition index", "/conditions/"),
    ("journal", "journal index", "/blog/"),
    ("post", "journal post", "/blog/microneedling-aftercare-week-by-week/"),
    ("team", "team page", "/team/"),
    ("search", "search", "/search/?q=massage"),
    ("api-v2", "API v2 treatment detail", "/api/v2/pages/{treatment_id}/"),
]
API_LISTING = (
    "api-listing",
    f"clinic API treatment listing, {TREATMENTS} treatments",
    f"{CLINIC_API}treatments/?limit={TREATMENTS}",
)
CACHED_SECONDS = 300
OTHER = ["static", "cache"]  # the static file and the page-cache hit
NAMES = [name for name, _, _ in PAGES] + [API_LISTING[0]] + OTHER
LABEL = 26  # width of the first column


@dataclass
class Site:
    name: str  # "this" or "baseline"
    root: Path  # its code
    work: Path  # its database, media, static files, logs and content
    about: str
    env: dict = None
    port: int = 0
    master: int = 0
    cache_port: int = 0
    cache_master: int = 0
    counts: dict = field(default_factory=dict)  # name -> {path, status, queries, bytes}


def say(*args):
    print(*args, flush=True)


def in_parallel(function, sites):
    """function(site) for every site at once; the first failure raised here."""
    errors = []

    def run(site):
        try:
            function(site)
        except BaseException as error:  # SystemExit too: it carries the command's output
            errors.append(error)

    threads = [threading.Thread(target=run, args=(site,)) for site in sites]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


# --- Setting the sites up, each with its own code --------------------------------------


def set_up(site):
    site.work.mkdir(parents=True, exist_ok=True)
    site.env = production_env(site.root, site.work)
    manage(site.root, site.env, "collectstatic", "--noinput", "-v0")
    manage(site.root, site.env, "migrate", "--noinput", "-v0")
    try:
        manage(site.root, site.env, "import_content", str(site.root / "demo"), "--publish")
    except SystemExit as error:  # an older commit: its own way of loading the demo
        try:
            manage(site.root, site.env, "load_demo")
        except SystemExit:
            raise error from None


def add_treatments(site):
    """The demo again plus copies of its microneedling page, TREATMENTS treatments in all, as
    bench/api.py's build_content makes them (from this site's own demo/), imported and
    published: the demo's files are unchanged, so only the copies are new."""
    folder = site.work / "content"
    shutil.copytree(site.root / "demo", folder)
    original = (folder / "treatments" / "microneedling.md").read_text()
    for n in range(TREATMENTS - 3):
        text = original.replace("title: Microneedling", f"title: Microneedling {n}")
        text = text.replace("slug: microneedling", f"slug: microneedling-{n}")
        (folder / "treatments" / f"copy-{n}.md").write_text(text)
    manage(site.root, site.env, "import_content", str(folder), "--publish")


def describe_working_tree():
    head = subprocess.run(
        ["git", "log", "-1", "--format=%h"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT, capture_output=True, text=True,
    ).stdout.splitlines()  # fmt: skip
    return f"working tree: {head} + {len(changed)} changed files" if changed else f"{head}, clean"


# --- Printing ---------------------------------------------------------------------------


def number(value, width, digits=1):
    return f"{'-':>{width}}" if value is None or math.isnan(value) else f"{value:{width}.{digits}f}"


def statuses(window):
    if set(window.statuses) == {200}:
        return "200"
    total = window.requests or 1
    return " ".join(
        f"{status} {count * 100 / total:.0f}%" for status, count in window.statuses.most_common()
    )


def header(first):
    say(
        f"{first:<{LABEL}} {'req/s':>8} {'CPU ms':>7} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'SQL':>4} {'KB':>6}  status"
    )


def print_window(who, window, queries=None, note=""):
    """One site's line: req/s, the workers' CPU ms per request, p50, p99, SQL, KB."""
    if window is None:
        say(f"  {who:<{LABEL - 2}} {'n/a':>8}  {note}")
        return
    sql = f"{queries:4d}" if queries is not None else f"{'-':>4}"
    say(
        f"  {who:<{LABEL - 2}} {window.rate:8.1f} {number(window.cpu_ms, 7, 2)} "
        f"{number(window.p50 * 1000, 7)} {number(window.p99 * 1000, 7)} {sql} "
        f"{window.body_bytes / 1024:6.1f}  {statuses(window)}{note}"
    )


def ratio(a, b):
    if a is None or b is None or not b or math.isnan(a) or math.isnan(b):
        return None
    return a / b


def print_ratios(this, base, this_queries=None, base_queries=None):
    """this/baseline of req/s, CPU ms, p50, p99 and KB; the difference in queries."""
    if this is None or base is None:
        say(f"  {'this/baseline':<{LABEL - 2}} {'n/a':>8}")
        return
    sql = f"{'-':>4}"
    if this_queries is not None and base_queries is not None:
        sql = f"{this_queries - base_queries:+4d}"
    say(
        f"  {'this/baseline':<{LABEL - 2}} {number(ratio(this.rate, base.rate), 8, 2)} "
        f"{number(ratio(this.cpu_ms, base.cpu_ms), 7, 2)} "
        f"{number(ratio(this.p50, base.p50), 7, 2)} {number(ratio(this.p99, base.p99), 7, 2)} "
        f"{sql} {number(ratio(this.body_bytes, base.body_bytes), 6, 2)}"
    )


def who(site):
    return "this" if site.name == "this" else "baseline"


# --- Measuring ------------------------------------------------------------------------


def interleaved(sites, index, measure):
    """{site name: measure(site)}, warming every site first; which site goes first
    alternates with `index`."""
    order = sites if index % 2 == 0 else sites[::-1]
    for site in order:
        measure(site, warm=True)
    return {site.name: measure(site, warm=False) for site in order}


def measure_page(sites, index, name, label, seconds, concurrency):
    def measure(site, warm):
        count = site.counts[name]
        if name == API_LISTING[0] and count["status"] == 404:
            return None  # a commit from before the clinic content API
        if warm:
            return timed_load(site.port, count["path"], 1, concurrency)
        return timed_load(site.port, count["path"], seconds, concurrency, site.master)

    results = interleaved(sites, index, measure)
    paths = {site.counts[name]["path"] for site in sites}
    say(f"{label}  {' | '.join(sorted(paths))}")
    for site in sites:
        count = site.counts[name]
        note = f" (no {CLINIC_API} here: 404)" if results[site.name] is None else ""
        print_window(who(site), results[site.name], count["queries"], note)
        window = results[site.name]
        if window is not None and any(str(status)[0] == "5" for status in window.statuses):
            say(f"    {who(site)}'s log: {last_error(site.work / 'gunicorn.log')}")
    if len(sites) == 2:
        this, base = sites
        print_ratios(
            results["this"],
            results["baseline"],
            this.counts[name]["queries"],
            base.counts[name]["queries"],
        )
    return results


def last_error(log):
    """The last exception line (`NameError: ...`) in a gunicorn log, for a 5xx answer."""
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    for line in reversed(lines):
        if re.match(r"[\w.]+(Error|Exception|Exit)\b.*", line):
            return line[:200]
    return "(no exception in it)"


def stylesheet(port):
    """The collected stylesheet's hashed address, as the home page links it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/")
    html = connection.getresponse().read().decode("utf-8", "replace")
    found = re.search(r'href="(/static/[^"]+?\.css)"', html)
    return found.group(1) if found else None


def measure_static_and_cache(sites, index, selected, seconds, concurrency):
    """{"static": {site: Window}, "cache": {site: Window}} on each site's page-cache server."""
    results = {}
    if "static" in selected:
        paths = {site.name: stylesheet(site.cache_port) for site in sites}

        def static(site, warm):
            if paths[site.name] is None:
                return None
            return timed_load(
                site.cache_port, paths[site.name], 1 if warm else seconds, concurrency,
                None if warm else site.cache_master,
            )  # fmt: skip

        results["static"] = interleaved(sites, index, static)
        say(f"WhiteNoise static file  {' | '.join(sorted(set(map(str, paths.values()))))}")
        for site in sites:
            note = " (no stylesheet linked from /)" if paths[site.name] is None else ""
            print_window(who(site), results["static"][site.name], note=note)
        if len(sites) == 2:
            print_ratios(results["static"]["this"], results["static"]["baseline"])
        index += 1
    if "cache" in selected:

        def cached(site, warm):
            return timed_load(
                site.cache_port, TREATMENT, 1 if warm else seconds, concurrency,
                None if warm else site.cache_master, note_header="X-Page-Cache",
            )  # fmt: skip

        results["cache"] = interleaved(sites, index, cached)
        say(f"page-cache hit (PAGE_CACHE_SECONDS={CACHED_SECONDS})  {TREATMENT}")
        for site in sites:
            window = results["cache"][site.name]
            hits = window.noted.get("hit", 0)
            if not hits:
                note = "  no hits"
            else:
                note = f"  hits {hits * 100 / window.requests:.0f}%"
                static = results.get("static", {}).get(site.name)
                if static is not None:
                    note += f", {window.rate * 100 / static.rate:.0f}% of static req/s"
            print_window(who(site), window, note=note)
        if len(sites) == 2:
            print_ratios(results["cache"]["this"], results["cache"]["baseline"])
    return results


def print_rss(sites):
    say("worker RSS after the run, MB (each worker; max)")
    for site in sites:
        for server, master in [("pages", site.master), ("page cache", site.cache_master)]:
            if not master:
                continue
            sizes = [rss_mb(pid) for pid in worker_pids(master)]
            sizes = [size for size in sizes if size is not None]
            each = " ".join(f"{size:.1f}" for size in sizes)
            biggest = f"{max(sizes):.1f}" if sizes else "-"
            say(f"  {who(site) + ', ' + server:<{LABEL - 2}} {each}; max {biggest}")
    return {
        site.name: max((rss_mb(pid) or 0 for pid in worker_pids(site.master)), default=None)
        for site in sites
    }


def print_summary(sites, pages, other, rss):
    """The figures a speed change is judged by, in one place."""
    say("headline")
    names = [site.name for site in sites]

    def both(figure, digits=2):
        values = [figure(name) for name in names]

        def shown(value, digits):
            return "n/a" if value is None or math.isnan(value) else f"{value:.{digits}f}"

        text = ", ".join(
            f"{name} {shown(value, digits)}" for name, value in zip(names, values, strict=True)
        )
        if len(values) == 2:
            text += f"; this/baseline {shown(ratio(*values), 2)}"
        return text

    if "treatment" in pages:
        window = pages["treatment"]
        say(f"  treatment page, CPU ms/request: {both(lambda n: window[n].cpu_ms)}")
    if API_LISTING[0] in pages:
        window = pages[API_LISTING[0]]
        say(
            f"  clinic API listing ({TREATMENTS} treatments), req/s: "
            + both(lambda n: window[n].rate if window[n] else None, 1)
        )
    counted = [name for name in pages if name != API_LISTING[0]]
    if counted:
        for site in sites:
            say(
                f"  SQL queries ({who(site)}): "
                + ", ".join(f"{name} {site.counts[name]['queries']}" for name in counted)
            )
    if "cache" in other and "static" in other:

        def share(name):
            hits, static = other["cache"][name], other["static"][name]
            if not hits.noted.get("hit") or static is None:
                return None
            return hits.rate * 100 / static.rate

        say(f"  page-cache hits as % of static file req/s: {both(share, 0)}")
    say(f"  worker RSS, max MB: {both(lambda n: rss[n], 1)}")


# --- The run --------------------------------------------------------------------------


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("legacy", nargs="*", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, default=None, help="per page and site (10)")
    parser.add_argument("--concurrency", type=int, default=None, help="clients (8)")
    parser.add_argument("--baseline", metavar="REF", help="a commit to compare against")
    parser.add_argument(
        "--pages", help=f"a subset, comma-separated, of: {','.join(NAMES)} (default: all)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folders")
    args = parser.parse_args()
    # The old form, `pages.py [SECONDS] [CONCURRENCY]`, still works.
    legacy = args.legacy + [None, None]
    args.seconds = args.seconds or legacy[0] or 10
    args.concurrency = args.concurrency or (int(legacy[1]) if legacy[1] else 8)
    args.pages = NAMES if not args.pages else [n.strip() for n in args.pages.split(",")]
    unknown = set(args.pages) - set(NAMES)
    if unknown:
        parser.error(f"unknown pages {', '.join(sorted(unknown))}; names: {', '.join(NAMES)}")
    return args


def main():
    args = arguments()
    selected = args.pages
    pages = [page for page in PAGES if page[0] in selected]
    tmp = Path(tempfile.mkdtemp(prefix="pages-bench-"))
    sites = [Site("this", ROOT, tmp / "this", describe_working_tree())]
    failed = True
    try:
        if args.baseline:
            code = tmp / "baseline" / "code"
            _, line = git_checkout(args.baseline, code)
            sites.append(Site("baseline", code, tmp / "baseline", f"{args.baseline}: {line}"))
        run(sites, args, selected, pages)
        failed = False
    finally:
        if args.keep or (failed and any(site.work.exists() for site in sites)):
            say(f"work folders kept (databases, media, logs): {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def run(sites, args, selected, pages):
    seconds, concurrency = args.seconds, args.concurrency
    for site in sites:
        say(f"{who(site)}: {site.about}")
    started = time.perf_counter()
    in_parallel(set_up, sites)
    say(
        f"set up (collectstatic, migrate, import the demo) in {time.perf_counter() - started:.0f} s"
    )
    in_parallel(
        lambda site: site.counts.update(
            count_queries(site.root, site.env, [(n, p) for n, _, p in pages])
        ),
        sites,
    )
    with ExitStack() as servers:
        for site in sites:
            site.port = free_port()
            process = servers.enter_context(
                gunicorn(site.env, port=site.port, log=site.work / "gunicorn.log", root=site.root)
            )
            site.master = process.pid
        say(
            f"clinicsite.settings.production, SQLite, gunicorn {WORKERS} sync workers per site, "
            f"page cache off; {concurrency} clients x {seconds:g} s per page and site "
            f"(after 1 s of warming); CPU ms: the workers' utime+stime per request"
        )
        header("page / site")
        results = {}
        for index, (name, label, _) in enumerate(pages):
            results[name] = measure_page(sites, index, name, label, seconds, concurrency)

        if API_LISTING[0] in selected:
            in_parallel(add_treatments, sites)
            in_parallel(
                lambda site: site.counts.update(
                    count_queries(site.root, site.env, [(API_LISTING[0], API_LISTING[2])])
                ),
                sites,
            )
            name, label, _ = API_LISTING
            results[name] = measure_page(sites, len(pages), name, label, seconds, concurrency)

        other = {}
        if set(OTHER) & set(selected):
            for site in sites:
                site.cache_port = free_port()
                env = dict(site.env, PAGE_CACHE_SECONDS=str(CACHED_SECONDS))
                log = site.work / "gunicorn-cache.log"
                process = servers.enter_context(
                    gunicorn(env, port=site.cache_port, log=log, root=site.root)
                )
                site.cache_master = process.pid
            say(f"second gunicorn per site, PAGE_CACHE_SECONDS={CACHED_SECONDS}, no Redis")
            other = measure_static_and_cache(sites, len(results), selected, seconds, concurrency)
        rss = print_rss(sites)
        print_summary(sites, results, other, rss)


if __name__ == "__main__":
    main()
