"""Speed of the public HTML pages under gunicorn with 2 workers: prints figures, asserts nothing.

    .venv/bin/python bench/pages.py [SECONDS] [CONCURRENCY]

Imports the demo clinic into a fresh SQLite database, counts each page's SQL queries in
this process on a warm site, starts gunicorn with 2 workers, then for each page sends
requests from CONCURRENCY (default 8) keep-alive clients for SECONDS (default 10) and
prints requests/s, p50/p99 latency, SQL queries and page size. docs/performance.md
has the figures and how to read them.
"""

import sys

from load import ROOT, bench_site, gunicorn, measure, print_header, print_row

PAGES = [
    ("home", "/"),
    ("treatment page (microneedling)", "/treatments/microneedling/"),
    ("condition page (acne scars)", "/conditions/acne-scars/"),
    ("blog index", "/blog/"),
    ("search: massage", "/search/?q=massage"),
]


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    with bench_site("pages-bench-", lambda work: ROOT / "demo") as env:
        measured = measure(path for _, path in PAGES)
        with gunicorn(env):
            print("the demo clinic")
            print_header("page", seconds, concurrency)
            for label, path in PAGES:
                m = measured[path]
                status = m.response.status_code
                if status != 200:  # still measured: a missing page costs time too
                    label = f"{label} [{status}]"
                print_row(label, path, m.queries, m.kilobytes, seconds, concurrency)


if __name__ == "__main__":
    main()
