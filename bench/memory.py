"""Memory per gunicorn worker, after start-up and after load: prints figures, asserts nothing.

    .venv/bin/python bench/memory.py                 # set up, serve, load 10 rounds: ~1 minute
    .venv/bin/python bench/memory.py --rounds 30 --admin
  options: --rounds N (passes over every address after the crawl, 10), --concurrency N
  (clients, 2), --workers N (2), --admin (an editor also signs in and opens the dashboard,
  the page explorer, the image library, Import pages and a treatment's edit view each
  round), --config FILE
  (another gunicorn config, to try settings), --env NAME=VALUE (added to gunicorn's
  environment; repeatable), --site DIR (reuse a work folder set up by an earlier --keep
  run), --keep (keep the work folder; it is kept anyway if something failed), --mappings N
  (after the load, each worker's N mappings with the most RSS: heap, anonymous memory,
  shared libraries, files)

Sets up a throwaway production-like install in a temporary folder, as docs/deployment.md
describes it: `clinicsite.settings.production` with DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS=127.0.0.1, plain HTTP (DJANGO_SECURE_SSL_REDIRECT=false), a SQLite
DATABASE_URL, DJANGO_MEDIA_ROOT, DJANGO_STATIC_ROOT and the page cache's PAGE_CACHE_DIR in
the folder, no Redis and no bucket; `migrate`, `import_content demo --publish`,
`collectstatic`. Then gunicorn (site/gunicorn.conf.py, --workers 2, a free port of
127.0.0.1, no control socket, the access log off), with no image renditions made yet.

After start-up (each worker answered nothing but /healthz, and its CPU time stood still for
a second) and again after the load, per process: RSS (VmRSS: every page the process has in
memory, shared ones counted in full), its peak (VmHWM), PSS (from /proc/PID/smaps_rollup:
shared pages divided between the processes sharing them, so the PSS of the master and the
workers add up to what the install really uses), USS (its private pages) and anonymous
RSS (RssAnon: the Python heap, not the mapped libraries).

The load: a crawl of the site from /, sitemap.xml and a fixed list (search,
/api/v2/pages/ and every page in it, the clinic content API's listings and details, feeds,
robots.txt), following every same-site link it finds and every /media/ image (src and
srcset) in the HTML, so every page is rendered and every rendition made; then ROUNDS
passes over the same addresses. CONCURRENCY keep-alive clients share the addresses out, so both
workers render pages and make renditions.
"""

import argparse
import html.parser
import http.client
import json
import os
import re
import shutil
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from load import (
    ADMIN_PASSWORD,
    ADMIN_USER,
    ROOT,
    cpu_ticks,
    free_port,
    gunicorn,
    production_env,
    run_manage,
    set_up_demo,
    temporary_folder,
    worker_pids,
)

FIXED = [
    "/",
    "/sitemap.xml",
    "/robots.txt",
    "/search/?q=acne",
    "/search/?q=microneedling+aftercare",
    "/search/?q=massages",
    "/api/v2/pages/?limit=50",
    "/api/v2/pages/?type=treatments.TreatmentPage&fields=*",
    "/api/v2/images/",
    "/api/clinic/v1/treatments/",
    "/api/clinic/v1/treatments/?condition=acne",
    "/api/clinic/v1/conditions/",
    "/api/clinic/v1/posts/",
    "/api/clinic/v1/practitioners/",
    "/api/clinic/v1/settings/clinic/",
    "/api/clinic/v1/menu/",
    "/api/clinic/v1/pages/find/?html_path=/treatments/microneedling/",
    "/blog/feed/rss/",
    "/blog/feed/atom/",
]
DELETE_RENDITIONS = "from wagtail.images.models import Rendition; Rendition.objects.all().delete()"
SKIP = ("/admin/", "/static/", "/documents/", "/django-admin/")


def say(*args):
    print(*args, flush=True)


# --- The install ------------------------------------------------------------------


def site_env(work):
    """The environment of an install: production settings (the page cache on for 300 s, the
    log as JSON lines), nothing from this shell's Django."""
    return production_env(ROOT, work, 300, LOG_FORMAT="json", LOG_LEVEL=None)


def set_up(work, env):
    started = time.perf_counter()
    set_up_demo(env)
    (work / "site.json").write_text(json.dumps(env))
    say(f"site set up in {work} ({time.perf_counter() - started:.1f} s)")


@contextmanager
def work_folder(reuse, keep):
    if reuse:
        work = Path(reuse)
        env = json.loads((work / "site.json").read_text())
        yield work, env
        return
    with temporary_folder("clinic-memory-", keep, " (reuse it with --site {work})") as work:
        env = site_env(work)
        env["DJANGO_SUPERUSER_PASSWORD"] = ADMIN_PASSWORD
        set_up(work, env)
        yield work, env


