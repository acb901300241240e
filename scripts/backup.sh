#!/usr/bin/env bash
# Back up the clinic site: its PostgreSQL database and its uploaded images and documents.
#
#   DATABASE_URL=postgres://user:pass@db:5432/clinic DJANGO_MEDIA_ROOT=/srv/clinic/media \
#       scripts/backup.sh [DESTINATION]
#
# Reads the same environment variables as the production settings (docs/deployment.md):
#   DATABASE_URL             required; the database to dump (postgres:// or postgresql://)
#   AWS_STORAGE_BUCKET_NAME  when set, uploads live in this S3 bucket: copied with
#                            `aws s3 sync` (AWS_S3_ENDPOINT_URL, AWS_LOCATION and the usual
#                            AWS credentials are honoured)
#   DJANGO_MEDIA_ROOT        otherwise, the folder of uploads (default: media/ in this repository,
#                            as in the settings)
#
# Writes DESTINATION/clinic-YYYYMMDDTHHMMSSZ/ (DESTINATION defaults to ./backups):
#   database.dump   pg_dump's custom format (-Fc), for scripts/restore.sh
#   media.tar.gz    the uploads folder, or
#   media/          the bucket's objects, when AWS_STORAGE_BUCKET_NAME is set
#   MANIFEST        when, from where (no password) and what, with sizes
# The folder appears only once everything in it is complete; a failed backup leaves nothing.
# Test a backup by restoring it into a new database: python bench/backup_restore.py does that.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRIPT=backup.sh
# shellcheck source=scripts/backup-common.sh
. "$ROOT/scripts/backup-common.sh"

case "${1:-}" in
    -h | --help) usage; exit 0 ;;
    -*) fail "unknown option $1" ;;
esac
[ $# -le 1 ] || fail "expected at most one argument (the destination folder), got $#"
DESTINATION="${1:-./backups}"

check_database_url "name the database to back up, e.g. postgres://user:pass@host:5432/clinic" pg_dump
find_uploads
if [ -z "$BUCKET" ]; then
    [ -d "$MEDIA_ROOT" ] || fail "the media folder $MEDIA_ROOT does not exist: set DJANGO_MEDIA_ROOT (or AWS_STORAGE_BUCKET_NAME)"
fi

mkdir -p "$DESTINATION" || fail "cannot create $DESTINATION"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
FINAL="$DESTINATION/clinic-$STAMP"
[ ! -e "$FINAL" ] || fail "$FINAL already exists"
WORK="$DESTINATION/.clinic-$STAMP.partial"
rm -rf "$WORK"
mkdir "$WORK"
trap 'rm -rf "$WORK"' EXIT

echo "Backing up $SHOWN_URL"
pg_dump --format=custom --file="$WORK/database.dump" --dbname="$DATABASE_URL"
# A dump pg_restore cannot read is no backup.
pg_restore --list "$WORK/database.dump" >/dev/null

if [ -n "$BUCKET" ]; then
    echo "Copying $BUCKET_URL"
    mkdir "$WORK/media"
    aws ${AWS_ARGS[@]+"${AWS_ARGS[@]}"} s3 sync --only-show-errors "$BUCKET_URL" "$WORK/media/"
    MEDIA_SOURCE="$BUCKET_URL"
    MEDIA_FILES="$(find "$WORK/media" -type f | wc -l)"
else
    echo "Archiving $MEDIA_ROOT"
    tar -C "$MEDIA_ROOT" -czf "$WORK/media.tar.gz" .
    MEDIA_SOURCE="$MEDIA_ROOT"
    MEDIA_FILES="$(find "$MEDIA_ROOT" -type f | wc -l)"
fi

{
    echo "created: $STAMP"
    echo "database: $SHOWN_URL"
    echo "pg_dump: $(pg_dump --version)"
    echo "database.dump: $(du -k "$WORK/database.dump" | cut -f1) KB"
    echo "media: $MEDIA_SOURCE"
    echo "media files: $MEDIA_FILES"
    if [ -n "$BUCKET" ]; then
        echo "media/: $(du -sk "$WORK/media" | cut -f1) KB"
    else
        echo "media.tar.gz: $(du -k "$WORK/media.tar.gz" | cut -f1) KB"
    fi
} >"$WORK/MANIFEST"

mv "$WORK" "$FINAL"
trap - EXIT
echo "Backup written to $FINAL"
sed 's/^/  /' "$FINAL/MANIFEST"
