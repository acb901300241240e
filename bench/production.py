"""The production stack under load and faults: prints figures, asserts nothing.

    .venv/bin/python bench/production.py                  # runs A-D, 60 s each: ~5 minutes
    .venv/bin/python bench/production.py --seconds 10     # a quick check: ~2 minutes
    .venv/bin/python bench/production.py --runs E         # D with the page cache on
    .venv/bin/python bench/production.py --runs F         # Redis restarted: ~1.5 minutes
    .venv/bin/python bench/production.py serve [--page-cache 0]   # the same stack, kept up
  options: --seconds S (per run), --concurrency N (clients, 8), --runs ABCDEF, --keep (the
  work folder with the logs; it is kept anyway if something failed)

Run as root (initdb and pg_ctl then run as the `postgres` user, and Debian's postgresql
and redis-server are installed with apt-get if missing) or as a user who can run initdb.

Starts a throwaway PostgreSQL cluster (default settings) and redis-server on free ports of
127.0.0.1 and sets the environment an install would (`clinicsite.settings.production`,
DATABASE_URL, REDIS_URL, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DJANGO_MEDIA_ROOT, ...);
migrates, imports the demo clinic with --publish, collects static files, and serves it with
gunicorn, 2 sync workers (site/gunicorn.conf.py; errors and the app's JSON log in
gunicorn-<run>.log in the work folder, the access log off). CONCURRENCY keep-alive clients
cycle through home, treatment, condition, blog index and the clinic API treatment listing (the sync
workers close each connection, so every request opens one). Per page type and overall:
requests/s, p50/p99 latency, errors (any answer but 200/304, or none) and the share of
answers from the page cache (X-Page-Cache: hit); and how many cores the workers, the
clients and everything else on the machine kept busy.

A  SECONDS of load, PAGE_CACHE_SECONDS=0: every request built by Django.
B  the same with PAGE_CACHE_SECONDS=300 (gunicorn restarted), and the speed-up over A
   (requests/s, and p50: the clients cycle through all five types, so requests/s are
   equal across types and set by the slowest, the API listing, which the page cache skips).
C  SECONDS of load with the page cache on while an editor in Chromium (Debian's, driven by
   Playwright; CHROMIUM_PATH to use another), signed in to the Wagtail admin as a
   superuser, publishes the treatment page 20 times: opens its edit view, fills in a new
   title ("Microneedling v1" ... "v20") and presses Publish. The POST's time is the
   browser's own, from sending the request to the answer. After each publish a thread
   per address polls, anonymously and so through the page cache, the treatment page, the
   condition page that lists it and both APIs' treatment listings until the new title shows:
   the time from the POST's answer, and how often the old title came back meanwhile. Then
   the revisions added in the database and whether the body survived the 20 round trips.
D  SECONDS of load with the page cache off; at a quarter of it PostgreSQL is stopped
   (`pg_ctl stop -m fast`) and 5 s later started again, gunicorn left running: when the
   errors were answered against the downtime, /healthz (asked every 0.25 s), the requests
   sent after the restart, and the workers booted (from the log: 2 means none restarted).
E  (only when asked for) D with the page cache on.
F  (only when asked for: A-D and F together took 6 minutes) SECONDS of load with the page
   cache on (PAGE_CACHE_SECONDS=300); at a quarter of it redis-server is stopped (SIGTERM
   to the process started here) and 5 s later started again on the same port, gunicorn
   left running. The cache backend (hosting.redis_cache.ResilientRedisCache) should turn the
   outage into misses: pages built from the database, no errors, /healthz 503 while Redis
   is down and 200 after. As D, plus requests/s, p50/p99, errors and the page cache's hits
   by when the requests were sent: before redis-server exited, while it was gone (until
   it was started again), the 5 s after and the rest; the "Redis unavailable" WARNING lines
   and any ERROR lines (with the last frames of a traceback) the app logged during F, and
   whether the workers' pids changed.

Client and server share this machine's CPUs: the figures compare runs on one machine.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import threading
import time
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path

from load import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    ROOT,
    WORKERS,
    free_port,
    gunicorn,
    hammer,
    percentile,
    production_env,
    set_up_demo,
    temporary_folder,
)

PYTHON = str(ROOT / ".venv" / "bin" / "python")
TREATMENT = "/treatments/microneedling/"
CONDITION = "/conditions/acne-scars/"
API_LISTING = "/api/clinic/v1/treatments/"
TARGETS = [
    ("home", "/"),
    ("treatment", TREATMENT),
    ("condition", CONDITION),
    ("blog index", "/blog/"),
    ("API listing", API_LISTING),
]
PUBLISHES = 20
# Run C's editor: Debian's Chromium, as the browser tests use it (tests/browser/conftest.py).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def say(*args):
    print(*args, flush=True)


# --- The stack --------------------------------------------------------------------


def _as_root_install(package, why):
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"{why}: installing Debian's {package}...")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", package],
            check=True,
            stdout=subprocess.DEVNULL,
            env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
        )
    else:
        raise SystemExit(f"{why}; install {package}.")


def _postgres_bin():
    def found():
        versions = sorted(
            Path("/usr/lib/postgresql").glob("*/bin/initdb"),
            key=lambda path: int(path.parent.parent.name),
        )
        return versions[-1].parent if versions else None

    if os.environ.get("PGBIN"):
        return Path(os.environ["PGBIN"])
    if found() is None:
        _as_root_install("postgresql", "PostgreSQL server not found")
    return found()


class Postgres:
    """A cluster under `folder` on 127.0.0.1:`port` holding an empty `database`, whose
    superuser is `user`."""

    def __init__(self, folder, port, user="clinic", database="clinic"):
        self.bin = _postgres_bin()
        self.data = folder / "pgdata"
        self.port = port
        self.url = f"postgres://{user}@127.0.0.1:{port}/{database}"
        self.data.mkdir()
        if os.geteuid() == 0:  # initdb refuses to run as root
            shutil.chown(self.data, "postgres")
        self._run("initdb", "-D", self.data, "-U", user, "--auth=trust", "-E", "UTF8")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", port, "-U", user, database)

    def _run(self, tool, *args):
        command = [str(self.bin / tool), *map(str, args)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    def start(self):
        options = f"-h 127.0.0.1 -p {self.port} -k {self.data}"
        self._run(
            "pg_ctl", "-D", self.data, "-l", self.data / "server.log", "-w", "-o", options, "start"
        )

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def version(self):
        out = subprocess.run([self.bin / "postgres", "--version"], capture_output=True, text=True)
        return out.stdout.split()[2]


@contextmanager
def postgres(folder, **names):
    cluster = Postgres(folder, free_port(), **names)
    try:
        yield cluster
    finally:
        try:
            cluster.stop("immediate")
        except subprocess.CalledProcessError:
            pass


class Redis:
    """redis-server on 127.0.0.1:`port`, nothing saved to disk; stop() and start() again
    keep the port (and so REDIS_URL)."""

    def __init__(self, folder, port):
        if not shutil.which("redis-server"):
            _as_root_install("redis-server", "redis-server not found")
        self.folder, self.port, self.process = folder, port, None
        self.url = f"redis://127.0.0.1:{port}/0"
        self.start()

    def start(self):
        """Returns once it answers PING."""
        with open(self.folder / "redis.log", "ab") as log:
            self.process = subprocess.Popen(
                ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                 "--appendonly", "no", "--dir", str(self.folder)],
                stdout=log,
            )  # fmt: skip
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                    probe.sendall(b"PING\r\n")
                    if probe.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        raise SystemExit(f"redis-server did not start (see {self.folder / 'redis.log'})")

    def stop(self):
        """SIGTERM to the server this started; returns once it has exited."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()