# --- Reading memory ----------------------------------------------------------------


def memory(pid):
    """{name: MB} of one process: rss, peak, pss, uss, anon."""
    status = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if value.strip().endswith("kB"):
            status[name] = int(value.split()[0])
    rollup = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, value = line.partition(":")
        rollup[name] = int(value.split()[0])
    kb = {
        "rss": status["VmRSS"],
        "peak": status["VmHWM"],
        "pss": rollup["Pss"],
        "uss": rollup["Private_Clean"] + rollup["Private_Dirty"],
        "anon": status["RssAnon"],
    }
    return {name: value / 1024 for name, value in kb.items()}


def mappings(pid, count):
    """The `count` mappings (grouped by file; the heap and anonymous memory as such) with
    the most RSS: [(MB RSS, MB anonymous, name)]."""
    rss, anon, name = Counter(), Counter(), None
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
            fields = line.split()
            name = fields[5] if len(fields) > 5 else "[anonymous]"
            name = name.split("/site-packages/")[-1]
        elif line.startswith("Rss:"):
            rss[name] += int(line.split()[1])
        elif line.startswith("Anonymous:"):
            anon[name] += int(line.split()[1])
    return [(kb / 1024, anon[name] / 1024, name) for name, kb in rss.most_common(count)]


def wait_until_idle(pids, quiet_seconds=1.0, limit=60):
    """Until none of `pids` used any CPU for `quiet_seconds`."""
    deadline = time.monotonic() + limit
    last = cpu_ticks(pids)
    while time.monotonic() < deadline:
        time.sleep(quiet_seconds)
        now = cpu_ticks(pids)
        if now == last:
            return
        last = now


def report(label, master, workers):
    rows = [("master", master)] + [(f"worker {pid}", pid) for pid in workers]
    say(f"\n{label}")
    say(f"{'process':<16} {'RSS':>7} {'peak':>7} {'PSS':>7} {'USS':>7} {'anon':>7}   (MB)")
    total = 0
    figures = {}
    for name, pid in rows:
        mb = memory(pid)
        figures[pid] = mb
        total += mb["pss"]
        say(
            f"{name:<16} {mb['rss']:7.1f} {mb['peak']:7.1f} {mb['pss']:7.1f} "
            f"{mb['uss']:7.1f} {mb['anon']:7.1f}"
        )
    say(f"{'all (PSS)':<16} {'':7} {'':7} {total:7.1f}")
    return figures


# --- Load ---------------------------------------------------------------------------


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages, self.images = set(), set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.pages.add(attrs["href"])
        if tag in ("img", "source"):
            for value in (attrs.get("src"), attrs.get("srcset")):
                for candidate in (value or "").split(","):
                    if candidate.strip():
                        self.images.add(candidate.split()[0])
        if tag == "meta" and (attrs.get("property") or attrs.get("name", "")).endswith(":image"):
            self.images.add(attrs.get("content", ""))


def same_site(base, href):
    parts = urlsplit(urljoin(base, href))
    if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", *HOSTS):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path if path.startswith("/") else None


HOSTS = ("127.0.0.1", "localhost", "127.0.0.1:80", "localhost:80")


