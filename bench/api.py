"""Headless API speed under gunicorn with 2 workers: prints figures, asserts nothing.

    .venv/bin/python bench/api.py [SECONDS] [CONCURRENCY]

Builds a fresh SQLite database from the demo clinic plus copies of its
microneedling page (50 treatments, each with a hero image, seven conditions, a
practitioner and every body section), starts gunicorn with 2 workers, then for each
endpoint sends requests from CONCURRENCY (default 8) keep-alive clients for SECONDS
(default 10) and prints requests/s, p50/p99 latency and SQL queries per request.
"""

import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
TREATMENTS = 50
PORT = int(os.environ.get("BENCH_PORT", "8765"))


def build_content(work):
    folder = work / "content"
    shutil.copytree(ROOT / "demo", folder)
    original = (folder / "treatments" / "microneedling.md").read_text()
    for n in range(TREATMENTS - 3):
        text = original.replace("title: Microneedling", f"title: Microneedling {n}")
        text = text.replace("slug: microneedling", f"slug: microneedling-{n}")
        (folder / "treatments" / f"copy-{n}.md").write_text(text)
    return folder


def start_gunicorn(env):
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "-c",
            str(ROOT / "site" / "gunicorn.conf.py"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "/dev/null",
            "--no-control-socket",
        ],  # fmt: skip
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            connection.request("GET", "/api/v3/menu/")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def load(path, seconds, concurrency, headers=None):
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


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    work = Path(tempfile.mkdtemp(prefix="api-bench-"))
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
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from treatments.models import TreatmentPage

    call_command("migrate", verbosity=0)
    call_command(
        "import_content", str(build_content(work)), publish=True, stdout=open(os.devnull, "w")
    )
    treatment = TreatmentPage.objects.get(slug="microneedling")
    v2_listing = "/api/v2/pages/?type=treatments.TreatmentPage&fields=*&limit=50"
    endpoints = [
        ("v3 treatment listing, all fields", "/api/v3/treatments/?limit=50"),
        ("v2 treatment listing, fields=*", v2_listing),
        ("v3 treatment detail", f"/api/v3/treatments/{treatment.pk}/"),
        ("v2 treatment detail", f"/api/v2/pages/{treatment.pk}/"),
        ("v3 find by path", "/api/v3/pages/find/?html_path=/treatments/microneedling/"),
    ]  # fmt: skip
    client = Client()
    queries, sizes, etags = {}, {}, {}
    for label, path in endpoints:
        client.get(path)  # makes the image renditions, as on a warm site
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        queries[label], sizes[label], etags[label] = (
            len(captured),
            len(response.content),
            response["ETag"],
        )

    server = start_gunicorn(env)
    try:
        print(
            f"gunicorn, 2 workers, SQLite; {TREATMENTS} treatments; "
            f"{concurrency} clients x {seconds:g} s per line"
        )
        print(f"{'endpoint':<34} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'SQL':>4} {'KB':>6} err")
        for label, path in endpoints:
            load(path, 1, concurrency)  # warm both workers
            rate, p50, p99, errors = load(path, seconds, concurrency)
            print(
                f"{label:<34} {rate:7.1f} {p50 * 1000:7.1f} {p99 * 1000:7.1f} "
                f"{queries[label]:4d} {sizes[label] / 1024:6.1f} {errors}"
            )
        label, path = endpoints[2]
        rate, p50, p99, errors = load(path, seconds, concurrency, {"If-None-Match": etags[label]})
        print(
            f"{'v3 detail, If-None-Match (304)':<34} {rate:7.1f} {p50 * 1000:7.1f} "
            f"{p99 * 1000:7.1f} {queries[label]:4d} {0:6.1f} {errors}"
        )
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
