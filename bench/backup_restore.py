"""Backs the demo clinic up with scripts/backup.sh and restores it with scripts/restore.sh
into a new database on another PostgreSQL cluster; exits 1 if anything differs.

    .venv/bin/python bench/backup_restore.py

Run as root (PostgreSQL then runs as the `postgres` user, and Debian's postgresql is
installed with apt-get if missing) or as a user who can run initdb. Takes about 40 s.

A throwaway cluster gets the demo (migrate, import_content demo --publish), three draft
revisions of the treatment page and an uploaded document, under the production settings
with uploads on local disk (DJANGO_MEDIA_ROOT). scripts/backup.sh dumps it; a second
throwaway cluster, whose superuser has another name (so --no-owner matters), gets a new
empty database; scripts/restore.sh restores the backup into it and into a new, empty media
folder. Then prints, for the original and the restored site: pages, live pages, revisions,
images, renditions, documents, users, row counts of every table, the files the database
names that exist in the media folder, the media folder's files and bytes, page titles
(home, the sections, the treatment page's live and draft titles) and what the home and
treatment pages answer; and how the scripts refuse bad input.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from load import run_manage
from production import PYTHON, ROOT, postgres, say, site_env

FACTS = r"""
import json
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from treatments.models import TreatmentPage

# First, so that the renditions these pages make are counted on both sides.
client = Client(HTTP_HOST="127.0.0.1")
answers = [client.get(path).status_code for path in ("/", "/treatments/microneedling/")]
Image, Document = get_image_model(), get_document_model()
Rendition = Image.get_rendition_model()
names = [
    *(i.file.name for i in Image.objects.all()),
    *(r.file.name for r in Rendition.objects.all()),
    *(d.file.name for d in Document.objects.all()),
]
with connection.cursor() as cursor:
    rows = {}
    for table in sorted(connection.introspection.table_names()):
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        rows[table] = cursor.fetchone()[0]
treatment = TreatmentPage.objects.get(slug="microneedling")
titles = {page.url_path: page.title for page in Page.objects.filter(depth__lte=3)}
titles["treatment, live"] = treatment.title
titles["treatment, latest draft"] = treatment.get_latest_revision_as_object().title
print(json.dumps({
    "pages": Page.objects.count(),
    "live pages": Page.objects.live().count(),
    "revisions": Revision.objects.count(),
    "images": Image.objects.count(),
    "renditions": Rendition.objects.count(),
    "documents": Document.objects.count(),
    "users": get_user_model().objects.count(),
    "tables": len(rows),
    "rows in all tables": sum(rows.values()),
    "files named in the database": len(names),
    "of them in the media folder": sum(default_storage.exists(name) for name in names),
    "home page answers": answers[0],
    "treatment page answers": answers[1],
    "_rows": rows,
    "_titles": titles,
}))
"""

EXTRAS = r"""
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from treatments.models import TreatmentPage

page = TreatmentPage.objects.get(slug="microneedling")
for n in range(1, 4):
    page.title = f"Microneedling (draft {n})"
    page.save_revision()
