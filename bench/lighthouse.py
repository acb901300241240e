"""Lighthouse scores of the public pages, as a phone visitor's browser sees them.

    .venv/bin/python bench/lighthouse.py [--url URL | --ref REF] [--pages name,name]
                                         [--runs N] [--json DIR] [--keep]

Prints figures, asserts nothing. Without --url it sets up the demo clinic the way
bench/pages.py does (a temporary folder with its own SQLite database, media and collected
static files; `collectstatic`, `migrate`, `import_content demo --publish`) and serves it on
production settings (clinicsite.settings.production, WhiteNoise, page cache on as by
default, HTTPS redirect off for plain HTTP) with gunicorn's 2 workers on a free port; each
page is visited once first, so its photos' renditions exist. With --url it measures that
site instead (the same paths under it; a `make run` server is not production: DEBUG, no
compression). With --ref it sets up and serves the commit REF instead of the working tree
(checked out with `git archive`, run by its own code), e.g. the design before a change.

Then Lighthouse (the version pinned in package.json; installed into var/lighthouse/ on first
use) runs Debian's Chromium headless, page after page, with its defaults: a mobile phone's
screen and simulated slow 4G and CPU throttling. It prints the four category scores x 100
per page, the main metrics, and for every category under 100 the audits that cost it points.
With --runs N each page is measured N times and the run with the median performance score
is shown (Lighthouse's own advice against its run-to-run noise). --json DIR keeps each
shown report there as NAME.report.json and NAME.report.html. docs/performance.md,
"Lighthouse", has the figures measured so far.
"""

import argparse
import http.client
import json
import os
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

from load import ROOT, free_port, git_checkout, gunicorn, manage, production_env, temporary_folder

# (name for --pages, path)
PAGES = [
    ("home", "/"),
    ("treatment", "/treatments/microneedling/"),
    ("condition", "/conditions/acne-scars/"),
    ("journal", "/blog/"),
    ("post", "/blog/microneedling-aftercare-week-by-week/"),
]
CATEGORIES = [
    ("performance", "perf"),
    ("accessibility", "a11y"),
    ("best-practices", "best"),
    ("seo", "seo"),
]
METRICS = [  # (audit id, column, divisor of its numericValue (ms), format)
    ("first-contentful-paint", "FCP s", 1000, "{:.1f}"),
    ("largest-contentful-paint", "LCP s", 1000, "{:.1f}"),
    ("total-blocking-time", "TBT ms", 1, "{:.0f}"),
    ("cumulative-layout-shift", "CLS", 1, "{:.3f}"),
]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# No outside network here: nothing Chromium would fetch for itself in the background.
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
# Lighthouse is an optional dependency in package.json (about 185 MB with its own): make
# test leaves it out (scripts/ensure-browser.sh, npm ci --omit=optional), and it is
# installed here, in a git-ignored folder of its own, so that installing it never
# replaces the node_modules/ a browser test may be reading at that moment.
TOOLS = ROOT / "var" / "lighthouse"
NPM_FILES = ("package.json", "package-lock.json")


def say(*args):
    print(*args, flush=True)


def ensure_lighthouse():
    """The path of Lighthouse's CLI, installed from package-lock.json (npm ci --omit=dev:
    Lighthouse alone) whenever var/lighthouse/ holds other npm files than the repository."""
    cli = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
    current = all(
        (TOOLS / name).is_file() and (TOOLS / name).read_bytes() == (ROOT / name).read_bytes()
        for name in NPM_FILES
    )
    if cli.is_file() and current:
        return cli
    if not shutil.which("npm"):
        raise SystemExit("npm is missing: install Node.js and npm to run Lighthouse.")
    say(f"installing Lighthouse from package-lock.json into {TOOLS.relative_to(ROOT)}/ ...")
    TOOLS.mkdir(parents=True, exist_ok=True)
    for name in NPM_FILES:
        shutil.copyfile(ROOT / name, TOOLS / name)
    subprocess.run(["npm", "ci", "--omit=dev", "--no-audit", "--no-fund"], cwd=TOOLS, check=True)
    if not cli.is_file():
        raise SystemExit(f"npm ci did not install Lighthouse's CLI at {cli}")
    return cli


