"""What the load benchmarks (bench/api.py, bench/pages.py, bench/production.py, bench/fuzz.py)
share.

A fresh SQLite site in a temporary folder with Markdown content imported and published,
SQL queries per request counted in this process on a warm site, gunicorn with 2 workers
serving the same database, and keep-alive clients that time requests against it.

For sites whose code is not this process's (bench/pages.py --baseline runs another commit
beside the working tree): the site's code checked out from git (`git_checkout`), set up and
measured by subprocesses of its own code (`production_env`, `manage`, `count_queries`),
served by gunicorn from its own folder (`gunicorn(..., root=...)`), and the workers' CPU
time and memory read from /proc (`worker_pids`, `cpu_ticks`, `rss_mb`) around a timed load
(`timed_load`).
"""

import http.client
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = 2
PYTHON = str(ROOT / ".venv" / "bin" / "python")
ADMIN_USER, ADMIN_PASSWORD = "bench-editor", secrets.token_urlsafe(16)


@contextmanager
def bench_site(prefix, content):
    """Sets Django up on a new SQLite database holding `content(work)` (a folder of Markdown).

    Yields the environment gunicorn needs to serve the same database and media folder;
    removes both afterwards.
    """
    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="clinicsite.settings.test",
            DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}",
            DJANGO_MEDIA_ROOT=str(work / "media"),
            PYTHONPATH=f"{ROOT / 'site'}:{ROOT}",
        )
        os.environ.update(env)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        with open(os.devnull, "w") as quiet:
            call_command("import_content", str(content(work)), publish=True, stdout=quiet)
        yield env
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def temporary_folder(prefix, keep=False, note=""):
    """A new folder in the system's temporary one, removed afterwards unless `keep` or the
    block failed; then it says so, and `note` (where "{work}" stands for the folder)."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    failed = True
    try:
        yield work
        failed = False
    finally:
        if keep or failed:
            print(f"work folder kept: {work}" + note.format(work=work), flush=True)
        else:
            shutil.rmtree(work, ignore_errors=True)


def run_manage(env, *args):
    """`manage.py ARGS` of this checkout in `env`, its output discarded (its errors shown);
    CalledProcessError when it fails, else the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=ROOT,
    )
    return time.perf_counter() - started


def set_up_demo(env):
    """The install `env` describes (production_env) made ready: `migrate`, `import_content
    demo --publish`, `collectstatic` and the superuser ADMIN_USER (its password: env's
    DJANGO_SUPERUSER_PASSWORD); {step: seconds} of the first three."""
    timings = {
        "migrate": run_manage(env, "migrate", "--noinput"),
        "import demo": run_manage(env, "import_content", str(ROOT / "demo"), "--publish"),
        "collectstatic": run_manage(env, "collectstatic", "--noinput"),
    }
    run_manage(
        env,
        "createsuperuser",
        "--noinput",
        "--username",
        ADMIN_USER,
        "--email",
        "editor@clinic.example",
    )
    return timings


@dataclass
class Measured:
    queries: int
    kilobytes: float
    response: object