get_document_model().objects.create(
    title="Microneedling aftercare leaflet",
    file=ContentFile(b"Keep your skin clean and use SPF 30 every day.\n", name="aftercare.txt"),
)
"""


def shell(env, code):
    """The last line `code` printed, run by `manage.py shell` (which may say more first)."""
    out = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), "shell", "-c", code],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return (out.stdout.strip().splitlines() or [""])[-1]


def folder_size(folder):
    files = [path for path in Path(folder).rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def script(name, env, *args, stdin=subprocess.DEVNULL):
    started = time.perf_counter()
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / name), *args],
        env=env, cwd=ROOT, stdin=stdin, capture_output=True, text=True,
    )  # fmt: skip
    return done, time.perf_counter() - started


def show(command, done, seconds):
    say(f"\n$ {command}")
    say("\n".join(part for part in (done.stdout.rstrip(), done.stderr.rstrip()) if part))
    say(f"({seconds:.1f} s, exit {done.returncode})")
    if done.returncode:
        raise SystemExit(1)


def refusals(env, work, backup):
    """(what, exit status, first line of the message) for bad input to the two scripts."""
    without_database = {k: v for k, v in env.items() if k != "DATABASE_URL"}
    broken = work / "broken-backup"
    broken.mkdir()
    (broken / "database.dump").write_bytes(b"not a dump")
    (broken / "media.tar.gz").write_bytes(b"")
    cases = [
        ("backup.sh without DATABASE_URL", "backup.sh", without_database, []),
        ("backup.sh, DATABASE_URL sqlite://", "backup.sh",
         dict(env, DATABASE_URL="sqlite:///db.sqlite3"), []),
        ("backup.sh, media folder missing", "backup.sh",
         dict(env, DJANGO_MEDIA_ROOT=str(work / "nowhere")), [str(work / "unused")]),
        ("restore.sh without a folder", "restore.sh", env, ["--yes"]),
        ("restore.sh, folder without a dump", "restore.sh", env, ["--yes", str(work)]),
        ("restore.sh, a dump that is not one", "restore.sh", env, ["--yes", str(broken)]),
        ("restore.sh without --yes, no terminal", "restore.sh", env, [str(backup)]),
        ("restore.sh without DATABASE_URL", "restore.sh", without_database, ["--yes", str(backup)]),
    ]  # fmt: skip
    results = []
    for what, name, case_env, args in cases:
        done, _ = script(name, case_env, *args)
        results.append((what, done.returncode, (done.stderr.strip().splitlines() or [""])[0]))
    return results


def main():
    work = Path(tempfile.mkdtemp(prefix="clinic-backup-"))
    os.chmod(work, 0o755)  # the postgres user makes its clusters inside
    (work / "source").mkdir()
    (work / "restored").mkdir()
    try:
        with (
            postgres(work / "source") as source,
            postgres(work / "restored", user="restorer", database="clinic_restored") as target,
        ):
            env = site_env(work, source.url, "")
            env["DJANGO_MEDIA_ROOT"] = str(work / "media")
            started = time.perf_counter()
            run_manage(env, "migrate", "--noinput")
            run_manage(env, "import_content", str(ROOT / "demo"), "--publish")
            run_manage(env, "collectstatic", "--noinput")
            shell(env, EXTRAS)
            say(
                f"demo clinic in {source.url} with 3 drafts and a document, "
                f"{time.perf_counter() - started:.1f} s"
            )
            before = json.loads(shell(env, FACTS))

            done, seconds = script("backup.sh", env, str(work / "backups"))
            show(f"scripts/backup.sh {work / 'backups'}", done, seconds)
            (backup,) = (work / "backups").glob("clinic-*")

            restored_env = dict(env, DATABASE_URL=target.url)
            restored_env["DJANGO_MEDIA_ROOT"] = str(work / "restored-media")
            done, seconds = script("restore.sh", restored_env, "--yes", str(backup))
            show(f"scripts/restore.sh --yes {backup}", done, seconds)
            after = json.loads(shell(restored_env, FACTS))

            before["media files"], before["media bytes"] = folder_size(work / "media")
            after["media files"], after["media bytes"] = folder_size(work / "restored-media")
            mismatches = 0
            say(f"\n{'':<32} {'original':>12} {'restored':>12}")
            for key in before:
                if key.startswith("_"):
                    continue
                same = before[key] == after.get(key)
                mismatches += not same
                mark = "" if same else "  DIFFERS"
                say(f"{key:<32} {before[key]:>12} {after.get(key)!s:>12}{mark}")
            tables = [t for t in before["_rows"] if before["_rows"][t] != after["_rows"].get(t)]
            mismatches += len(tables)
            say(
                f"row counts per table: {len(before['_rows']) - len(tables)} of "
                f"{len(before['_rows'])} tables equal" + (f"; differ: {tables}" if tables else "")
            )
            say("titles:")
            for place, title in before["_titles"].items():
                restored = after["_titles"].get(place)
                mismatches += title != restored
                mark = "same" if title == restored else f"DIFFERS: restored {restored!r}"
                say(f"  {place:<26} {title!r} {mark}")

            say("\nbad input:")
            for what, status, message in refusals(restored_env, work, backup):
                mismatches += status == 0
                say(f"  {what:<40} exit {status}: {message}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    say(f"\n{'MISMATCH: ' + str(mismatches) + ' differences' if mismatches else 'all equal'}")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