class Client:
    """One keep-alive connection that reconnects when the sync worker closes it, keeping
    cookies itself (the production cookies are Secure, which a cookie jar would not send
    over plain HTTP)."""

    def __init__(self, port):
        self.port, self.connection, self.cookies = port, None, {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (OSError, http.client.HTTPException):
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
            self.connection = None
        return response.status, response.getheader("Content-Type", ""), content


def crawl(port):
    """Every address reachable from FIXED and sitemap.xml, with /api/v2/pages/{id}/ and the
    clinic API's details; (pages, images, statuses)."""
    client = Client(port)
    queue, seen, images, statuses = list(FIXED), set(FIXED), set(), Counter()

    def add(path):
        if path and path not in seen and not path.startswith(SKIP) and len(seen) < 500:
            seen.add(path)
            queue.append(path)

    while queue:
        path = queue.pop(0)
        status, content_type, body = client.request("GET", path)
        statuses[status] += 1
        if status != 200:
            continue
        text = body.decode("utf-8", "replace")
        if path == "/sitemap.xml":
            for loc in re.findall(r"<loc>([^<]+)</loc>", text):
                add(same_site(path, loc))
        elif "json" in content_type:
            data = json.loads(text)
            items = data.get("items", []) if isinstance(data, dict) else data
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and "id" in item:
                    if path.startswith("/api/v2/pages/"):
                        add(f"/api/v2/pages/{item['id']}/")
                    elif path.startswith("/api/v2/images/"):
                        add(f"/api/v2/images/{item['id']}/")
                    elif re.match(r"^/api/clinic/v1/(treatments|conditions|pages)/$", path):
                        add(f"{path}{item['id']}/")
        elif "html" in content_type:
            links = Links()
            links.feed(text)
            for href in links.pages:
                add(same_site(path, href))
            for src in links.images:
                image = same_site(path, src)
                if image and image.startswith("/media/"):
                    images.add(image)
    return sorted(seen), sorted(images), statuses


def sign_in(port, password):
    client = Client(port)
    status, _, body = client.request("GET", "/admin/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = f"csrfmiddlewaretoken={token}&username={ADMIN_USER}&password={password}&next="
    status, _, _ = client.request(
        "POST",
        "/admin/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{port}/admin/login/",
        },
    )
    if status != 302:
        raise SystemExit(f"admin sign-in answered {status}")
    return client


def admin_paths(client):
    """The dashboard, the page explorer, the image library, Import pages and a treatment's
    edit view."""
    status, _, body = client.request("GET", "/admin/pages/search/?q=microneedling")
    found = re.search(rb"/admin/pages/(\d+)/edit/", body)
    paths = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/import-pages/"]
    if found:
        paths.append(found.group(0).decode())
    return paths


def load(port, paths, images, rounds, concurrency, admin_password=None):
    """Every path and image `rounds` times, shared among `concurrency` clients, and with
    `admin_password` the admin's pages as many times; Counter of statuses."""
    statuses = Counter()
    editor = sign_in(port, admin_password) if admin_password else None
    addresses = paths + images
    lock = threading.Lock()

    def run(first):
        client = Client(port)
        mine = addresses[first::concurrency]
        for _ in range(rounds):
            for path in mine:
                status = client.request("GET", path)[0]
                with lock:
                    statuses[status] += 1

    threads = [threading.Thread(target=run, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    if editor:
        for path in admin_paths(editor) * rounds:
            status = editor.request("GET", path)[0]
            with lock:
                statuses[f"admin {status}"] += 1
    for thread in threads:
        thread.join()
    return statuses


# --- Main ---------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--admin", action="store_true")
    parser.add_argument("--config", default=str(ROOT / "site" / "gunicorn.conf.py"))
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--site")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--mappings", type=int, default=0, metavar="N")
    args = parser.parse_args()

    with work_folder(args.site, args.keep) as (work, env):
        env = dict(env, **dict(item.split("=", 1) for item in args.env))
        if args.site:
            # Renditions, and pages cached, by an earlier run would spare the workers work.
            shutil.rmtree(work / "media" / "images", ignore_errors=True)
            shutil.rmtree(work / "page-cache", ignore_errors=True)
            run_manage(env, "shell", "-c", DELETE_RENDITIONS)
        port = free_port()
        log = work / "gunicorn.log"
        say(f"gunicorn -c {args.config}, {args.workers} workers on 127.0.0.1:{port}; log {log}")
        if args.env:
            say("with " + " ".join(args.env))
        with gunicorn(
            env, "/healthz", port, log, config=args.config, workers=args.workers
        ) as server:
            deadline = time.monotonic() + 60
            while len(worker_pids(server.pid)) < args.workers:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"gunicorn did not start; see {log}")
                time.sleep(0.2)
            workers = worker_pids(server.pid)
            wait_until_idle([server.pid, *workers])
            report("after start-up (no request but /healthz)", server.pid, workers)

            started, ticks = time.perf_counter(), sum(cpu_ticks(workers).values())
            paths, images, crawled = crawl(port)
            statuses = load(
                port,
                paths,
                images,
                args.rounds,
                args.concurrency,
                env["DJANGO_SUPERUSER_PASSWORD"] if args.admin else None,
            )
            statuses.update(crawled)
            elapsed = time.perf_counter() - started
            wait_until_idle([server.pid, *workers])
            cpu = (sum(cpu_ticks(workers).values()) - ticks) / os.sysconf("SC_CLK_TCK")
            if worker_pids(server.pid) != workers:
                say(f"workers changed during the load: {workers} -> {worker_pids(server.pid)}")
                workers = worker_pids(server.pid)
            report(
                f"after load: {len(paths)} addresses and {len(images)} images, "
                f"{args.rounds} rounds + the crawl, {sum(statuses.values())} requests in "
                f"{elapsed:.0f} s (the workers' CPU: {cpu:.1f} s); statuses {dict(statuses)}",
                server.pid,
                workers,
            )
            for pid in workers if args.mappings else []:
                say(f"\nworker {pid}: the {args.mappings} mappings with the most RSS (MB)")
                for mb, anon, name in mappings(pid, args.mappings):
                    say(f"{mb:7.1f}  (anonymous {anon:5.1f})  {name}")


if __name__ == "__main__":
    sys.exit(main())