@contextmanager
def redis(folder):
    """A Redis on a free port, stopped afterwards."""
    server = Redis(folder, free_port())
    try:
        yield server
    finally:
        server.stop()


def site_env(work, database_url, redis_url, page_cache_seconds=0):
    """The environment of an install: production settings, nothing from this shell's Django;
    the log as JSON lines, the page cache where the settings put it (Redis with `redis_url`)."""
    return production_env(
        ROOT,
        work,
        page_cache_seconds,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        PAGE_CACHE_DIR=None,
        LOG_FORMAT="json",
        LOG_LEVEL=None,
    )


@contextmanager
def stack(keep=False):
    """(env, Postgres, Redis, work folder) of a migrated site with the demo, in a new work
    folder."""
    with temporary_folder("clinic-production-", keep) as work:
        os.chmod(work, 0o755)  # the postgres user makes its cluster inside
        with postgres(work) as cluster, redis(work) as redis_server:
            env = site_env(work, cluster.url, redis_server.url)
            env["DJANGO_SUPERUSER_PASSWORD"] = ADMIN_PASSWORD
            timings = set_up_demo(env)
            say(
                f"PostgreSQL {cluster.version()} on {cluster.url}, Redis on {redis_server.url}; "
                + ", ".join(f"{what} {seconds:.1f} s" for what, seconds in timings.items())
            )
            yield env, cluster, redis_server, work


