"""What the load benchmarks (bench/api.py, bench/pages.py) share.

A fresh SQLite site in a temporary folder with Markdown content imported and published,
SQL queries per request counted in this process on a warm site, gunicorn with 2 workers
serving the same database, and keep-alive clients that time requests against it.
"""

import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = 2


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
def gunicorn(env, ready_path="/", port=None, log=None):
    """gunicorn with WORKERS workers on `port` (default PORT), once `ready_path` answers 200.

    Its output (errors and the app's log, not the access log) goes to the file `log`, if given.
    """
    port = port or PORT
    output = open(log, "ab") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c",
            str(ROOT / "site" / "gunicorn.conf.py"),
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--no-control-socket",
        ],  # fmt: skip
        env=env,
        stdout=output,
        stderr=output,
    )
    try:
        for _ in range(100):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", ready_path)
                if connection.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start")
        yield process
    finally:
        process.terminate()
        process.wait()
        if log:
            output.close()


def load(path, seconds, concurrency, headers=None):
    """(requests/s, p50 s, p99 s, unexpected statuses) from `concurrency` keep-alive clients."""
    latencies, errors = [], []
    deadline = time.perf_counter() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - start)
            if response.status not in (200, 304):
                errors.append(response.status)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies), p99, len(errors)


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

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return hits
