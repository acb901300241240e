#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh: the database, then the uploaded files.
#
#   DATABASE_URL=postgres://user:pass@db:5432/clinic DJANGO_MEDIA_ROOT=/srv/clinic/media \
#       scripts/restore.sh [--yes] BACKUP_FOLDER
#
# DATABASE_URL names the database to restore into; it must exist (createdb it first) and
# may be empty. Whatever the backup holds replaces what is there: pg_restore --no-owner
# --clean --if-exists --no-acl, in a single transaction, so a failed restore changes nothing.
# Tables that are not in the backup are left alone: restore into a new, empty database (then
# point the site at it), rather than over a database with newer migrations.
#
# The uploads go where the site will look for them:
#   AWS_STORAGE_BUCKET_NAME  when set, `aws s3 sync` into this bucket (AWS_S3_ENDPOINT_URL,
#                            AWS_LOCATION and the usual AWS credentials are honoured)
#   DJANGO_MEDIA_ROOT        otherwise, this folder (default: media/ in this repository);
#                            files already there and not in the backup are kept
# either way, whether the backup came from a bucket or from a folder.
#
# --yes  do not ask before replacing the database's contents (needed without a terminal)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRIPT=restore.sh
# shellcheck source=scripts/backup-common.sh
. "$ROOT/scripts/backup-common.sh"

YES=no
BACKUP=""
for argument in "$@"; do
    case "$argument" in
        -h | --help) usage; exit 0 ;;
        -y | --yes) YES=yes ;;
        -*) fail "unknown option $argument" ;;
        *) [ -z "$BACKUP" ] || fail "expected one backup folder, got more"; BACKUP="$argument" ;;
    esac
done
[ -n "$BACKUP" ] || fail "name the backup folder to restore, e.g. backups/clinic-20250101T020000Z"
[ -d "$BACKUP" ] || fail "$BACKUP is not a folder"
[ -f "$BACKUP/database.dump" ] || fail "$BACKUP has no database.dump: not a backup made by scripts/backup.sh"
if [ -f "$BACKUP/media.tar.gz" ]; then
    MEDIA_FROM=archive
elif [ -d "$BACKUP/media" ]; then
    MEDIA_FROM=folder
else
    fail "$BACKUP has neither media.tar.gz nor media/: not a complete backup"
fi

check_database_url "name the database to restore into" pg_restore
pg_restore --list "$BACKUP/database.dump" >/dev/null 2>&1 || fail "$BACKUP/database.dump is not a dump pg_restore can read"
find_uploads
MEDIA_TARGET="${BUCKET_URL:-${MEDIA_ROOT:-}}"

if [ "$YES" != yes ]; then
    [ -t 0 ] || fail "this replaces the contents of $SHOWN_URL: pass --yes to confirm"
    read -r -p "Replace the contents of $SHOWN_URL and copy the uploads into $MEDIA_TARGET? [y/N] " answer
    case "$answer" in y | Y | yes) ;; *) echo "Nothing restored."; exit 1 ;; esac
fi

echo "Restoring $BACKUP/database.dump into $SHOWN_URL"
pg_restore --no-owner --no-acl --clean --if-exists --single-transaction \
    --dbname="$DATABASE_URL" "$BACKUP/database.dump"

echo "Restoring the uploads into $MEDIA_TARGET"
if [ -n "$BUCKET" ]; then
    if [ "$MEDIA_FROM" = archive ]; then
        UNPACKED="$(mktemp -d)"
        trap 'rm -rf "$UNPACKED"' EXIT
        tar -C "$UNPACKED" -xzf "$BACKUP/media.tar.gz"
        aws ${AWS_ARGS[@]+"${AWS_ARGS[@]}"} s3 sync --only-show-errors "$UNPACKED/" "$BUCKET_URL"
    else
        aws ${AWS_ARGS[@]+"${AWS_ARGS[@]}"} s3 sync --only-show-errors "$BACKUP/media/" "$BUCKET_URL"
    fi
else
    mkdir -p "$MEDIA_ROOT"
    if [ "$MEDIA_FROM" = archive ]; then
        tar -C "$MEDIA_ROOT" -xzf "$BACKUP/media.tar.gz"
    else
        cp -a "$BACKUP/media/." "$MEDIA_ROOT/"
    fi
fi
echo "Restored $BACKUP. Run manage.py migrate if this code is newer than the backup."
