"""How long `import_content` takes for a large site: prints figures, asserts nothing.

    .venv/bin/python bench/import_content.py [FILES]

Generates FILES Markdown files (default 200: a fifth conditions, two fifths treatments
with full structured sections, two fifths blog posts) into a temporary folder, imports
them into a fresh SQLite database with --publish, then imports them again (all
unchanged) and once more after editing every tenth file.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]

TREATMENT = """---
type: treatment
title: Treatment {n}
summary: A gentle treatment, number {n}, for skin and face.
conditions: [Condition {a}, Condition {b}]
---

Opening words for treatment {n}, with a [link](https://example.com/{n}).

## At a glance

- Duration: 45 minutes
- Needle length: 0.5–1.5 mm

## What to expect

1. **Consultation (10 minutes)**: we talk about your skin.
2. **Treatment (30 minutes)**: the treatment itself.
3. **Aftercare advice**: a written plan.

## Aftercare

### First 24 hours

- Rinse with lukewarm water
- No make-up

## At-home care

### Gua sha

Glide outwards from the middle of the face.

- How often: three evenings a week
- Material: Jade — stays cool

## Does it hurt?

Most people feel a light tingle.
"""

CONDITION = """---
type: condition
title: Condition {n}
summary: What condition {n} is and how it may be helped.
---

## Why it happens

Several reasons, described in *plain* words.

## Will it come back?

Sometimes.
"""

POST = """---
type: blog
title: Post {n}
date: 2026-01-{day:02d}
summary: A short post, number {n}.
tags: [aftercare, tips]
related_treatments: [treatment-{t}]
---

Some text for post {n}.

> [!WARNING] Please check first
> Ask us before trying this at home.
"""

INDEXES = {
    "treatments.md": "---\ntype: treatment-index\ntitle: Treatments\nslug: treatments\n---\n",
    "conditions.md": "---\ntype: condition-index\ntitle: Conditions\nslug: conditions\n---\n",
    "blog.md": "---\ntype: blog-index\ntitle: Blog\nslug: blog\n---\n",
}


def write_files(folder, total):
    conditions, treatments = total // 5, total * 2 // 5
    posts = total - conditions - treatments - len(INDEXES)
    for name, text in INDEXES.items():
        (folder / name).write_text(text)
    for n in range(conditions):
        (folder / f"condition-{n}.md").write_text(CONDITION.format(n=n))
    for n in range(treatments):
        text = TREATMENT.format(n=n, a=n % conditions, b=(n + 1) % conditions)
        (folder / f"treatment-{n}.md").write_text(text)
    for n in range(posts):
        text = POST.format(n=n, day=n % 28 + 1, t=n % treatments)
        (folder / f"post-{n}.md").write_text(text)
    return sorted(folder.glob("*.md"))


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    work = Path(tempfile.mkdtemp(prefix="import-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "clinicsite.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page, Revision

    call_command("migrate", verbosity=0)
    (work / "files").mkdir()
    files = write_files(work / "files", total)

    def timed(label):
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            start = time.perf_counter()
            call_command(
                "import_content", str(work / "files"), publish=True, stdout=open(os.devnull, "w")
            )
            seconds = time.perf_counter() - start
        print(
            f"{label:<28} {len(files)} files in {seconds:5.2f} s  "
            f"({len(files) / seconds:6.1f} files/s, {len(queries) / len(files):5.1f} queries/file)"
        )

    timed("first import (all created)")
    timed("re-import (all unchanged)")
    for path in files[::10]:
        path.write_text(path.read_text() + "\nOne more paragraph.\n")
    timed("re-import (every 10th edited)")
    print(f"pages {Page.objects.count()}, revisions {Revision.objects.count()}")


if __name__ == "__main__":
    main()
