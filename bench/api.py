"""Headless API speed under gunicorn with 2 workers: prints figures, asserts nothing.

    .venv/bin/python bench/api.py [SECONDS] [CONCURRENCY]

Builds a fresh SQLite database from the demo clinic plus copies of its
microneedling page (50 treatments, each with a hero image, seven conditions, a
practitioner and every body section), starts gunicorn with 2 workers, then for each
endpoint sends requests from CONCURRENCY (default 8) keep-alive clients for SECONDS
(default 10) and prints requests/s, p50/p99 latency and SQL queries per request.
"""

import shutil
import sys

from load import ROOT, bench_site, gunicorn, measure, print_header, print_row

TREATMENTS = 50


def build_content(work):
    folder = work / "content"
    shutil.copytree(ROOT / "demo", folder)
    original = (folder / "treatments" / "microneedling.md").read_text()
    for n in range(TREATMENTS - 3):
        text = original.replace("title: Microneedling", f"title: Microneedling {n}")
        text = text.replace("slug: microneedling", f"slug: microneedling-{n}")
        (folder / "treatments" / f"copy-{n}.md").write_text(text)
    return folder


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    with bench_site("api-bench-", build_content) as env:
        from treatments.models import TreatmentPage

        treatment = TreatmentPage.objects.get(slug="microneedling")
        v2_listing = "/api/v2/pages/?type=treatments.TreatmentPage&fields=*&limit=50"
        api = "/api/clinic/v1"
        endpoints = [
            ("clinic API listing, all fields", f"{api}/treatments/?limit=50"),
            ("v2 treatment listing, fields=*", v2_listing),
            ("clinic API treatment detail", f"{api}/treatments/{treatment.pk}/"),
            ("v2 treatment detail", f"/api/v2/pages/{treatment.pk}/"),
            ("clinic API find by path", f"{api}/pages/find/?html_path=/treatments/microneedling/"),
        ]  # fmt: skip
        measured = measure(path for _, path in endpoints)

        with gunicorn(env, ready_path=f"{api}/menu/"):
            print(f"{TREATMENTS} treatments")
            print_header("endpoint", seconds, concurrency)
            for label, path in endpoints:
                m = measured[path]
                print_row(label, path, m.queries, m.kilobytes, seconds, concurrency)
            _, detail = endpoints[2]
            m = measured[detail]
            print_row(
                "clinic API detail, If-None-Match",
                detail,
                m.queries,
                0,
                seconds,
                concurrency,
                headers={"If-None-Match": m.response["ETag"]},
            )


if __name__ == "__main__":
    main()