# --- Figures ----------------------------------------------------------------------


def _ok(hit):
    return hit.status in (200, 304)


def summarize(hits, seconds):
    """{label: (requests/s, p50 s, p99 s, errors, share answered from the page cache or None)}
    for each page type, then "overall"."""
    groups = {label: [] for label, _ in TARGETS}
    for hit in hits:
        groups[hit.label].append(hit)
    groups["overall"] = hits
    rows = {}
    for label, group in groups.items():
        latencies = sorted(hit.seconds for hit in group)
        if not latencies:
            rows[label] = (0, 0, 0, 0, None)
            continue
        cached = [hit.header for hit in group if hit.header]
        rows[label] = (
            len(group) / seconds,
            percentile(latencies, 0.5),
            percentile(latencies, 0.99),
            sum(not _ok(hit) for hit in group),
            cached.count("hit") / len(group) if cached else None,
        )
    return rows


def print_table(rows, baseline=None):
    """One line per page type; with a baseline, how many times more requests/s and how many
    times shorter p50 (each client cycles through all five, so every type gets the same
    requests/s, set by the slowest: p50 tells the types apart)."""
    speedup = "  req/s x  p50 /" if baseline else ""
    say(
        f"  {'page type':<12} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
        f" {'cache hits':>10}{speedup}"
    )
    for label, (rate, p50, p99, errors, cached) in rows.items():
        share = "-" if cached is None else f"{cached:.0%}"
        line = (
            f"  {label:<12} {rate:8.1f} {p50 * 1000:8.1f} {p99 * 1000:8.1f} {errors:7d} {share:>10}"
        )
        if baseline and baseline[label][0] and p50:
            line += f"  {rate / baseline[label][0]:7.1f} {baseline[label][1] / p50:6.1f}"
        say(line)


def print_error_kinds(hits):
    kinds = {}
    for hit in hits:
        if not _ok(hit):
            kinds[(hit.label, hit.status)] = kinds.get((hit.label, hit.status), 0) + 1
    for (label, status), count in sorted(kinds.items(), key=str):
        say(f"    {count:6d} x {status} on {label}")