def measure(paths):
    """{path: Measured}: SQL queries and body size of each path, on a warm site."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    measured = {}
    for path in paths:
        client.get(path)  # makes the image renditions and fills caches, as on a warm site
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        measured[path] = Measured(len(captured), len(response.content) / 1024, response)
    return measured


@contextmanager
def gunicorn(env, ready_path="/", port=None, log=None, root=ROOT, config=None, workers=WORKERS):
    """gunicorn with `workers` workers (default WORKERS) on `port` (default PORT), once
    `ready_path` answers 200.

    Its output (errors and the app's log, not the access log) goes to the file `log`, if given.
    `root` is the checkout whose code it serves (its own site/gunicorn.conf.py, or the
    configuration file `config`), by default this one; the programs are this checkout's
    .venv either way.
    """
    port = port or PORT
    root = Path(root)
    conf = Path(config) if config else root / "site" / "gunicorn.conf.py"
    if config or conf.exists():
        where = ["-c", str(conf)]
    else:  # an older checkout: what the configuration file says, as arguments
        where = ["--chdir", str(root), "--pythonpath", f"{root / 'site'},{root}"]
        where.append("clinicsite.wsgi:application")
    output = open(log, "ab") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            *where,
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--no-control-socket",
        ],  # fmt: skip
        env=env,
        # gunicorn puts the folder it starts in on sys.path ahead of its `chdir` and
        # `pythonpath`: started elsewhere, another checkout's apps would be imported.
        cwd=root,
        stdout=output,
        stderr=output,
    )
    try:
        for _ in range(150):
            if process.poll() is not None:
                raise SystemExit(f"gunicorn exited (port {port}, {root}; log: {log})")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", ready_path)
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit(f"gunicorn did not start (port {port}, {root}; log: {log})")
        yield process
    finally:
        process.terminate()
        process.wait()
        if log:
            output.close()


def load(path, seconds, concurrency, headers=None, port=None):
    """(requests/s, p50 s, p99 s, unexpected statuses) from `concurrency` keep-alive clients."""
    latencies, errors = [], []
    deadline = time.perf_counter() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port or PORT, timeout=30)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - start)
            if response.status not in (200, 304):
                errors.append(response.status)

    elapsed = in_threads(client, concurrency)
    latencies.sort()
    p99 = percentile(latencies, 0.99)
    return len(latencies) / elapsed, statistics.median(latencies), p99, len(errors)


def in_threads(client, concurrency, numbered=False):
    """Runs `client()` (`client(n)`, n = 0, 1, ..., when `numbered`) in `concurrency` threads
    at once; the seconds from the first start until the last one has returned."""
    threads = [
        threading.Thread(target=client, args=(n,) if numbered else ()) for n in range(concurrency)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def print_header(what, seconds, concurrency):
    print(f"gunicorn, {WORKERS} workers, SQLite; {concurrency} clients x {seconds:g} s per line")
    print(f"{what:<34} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'SQL':>4} {'KB':>6} err")


def print_row(label, path, queries, kilobytes, seconds, concurrency, headers=None):
    load(path, 1, concurrency, headers)  # warm both workers
    rate, p50, p99, errors = load(path, seconds, concurrency, headers)
    print(
        f"{label:<34} {rate:7.1f} {p50 * 1000:7.1f} {p99 * 1000:7.1f} "
        f"{queries:4d} {kilobytes:6.1f} {errors}"
    )


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(ordered, fraction):
    """The value at `fraction` (0.5, 0.99) of an already sorted list, as load() picks p99."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


@dataclass
class Hit:
    label: str
    started: float  # time.perf_counter() when the request was sent
    seconds: float
    status: object  # the HTTP status, or the exception's class name when no answer came
    header: str | None = None  # the value of the response header hammer() was asked to note


def hammer(targets, concurrency, stop, port=None, headers=None, note_header=None):
    """[Hit] from `concurrency` keep-alive clients cycling through (label, path) `targets`
    until `stop()` is true, each client starting at a different target.

    Unlike load(), a refused or dropped connection is recorded (its exception's name as the
    status) and the client reconnects after 50 ms, so it survives a server going away.
    """
    port = port or PORT
    hits = []

    def client(first):
        connection, n = None, first
        while not stop():
            label, path = targets[n % len(targets)]
            n += 1
            start = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", path, headers=headers or {})
                response = connection.getresponse()
                response.read()
                status = response.status
                noted = response.getheader(note_header) if note_header else None
            except (OSError, http.client.HTTPException) as error:
                status, noted = type(error).__name__, None
                connection.close()
                connection = None
                time.sleep(0.05)
            hits.append(Hit(label, start, time.perf_counter() - start, status, noted))

    in_threads(client, concurrency, numbered=True)
    return hits


# --- Sites run by their own code, in subprocesses -----------------------------------------


def git_checkout(ref, folder):
    """The tree of commit `ref` of this repository, written into `folder` (git archive: no
    worktree to prune afterwards). Returns (full hash, one line: short hash and subject)."""
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    if commit.returncode != 0:
        raise SystemExit(f"--baseline {ref}: not a commit here ({commit.stderr.strip()})")
    commit = commit.stdout.strip()
    folder.mkdir(parents=True)
    archive = subprocess.Popen(["git", "archive", commit], cwd=ROOT, stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(folder)], stdin=archive.stdout, check=True)
    archive.stdout.close()
    if archive.wait() != 0:
        raise SystemExit(f"git archive {commit} failed")
    line = subprocess.run(
        ["git", "log", "-1", "--format=%h %s", commit], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return commit, line


def production_env(root, work, page_cache_seconds=0, **extra):
    """The environment of the checkout `root` running production settings on this machine
    over plain HTTP: its own SQLite database, media, static and page-cache folders in `work`,
    no Redis, HTTPS redirect off (DJANGO_SECURE_SSL_REDIRECT, docs/deployment.md), the app's
    log as text lines at WARNING; nothing from this shell's Django, database, Redis, page
    cache, bucket or CDN. `extra` adds or replaces variables (NAME=value); NAME=None leaves
    NAME unset (the settings' default)."""
    root = Path(root)
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(
            ("DJANGO_", "DATABASE_", "REDIS_", "PAGE_", "AWS_", "FRONTEND_CACHE")
        )
        and name not in {"WAGTAILADMIN_BASE_URL", "WAGTAILAPI_BASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="clinicsite.settings.production",
        DJANGO_SECRET_KEY="bench-only-" + secrets.token_hex(24),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DJANGO_STATIC_ROOT=str(work / "static"),
        # The page cache in the folder too, never the repository's var/ (another site's).
        PAGE_CACHE_DIR=str(work / "page-cache"),
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
        LOG_FORMAT="text",
        LOG_LEVEL="WARNING",
        PYTHONPATH=f"{root / 'site'}:{root}",
    )
    for name, value in extra.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def manage(root, env, *args):
    """`manage.py ARGS` of the checkout `root`, run by its own code; its output, or SystemExit
    with that output when it fails."""
    done = subprocess.run(
        [PYTHON, str(Path(root) / "manage.py"), *args],
        cwd=root, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(
            f"manage.py {' '.join(args)} failed in {root}:\n{done.stdout}{done.stderr}"
        )
    return done.stdout


# Run by the site's own Python code (cwd = its checkout): argv[1] is JSON [[name, path], ...];
# "{treatment_id}" in a path is the id of the page with slug "microneedling".
_COUNT_QUERIES = r"""
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

treatment = Page.objects.filter(slug="microneedling").values_list("id", flat=True).first()
ids = {"treatment_id": treatment}
client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
pages = {}
for name, template in json.loads(sys.argv[1]):
    path = template.format(**ids)
    client.get(path)  # makes the image renditions and fills caches, as on a warm site
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    body = b"" if response.streaming else response.content
    pages[name] = {"path": path, "status": response.status_code,
                   "queries": len(captured), "bytes": len(body)}
code = [sys.modules[name].__file__ for name in ("clinicsite", "home", "treatments", "blog")
        if getattr(sys.modules.get(name), "__file__", None)]
print("BENCH-JSON " + json.dumps({"code": code, "pages": pages}))
"""


def count_queries(root, env, pages):
    """{name: {path, status, queries, bytes}}: each (name, path) of `pages` asked twice through
    Django's test client by the checkout `root`'s own code, the second time with its SQL
    queries counted (the first makes renditions and fills caches: a warm site)."""
    done = subprocess.run(
        [PYTHON, "-c", _COUNT_QUERIES, json.dumps(list(pages))],
        cwd=root, env=env, capture_output=True, text=True,
    )  # fmt: skip
    for line in done.stdout.splitlines():
        if line.startswith("BENCH-JSON "):
            answer = json.loads(line.removeprefix("BENCH-JSON "))
            break
    else:
        raise SystemExit(f"counting queries failed in {root}:\n{done.stdout}{done.stderr}")
    for code in answer["code"]:  # the site's own apps, not another checkout's
        if not Path(code).resolve().is_relative_to(Path(root).resolve()):
            raise SystemExit(f"counting queries in {root} ran the code in {code}")
    return answer["pages"]


# --- gunicorn's workers, from /proc ---------------------------------------------------------


def _stat_fields(pid):
    """/proc/PID/stat after the command name: [state, ppid, ...]; None when it has gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def worker_pids(master):
    """The pids of the processes whose parent is `master` (gunicorn's workers)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        fields = _stat_fields(stat.parent.name)
        if fields and int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def cpu_ticks(pids):
    """{pid: utime + stime} in clock ticks (os.sysconf("SC_CLK_TCK") a second), every thread."""
    ticks = {}
    for pid in pids:
        fields = _stat_fields(pid)
        if fields:
            ticks[pid] = int(fields[11]) + int(fields[12])
    return ticks


def rss_mb(pid):
    """VmRSS of `pid` in MB (2**20 bytes), from /proc/PID/status; None when it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


@dataclass
class Window:
    """What `timed_load` saw: every request completed in the window."""

    requests: int
    seconds: float
    latencies: list  # seconds, sorted
    statuses: Counter  # HTTP status (or the exception's name) -> count
    noted: Counter  # value of the header asked for -> count
    body_bytes: int  # of the last 200 answer (of the last answer when none was 200)
    cpu_seconds: float | None  # the workers' CPU time (user + system) meanwhile

    @property
    def rate(self):
        return self.requests / self.seconds

    @property
    def p50(self):
        return statistics.median(self.latencies) if self.latencies else float("nan")

    @property
    def p99(self):
        return percentile(self.latencies, 0.99) if self.latencies else float("nan")

    @property
    def cpu_ms(self):
        """Server CPU milliseconds per completed request."""
        if self.cpu_seconds is None or not self.requests:
            return float("nan")
        return self.cpu_seconds * 1000 / self.requests


def timed_load(port, path, seconds, concurrency, master=None, note_header=None):
    """A Window: `concurrency` keep-alive clients sending GET `path` to 127.0.0.1:`port` for
    `seconds`; with `master` (gunicorn's pid), its workers' CPU time read before the first
    request and after the last answer. A dropped connection is counted by its exception's
    name, and the client reconnects."""
    latencies, statuses, noted, sizes = [], Counter(), Counter(), []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        connection = None
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                status = response.status
                header = response.getheader(note_header) if note_header else None
            except (OSError, http.client.HTTPException) as error:
                status, header, body = type(error).__name__, None, b""
                connection.close()
                connection = None
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1
                if note_header:
                    noted[header] += 1
                if status == 200 or not sizes or sizes[0][0] != 200:
                    sizes[:] = [(status, len(body))]

    pids = worker_pids(master) if master else []
    before = cpu_ticks(pids)
    elapsed = in_threads(client, concurrency)
    cpu = None
    if master:
        after = cpu_ticks(worker_pids(master))  # a worker booted meanwhile counts from 0
        ticks = sum(value - before.get(pid, 0) for pid, value in after.items())
        cpu = ticks / os.sysconf("SC_CLK_TCK")
    latencies.sort()
    return Window(
        len(latencies), elapsed, latencies, statuses, noted, sizes[0][1] if sizes else 0, cpu
    )