def get(base, path):
    """The status of GET base+path (the body read and dropped)."""
    parts = urlsplit(base)
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.netloc, timeout=300)  # renditions on a first visit
    connection.request("GET", parts.path.rstrip("/") + path)
    response = connection.getresponse()
    response.read()
    return response.status


def lighthouse(cli, url, output):
    """Lighthouse's report (lhr) of `url`; the JSON and HTML reports written as
    OUTPUT.report.json and OUTPUT.report.html."""
    done = subprocess.run(
        [
            "node",
            str(cli),
            url,
            "--only-categories=" + ",".join(category for category, _ in CATEGORIES),
            "--output=json",
            "--output=html",
            f"--output-path={output}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--no-enable-error-reporting",
            "--quiet",
        ],
        env=dict(os.environ, CHROME_PATH=CHROMIUM),
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = Path(f"{output}.report.json")
    if done.returncode != 0 or not report.is_file():
        raise SystemExit(f"Lighthouse failed on {url}:\n{done.stdout}{done.stderr}")
    lhr = json.loads(report.read_text())
    if lhr.get("runtimeError"):
        error = lhr["runtimeError"]
        raise SystemExit(f"Lighthouse could not load {url}: {error['code']} {error['message']}")
    return lhr


def score(lhr, category):
    value = lhr["categories"][category]["score"]
    return None if value is None else round(value * 100)


def losing_audits(lhr, category):
    """([(title, detail)] of the audits that cost `category` points, heaviest first;
    [(title, detail)] of those Lighthouse flags without weighing them in the score (the
    performance category's insights and diagnostics under its passing mark, 90))."""
    weighed, flagged = [], []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        mode, value = audit["scoreDisplayMode"], audit["score"]
        if mode == "error":
            detail = f"could not run: {audit.get('errorMessage', '')}"
        elif mode in ("binary", "numeric", "metricSavings") and value is not None and value < 1:
            detail = audit.get("displayValue") or ""
            detail += f"{', ' if detail else ''}score {round(value * 100)}"
        else:
            continue
        if ref["weight"]:
            weighed.append((ref["weight"], audit["title"], detail))
        elif mode == "error" or value < 0.9:
            flagged.append((audit["title"], detail))
    weighed.sort(key=lambda found: -found[0])
    return [(title, detail) for _, title, detail in weighed], flagged


def metric(lhr, audit_id, factor, shape):
    value = lhr["audits"].get(audit_id, {}).get("numericValue")
    return "-" if value is None else shape.format(value / factor)


def median_run(runs):
    """The run whose performance score is the median (the lower middle one for an even N)."""
    ordered = sorted(runs, key=lambda lhr: lhr["categories"]["performance"]["score"] or 0)
    return ordered[(len(ordered) - 1) // 2]


def measure(cli, base, pages, runs, keep):
    """{name: lhr} of every page, its median run; every report in the folder `keep`."""
    results = {}
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        for name, path in pages:
            url = base.rstrip("/") + path
            reports = []
            for n in range(runs):
                output = Path(scratch) / f"{name}-{n}"
                reports.append((output, lighthouse(cli, url, output)))
            chosen = median_run([lhr for _, lhr in reports])
            results[name] = chosen
            say(f"  {name:<10} {path}  performance {score(chosen, 'performance')}")
            if keep:
                output = next(output for output, lhr in reports if lhr is chosen)
                for suffix in (".report.json", ".report.html"):
                    shutil.copyfile(f"{output}{suffix}", keep / f"{name}{suffix}")
    return results


def print_table(pages, results):
    columns = [label for _, label in CATEGORIES] + [label for _, label, _, _ in METRICS]
    say(f"{'page':<10} " + " ".join(f"{label:>6}" for label in columns))
    for name, _ in pages:
        lhr = results[name]
        cells = [str(score(lhr, category)) for category, _ in CATEGORIES]
        cells += [metric(lhr, audit, factor, shape) for audit, _, factor, shape in METRICS]
        say(f"{name:<10} " + " ".join(f"{cell:>6}" for cell in cells))
    say("")
    say("what cost points, in each category under 100")
    for name, path in pages:
        lhr = results[name]
        below = [category for category, _ in CATEGORIES if score(lhr, category) != 100]
        say(f"  {name} {path}{'' if below else ': all 100'}")
        for category in below:
            weighed, flagged = losing_audits(lhr, category)
            say(f"    {category} {score(lhr, category)}")
            for title, detail in weighed:
                say(f"      - {title} ({detail})")
            if flagged:
                text = "; ".join(f"{title} ({detail})" for title, detail in flagged)
                say(
                    textwrap.fill(
                        "also flagged, not weighed in the score: " + text,
                        width=100,
                        initial_indent=" " * 6,
                        subsequent_indent=" " * 8,
                        break_on_hyphens=False,
                    )
                )


def set_up_site(root, work):
    """The environment of a production-like demo clinic of the checkout `root`, its data in
    `work`, set up as bench/pages.py sets up each of its sites."""
    env = production_env(root, work, page_cache_seconds=300)  # production's default
    manage(root, env, "collectstatic", "--noinput", "-v0")
    manage(root, env, "migrate", "--noinput", "-v0")
    manage(root, env, "import_content", str(root / "demo"), "--publish")
    return env


def arguments():
    names = [name for name, _ in PAGES]
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--url", help="measure this site (e.g. http://127.0.0.1:8000)")
    where.add_argument("--ref", help="set up and measure this commit, not the working tree")
    parser.add_argument("--pages", help=f"a subset, comma-separated, of: {','.join(names)}")
    parser.add_argument("--runs", type=int, default=1, help="runs per page, median shown (1)")
    parser.add_argument("--json", type=Path, metavar="DIR", help="keep the reports in DIR")
    parser.add_argument("--keep", action="store_true", help="keep the site's work folder")
    args = parser.parse_args()
    chosen = names if not args.pages else [n.strip() for n in args.pages.split(",")]
    unknown = set(chosen) - set(names)
    if unknown:
        parser.error(f"unknown pages {', '.join(sorted(unknown))}; names: {', '.join(names)}")
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    args.pages = [(name, path) for name, path in PAGES if name in chosen]
    return args


def run(cli, base, args, about):
    for _, path in args.pages:
        status = get(base, path)  # the photos' renditions made, caches warm
        if status != 200:
            raise SystemExit(f"{base}{path} answered {status}, not 200")
    say(about)
    say(
        f"Lighthouse, mobile defaults (phone screen, simulated slow 4G and CPU), "
        f"{args.runs} run(s) a page{', the median shown' if args.runs > 1 else ''}"
    )
    results = measure(cli, base, args.pages, args.runs, args.json)
    version = next(iter(results.values()))["lighthouseVersion"]
    # The user agent says 156.0.0.0 only; Debian's wrapper script may complain on stderr.
    browser = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    say(f"Lighthouse {version}, {browser.strip()}")
    print_table(args.pages, results)


def main():
    args = arguments()
    cli = ensure_lighthouse()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium is missing at {CHROMIUM} (set CHROMIUM_PATH)")
    if args.json:
        args.json.mkdir(parents=True, exist_ok=True)
    if args.url:
        run(cli, args.url, args, f"site: {args.url}")
        return
    with temporary_folder("lighthouse-bench-", keep=args.keep) as work:
        root, code = ROOT, "the working tree"
        if args.ref:
            root = work / "code"
            _, line = git_checkout(args.ref, root)
            code = f"{args.ref}: {line}"
        env = set_up_site(root, work)
        port = free_port()
        with gunicorn(env, port=port, log=work / "gunicorn.log", root=root):
            about = (
                f"site: the demo clinic of {code}, on clinicsite.settings.production, SQLite, "
                f"gunicorn 2 workers, page cache on, http://127.0.0.1:{port}"
            )
            run(cli, f"http://127.0.0.1:{port}", args, about)


if __name__ == "__main__":
    main()