def _ticks(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime, all threads


def _children(pid):
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return kids


def _cpu_counters(master):
    machine = [int(n) for n in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return {
        "workers": sum(_ticks(pid) for pid in _children(master)),
        "clients": _ticks(os.getpid()),
        "machine": sum(machine) - machine[3] - machine[4],  # less idle and iowait
    }


@contextmanager
def cpu_report(master):
    """Prints how many cores gunicorn's workers, this process's load clients and everything
    else kept busy on average meanwhile."""
    before, started = _cpu_counters(master), time.perf_counter()
    yield
    after, seconds = _cpu_counters(master), time.perf_counter() - started
    cores = {k: (after[k] - before[k]) / os.sysconf("SC_CLK_TCK") / seconds for k in after}
    other = cores["machine"] - cores["workers"] - cores["clients"]
    say(
        f"  CPU, cores busy on average: gunicorn workers {cores['workers']:.2f}, load clients "
        f"{cores['clients']:.2f}, everything else {max(other, 0):.2f} (PostgreSQL, Redis, "
        f"other programs); {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )


def cache_header(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response.status, response.getheader("X-Page-Cache"), response.getheader("Connection")


# --- The editor (run C), a separate process with Django set up on the same database -------


def first_seen(port, checks, text, timeout=30):
    """({label: seconds until `text` showed at each path}, {label: answers without it}),
    each path polled anonymously (through the page cache) by its own thread."""
    pattern = re.compile(re.escape(text) + r"\b")
    started, seen, stale = time.perf_counter(), {}, {}

    def poll(label, path):
        stale[label] = 0
        while time.perf_counter() - started < timeout:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read().decode()
            except (OSError, http.client.HTTPException):
                body, response = "", None
            finally:
                connection.close()
            if response and response.status == 200 and pattern.search(body):
                seen[label] = time.perf_counter() - started
                return
            stale[label] += 1
            time.sleep(0.01)

    threads = [threading.Thread(target=poll, args=check) for check in checks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return seen, stale


def _comparable(stream_value):
    """A body as stored, less what any save from the admin adds: Draftail's block keys,
    "<p></p>" for an empty rich text and "" for an empty text."""
    text = json.dumps(stream_value.get_prep_value(), sort_keys=True)
    text = re.sub(r' data-block-key=\\"\w+\\"', "", text)
    return text.replace('"<p></p>"', '""').replace("null", '""')


# What a publish changes by design.
PUBLISH_FIELDS = {
    "title",
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "last_published_at",
    "live_revision",
    "has_unpublished_changes",
    "body",
}


def _content(page):
    """{field: value} of everything editors wrote on the page but its title."""
    content = {
        field.name: str(field.value_from_object(page))
        for field in page._meta.concrete_fields
        if field.name not in PUBLISH_FIELDS
    }
    content["body"] = _comparable(page.body)
    content["treated_conditions"] = str(
        list(page.treated_conditions.order_by("sort_order").values_list("condition_id", "note"))
    )
    return content


VISIBLE_ON = [
    ("page", TREATMENT),
    ("condition page", CONDITION),
    ("clinic API listing", API_LISTING),
    ("API v2 listing", "/api/v2/pages/?type=treatments.TreatmentPage&fields=*"),
]


def editor(args):
    """Publishes the treatment page PUBLISHES times from the admin in Chromium, as a person
    would; one JSON line each."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "clinicsite.settings.production"
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from treatments.models import TreatmentPage

    page = TreatmentPage.objects.get(url_path__endswith="/microneedling/")
    content_before = _content(page)
    revisions_before = page.revisions.count()
    original_title = page.title
    edit, listing = f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{page.get_parent().pk}/"
    # No database queries from here to the end of the browser: Django refuses them while
    # Playwright's event loop runs in this thread.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        tab = browser.new_page(base_url=f"http://127.0.0.1:{args.port}")
        tab.set_default_timeout(60_000)  # the admin under the run's load
        tab.goto("/admin/login/")
        tab.get_by_label("Username").fill(ADMIN_USER)
        tab.get_by_label("Password").fill(os.environ["DJANGO_SUPERUSER_PASSWORD"])
        tab.get_by_role("button", name="Sign in").click()
        tab.wait_for_url("**/admin/")
        started = time.perf_counter()
        for n in range(1, PUBLISHES + 1):
            time.sleep(max(0, started + args.first + (n - 1) * args.every - time.perf_counter()))
            title = f"{original_title} v{n}"
            tab.goto(edit)
            tab.locator("#id_title").fill(title)  # the page title, not a step's
            tab.get_by_role("button", name="More actions").click()
            # The form's own POST (a navigation), not an autosave's fetch to the same URL.
            with tab.expect_response(
                lambda response: (
                    response.request.method == "POST" and response.request.is_navigation_request()
                )
            ) as answer:
                # Without waiting for the redirect: the polling starts from the POST's answer.
                tab.get_by_role("button", name="Publish").click(no_wait_after=True)
            response = answer.value
            location = response.headers.get("location", "")
            if response.status != 302 or "/login/" in location:
                errors = [f"redirected to {location}"] if location else []
                if response.status == 200:  # the form again: the message on top, field errors
                    shown = tab.locator(".messages .error, .error-message")
                    shown.first.wait_for()
                    errors = shown.all_inner_texts()[:5]
                print(json.dumps({"n": n, "status": response.status, "errors": errors}), flush=True)
                continue
            seen, stale = first_seen(args.port, VISIBLE_ON, title)
            tab.wait_for_url(f"**{listing}")
            timing = response.request.timing  # ms, from the browser's network stack
            print(
                json.dumps(
                    {
                        "n": n,
                        "status": response.status,
                        "post_seconds": (timing["responseStart"] - timing["requestStart"]) / 1000,
                        "seen": seen,
                        "stale": stale,
                    }
                ),
                flush=True,
            )
        browser.close()
    page = TreatmentPage.objects.get(pk=page.pk)
    content_after = _content(page)
    print(
        json.dumps(
            {
                "revisions_before": revisions_before,
                "revisions_after": page.revisions.count(),
                "live_title": page.title,
                "changed": [k for k in content_before if content_before[k] != content_after.get(k)],
            }
        ),
        flush=True,
    )


# --- The runs ---------------------------------------------------------------------


def _hammer(port, concurrency, stop):
    return hammer(TARGETS, concurrency, stop, port, note_header="X-Page-Cache")


def background_load(port, concurrency):
    """stop(): load from a thread until stop() is called, which returns the hits."""
    done, hits = threading.Event(), []
    thread = threading.Thread(target=lambda: hits.extend(_hammer(port, concurrency, done.is_set)))
    thread.start()

    def stop():
        done.set()
        thread.join()
        return hits

    return stop


def warm(port, concurrency):
    until = time.perf_counter() + 2
    _hammer(port, concurrency, lambda: time.perf_counter() > until)


def run_plain(port, pid, seconds, concurrency, baseline=None):
    warm(port, concurrency)
    with cpu_report(pid):
        started = time.perf_counter()
        hits = _hammer(port, concurrency, lambda: time.perf_counter() - started > seconds)
        elapsed = time.perf_counter() - started
    rows = summarize(hits, elapsed)
    print_table(rows, baseline)
    print_error_kinds(hits)
    return rows


def _print_publishes(lines, every):
    publishes = [line for line in lines if "n" in line]
    landed = [line for line in publishes if "seen" in line]
    for line in publishes:
        if "seen" not in line:
            say(f"  publish v{line['n']} refused: {line['status']} {line.get('errors')}")
    visible = [line for line in landed if len(line["seen"]) == len(VISIBLE_ON)]
    say(
        f"  publishes landed: {len(landed)}/{PUBLISHES} (the admin answered 302), "
        f"{len(visible)} of them visible everywhere polled"
    )
    if landed:
        post = sorted(line["post_seconds"] for line in landed)
        say(
            f"  the publish POST itself: median {statistics.median(post) * 1000:.0f} ms, "
            f"max {post[-1] * 1000:.0f} ms; one every {every:.1f} s"
        )
        say(
            f"  {'new title visible, after the POST answered':<42} {'median':>8} {'max':>8}"
            f" {'old title seen':>15}"
        )
        for label, path in VISIBLE_ON:
            times = sorted(line["seen"][label] for line in landed if label in line["seen"])
            stale = sum(line["stale"].get(label, 0) for line in landed)
            if not times:
                say(f"    {label} ({path}): never")
                continue
            say(
                f"    {f'{label} ({len(times)}/{len(landed)})':<40} "
                f"{statistics.median(times) * 1000:6.0f}ms {times[-1] * 1000:6.0f}ms {stale:15d}"
            )
    final = next((line for line in lines if "revisions_after" in line), None)
    if final:
        added = final["revisions_after"] - final["revisions_before"]
        say(
            f"  revisions of the treatment page in the database: {final['revisions_before']} "
            f"before, {final['revisions_after']} after (+{added}); live title "
            f'"{final["live_title"]}"; the rest of the page unchanged: '
            f"{'yes' if not final['changed'] else 'NO, ' + ', '.join(final['changed'])}"
        )


def run_publishing(env, port, pid, seconds, concurrency):
    warm(port, concurrency)
    every = max(0.5, (seconds - 8) / PUBLISHES)
    with cpu_report(pid):
        started = time.perf_counter()
        stop = background_load(port, concurrency)
        try:
            editor = subprocess.run(
                [PYTHON, __file__, "_editor", "--port", str(port), "--first", "3", "--every",
                 str(every)],
                env=env, capture_output=True, text=True, cwd=ROOT,
            )  # fmt: skip
            time.sleep(max(0, started + seconds - time.perf_counter()))
        finally:
            hits = stop()
        elapsed = time.perf_counter() - started
    if editor.returncode:
        say(f"  the editor failed ({editor.returncode}):\n{editor.stderr[-3000:]}")
    _print_publishes(
        [json.loads(line) for line in editor.stdout.splitlines() if line.startswith("{")], every
    )
    say(f"  the load meanwhile ({elapsed:.0f} s):")
    print_table(summarize(hits, elapsed))
    print_error_kinds(hits)


def poll_health(port, done, every=0.25):
    """[(perf_counter when answered, status)] of /healthz until done is set."""
    answers = []
    while not done.is_set():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
        finally:
            connection.close()
        answers.append((time.perf_counter(), status))
        time.sleep(every)
    return answers


def restart_under_load(port, pid, seconds, concurrency, stop, start, pause=5):
    """SECONDS of load, `stop()` at a quarter of it and `start()` `pause` s later, /healthz
    asked every 0.25 s meanwhile: (hits, health answers, moments, seconds elapsed), moments
    being the perf_counter() values `started` (the load), `down` (stop() called),
    `stopped` (it returned), `starting` (start() called) and `up` (it returned)."""
    warm(port, concurrency)
    done, health, moments = threading.Event(), [], {}
    poller = threading.Thread(target=lambda: health.extend(poll_health(port, done)))
    with cpu_report(pid):
        moments["started"] = time.perf_counter()
        load_stop = background_load(port, concurrency)
        poller.start()
        try:
            time.sleep(seconds / 4)
            moments["down"] = time.perf_counter()
            stop()
            moments["stopped"] = time.perf_counter()
            time.sleep(pause)
            moments["starting"] = time.perf_counter()
            start()
            moments["up"] = time.perf_counter()
            time.sleep(max(0, moments["started"] + seconds - time.perf_counter()))
        finally:
            hits = load_stop()
            done.set()
            poller.join()
        elapsed = time.perf_counter() - moments["started"]
    return hits, health, moments, elapsed


def print_restart(hits, health, moments, elapsed, restarted):
    """Errors against the downtime, the requests sent after the restart (`restarted`: what
    returned at moments["up"]), /healthz over time and the load's table."""
    started, down, up = moments["started"], moments["down"], moments["up"]

    def at(moment):
        return f"{moment - started:.2f} s"

    errors = [hit for hit in hits if not _ok(hit)]
    if errors:
        answered = sorted(hit.started + hit.seconds for hit in errors)
        outside = [t for t in answered if t < down or t > up + 1]
        say(
            f"  errors: {len(errors)} of {len(hits)} requests, answered from {at(answered[0])} "
            f"to {at(answered[-1])}; answered outside the downtime (+1 s): {len(outside)}"
        )
    else:
        say(f"  errors: 0 of {len(hits)} requests")
    print_error_kinds(hits)
    after = [hit for hit in hits if hit.started > up]
    ok_after = [hit for hit in after if _ok(hit)]
    if ok_after:
        first = min(hit.started + hit.seconds for hit in ok_after)
        say(
            f"  sent after the restart: {len(after)} requests, {len(after) - len(ok_after)} "
            f"errors; first success answered {first - up:.2f} s after {restarted}"
        )
    bad = [(moment, status) for moment, status in health if status != 200]
    if bad:
        before = [moment for moment, status in health if status == 200 and moment < bad[0][0]]
        again = [moment for moment, status in health if status == 200 and moment > bad[-1][0]]
        kinds = "/".join(sorted({str(status) for _, status in bad}))
        say(
            f"  /healthz (asked every 0.25 s), answered 200 until "
            f"{at(max(before)) if before else '-'}, "
            f"{kinds} from {at(bad[0][0])} to {at(bad[-1][0])} ({len(bad)} answers), "
            f"200 again from {at(min(again)) if again else 'never'}"
        )
    else:
        say(f"  /healthz: 200 throughout ({len(health)} answers)")
    say(f"  the load ({elapsed:.0f} s):")
    print_table(summarize(hits, elapsed))


def run_database_restart(cluster, port, pid, seconds, concurrency, pause=5):
    hits, health, moments, elapsed = restart_under_load(
        port, pid, seconds, concurrency, lambda: cluster.stop("fast"), cluster.start, pause
    )

    def at(moment):
        return f"{moments[moment] - moments['started']:.2f} s"

    say(
        f"  database: pg_ctl stop -m fast at {at('down')} (returned at {at('stopped')}), "
        f"pg_ctl start at {at('starting')} (returned, accepting, at {at('up')}): "
        f"down {moments['up'] - moments['down']:.2f} s"
    )
    print_restart(hits, health, moments, elapsed, "pg_ctl start returned")


def _log_from(log, offset):
    """The lines a gunicorn log gained after `offset` bytes."""
    with open(log, "rb") as file:
        file.seek(offset)
        return file.read().decode(errors="replace").splitlines()


def _json_lines(lines):
    for line in lines:
        if line.startswith("{"):
            try:
                yield json.loads(line)
            except ValueError:
                continue


def run_redis_restart(redis_server, port, process, log, seconds, concurrency, pause=5):
    workers_before, log_offset = sorted(_children(process.pid)), log.stat().st_size
    hits, health, moments, elapsed = restart_under_load(
        port, process.pid, seconds, concurrency, redis_server.stop, redis_server.start, pause
    )
    started = moments["started"]
    wall = time.time() - time.perf_counter()  # perf_counter() + wall: the log's clock

    def at(moment):
        return f"{moment - started:.2f} s"

    say(
        f"  Redis: redis-server sent SIGTERM at {at(moments['down'])} (exited at "
        f"{at(moments['stopped'])}), started again on port {redis_server.port} at "
        f"{at(moments['starting'])} (answering PING at {at(moments['up'])}): "
        f"down {moments['up'] - moments['down']:.2f} s"
    )
    print_restart(hits, health, moments, elapsed, "redis-server answered PING")

    # The page cache's share of answers before, during and after the outage.
    cacheable = {hit.label for hit in hits if hit.header}
    phases = [
        ("before it exited", started, moments["stopped"]),
        ("Redis gone", moments["stopped"], moments["starting"]),
        ("first 5 s after", moments["starting"], moments["starting"] + 5),
        ("the rest", moments["starting"] + 5, started + elapsed),
    ]
    say(
        f"  by phase (when sent)        {'from':>7} {'to':>7} {'req/s':>7} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'errors':>6} {'cache hits':>10}"
    )
    for name, begin, end in phases:
        group = [hit for hit in hits if begin <= hit.started < end]
        latencies = sorted(hit.seconds for hit in group)
        pages = [hit for hit in group if hit.label in cacheable]
        share = f"{sum(hit.header == 'hit' for hit in pages) / len(pages):.0%}" if pages else "-"
        say(
            f"    {name:<25} {begin - started:6.1f}s {end - started:6.1f}s "
            f"{len(group) / max(end - begin, 1e-9):7.1f} "
            f"{percentile(latencies, 0.5) * 1000 if latencies else 0:7.1f} "
            f"{percentile(latencies, 0.99) * 1000 if latencies else 0:7.1f} "
            f"{sum(not _ok(hit) for hit in group):6d} {share:>10}"
        )
    say(f"    (cache hits: share of the answers for {', '.join(sorted(cacheable)) or '-'})")
    down_hits = [
        hit
        for hit in hits
        if moments["stopped"] <= hit.started and hit.started + hit.seconds <= moments["starting"]
        and hit.header == "hit"
    ]  # fmt: skip
    first_hit = min(
        (hit.started + hit.seconds for hit in hits if hit.started > moments["up"]
         and hit.header == "hit"),
        default=None,
    )  # fmt: skip
    say(
        f"  page-cache hits sent and answered while redis-server was gone: {len(down_hits)}; "
        f"first hit after the restart answered "
        + (f"{first_hit - moments['up']:.2f} s after PING" if first_hit else "never")
    )

    # What the app logged meanwhile.
    lines = _log_from(log, log_offset)
    entries = list(_json_lines(lines))
    unavailable = {}
    for entry in entries:
        message = entry.get("message", "")
        if entry.get("level") == "WARNING" and message.startswith("Redis unavailable"):
            kind = re.match(r"Redis unavailable \(([^)]*)\)", message)
            kind = kind.group(1) if kind else message
            unavailable[kind] = unavailable.get(kind, 0) + 1
    logged = [
        datetime.fromisoformat(entry["time"]).timestamp() - wall
        for entry in entries
        if entry.get("level") == "WARNING"
        and entry.get("message", "").startswith("Redis unavailable")
    ]
    say(
        f'  "Redis unavailable" WARNING lines in {log.name} during F: '
        f"{sum(unavailable.values())}"
        + (f", logged from {at(min(logged))} to {at(max(logged))}" if logged else "")
    )
    for kind, count in sorted(unavailable.items(), key=lambda item: -item[1]):
        say(f"    {count:6d} x ({kind})")
    errors = [entry for entry in entries if entry.get("level") == "ERROR"]
    kinds = {}
    for entry in errors:
        message = entry.get("message", "")[:70]
        kinds[message] = kinds.get(message, 0) + 1
    say(f"  ERROR lines during F: {len(errors)}")
    for message, count in sorted(kinds.items(), key=lambda item: -item[1])[:8]:
        say(f"    {count:6d} x {message}")
    tracebacks = {}
    for entry in errors:
        if entry.get("exception"):
            tracebacks.setdefault(entry["exception"].splitlines()[-1], entry["exception"])
    for last, text in list(tracebacks.items())[:3]:
        say(f"  traceback ({last}), its last frames:")
        for line in text.splitlines()[-12:]:
            say(f"    | {line}")
    boots = sum("Booting worker" in line for line in lines)
    workers_after = sorted(_children(process.pid))
    say(
        f"  workers: pids {workers_before} before, {workers_after} after; "
        f"{boots} booted during F: "
        + ("none restarted" if not boots and workers_before == workers_after else "RESTARTED")
    )


def log_summary(log):
    """Worker boots and the app's ERROR lines in a gunicorn log."""
    text = log.read_text(errors="replace") if log.exists() else ""
    boots = len(re.findall(r"Booting worker", text))
    messages = {}
    for line in text.splitlines():
        if '"level": "ERROR"' in line:
            entry = json.loads(line)
            key = f"{entry.get('message', '')[:70]} {entry.get('exception', '').splitlines()[-1:]}"
            messages[key] = messages.get(key, 0) + 1
    say(f"  gunicorn log {log.name}: {boots} worker boots, {sum(messages.values())} ERROR lines")
    for message, count in sorted(messages.items(), key=lambda item: -item[1])[:8]:
        say(f"    {count:6d} x {message}")


def bench(args):
    seconds, concurrency = args.seconds, args.concurrency
    say(
        f"gunicorn {WORKERS} sync workers; {concurrency} keep-alive clients cycling through "
        + ", ".join(path for _, path in TARGETS)
    )
    with stack(keep=args.keep) as (env, cluster, redis_server, work):
        port = free_port()
        rows_a = None
        plan = [(run, 0 if run in "AD" else 300) for run in args.runs.upper() if run in "ABCDEF"]
        with ExitStack() as server:
            cache = None
            for run, page_cache in plan:
                if page_cache != cache:
                    server.close()
                    env["PAGE_CACHE_SECONDS"] = str(page_cache)
                    log = work / f"gunicorn-{run}.log"
                    process = server.enter_context(gunicorn(env, "/healthz", port, log))
                    cache = page_cache
                    status, header, connection = cache_header(port, TREATMENT)
                    say(
                        f"\n(gunicorn pid {process.pid}, PAGE_CACHE_SECONDS={page_cache}: "
                        f"{TREATMENT} answers {status}, X-Page-Cache: {header}, "
                        f"Connection: {connection})"
                    )
                if run == "A":
                    say(f"\nA  page cache off: {seconds:g} s")
                    rows_a = run_plain(port, process.pid, seconds, concurrency)
                elif run == "B":
                    say(
                        f"\nB  page cache on (PAGE_CACHE_SECONDS=300): {seconds:g} s"
                        + (", speed-up over A" if rows_a else "")
                    )
                    run_plain(port, process.pid, seconds, concurrency, rows_a)
                elif run == "C":
                    say(
                        f"\nC  {PUBLISHES} publishes through the admin edit form during "
                        f"{seconds:g} s of load, page cache on"
                    )
                    run_publishing(env, port, process.pid, seconds, concurrency)
                elif run in "DE":
                    say(
                        f"\n{run}  PostgreSQL restarted during {seconds:g} s of load, page cache "
                        + ("off" if run == "D" else "on")
                    )
                    run_database_restart(cluster, port, process.pid, seconds, concurrency)
                    checks = [cache_header(port, path)[0] for _, path in TARGETS]
                    healthz = cache_header(port, "/healthz")[0]
                    say(
                        f"  afterwards, same gunicorn (pid {process.pid}): the 5 page types "
                        f"answer {checks}, /healthz {healthz}"
                    )
                elif run == "F":
                    say(
                        f"\nF  Redis restarted during {seconds:g} s of load, page cache on "
                        "(PAGE_CACHE_SECONDS=300)"
                    )
                    run_redis_restart(redis_server, port, process, log, seconds, concurrency)
                    checks = [cache_header(port, path)[:2] for _, path in TARGETS]
                    healthz = cache_header(port, "/healthz")[0]
                    say(
                        f"  afterwards, same gunicorn (pid {process.pid}): the 5 page types "
                        f"answer {[status for status, _ in checks]}, X-Page-Cache "
                        f"{[header for _, header in checks]}, /healthz {healthz}"
                    )
            server.close()
        for log in sorted(work.glob("gunicorn-*.log")):
            log_summary(log)


def serve(args):
    with stack(keep=True) as (env, cluster, _, work):
        port = free_port()
        env["PAGE_CACHE_SECONDS"] = str(args.page_cache)
        with gunicorn(env, "/healthz", port, work / "gunicorn.log"):
            say(f"http://127.0.0.1:{port}/  admin: {ADMIN_USER} / {ADMIN_PASSWORD}")
            say(
                "env: "
                + " ".join(
                    f"{k}={v}"
                    for k, v in env.items()
                    if k.isupper() and (k.startswith(("DJANGO_", "DATABASE_", "REDIS_", "PAGE_")))
                )
            )
            try:
                time.sleep(args.seconds)
            except KeyboardInterrupt:
                pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "command", nargs="?", default="bench", choices=["bench", "serve", "_editor"]
    )
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--runs", default="ABCD")
    parser.add_argument("--page-cache", type=int, default=300, help="serve only")
    parser.add_argument("--keep", action="store_true", help="keep the work folder and logs")
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--first", type=float, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--every", type=float, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.command == "bench":
        bench(args)
    elif args.command == "serve":
        serve(args)
    elif args.command == "_editor":
        editor(args)


if __name__ == "__main__":
    main()
