# What scripts/backup.sh and scripts/restore.sh share; sourced by both, after they set
# SCRIPT (their name) and ROOT (the repository).

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

fail() {
    echo "$SCRIPT: $*" >&2
    echo "Run scripts/$SCRIPT --help for usage." >&2
    exit 2
}

# check_database_url WHAT-FOR TOOL: DATABASE_URL is a PostgreSQL address and TOOL is here;
# sets SHOWN_URL, the address as printed and written down: without its password.
check_database_url() {
    DATABASE_URL="${DATABASE_URL:-}"
    [ -n "$DATABASE_URL" ] || fail "DATABASE_URL is not set: $1"
    case "$DATABASE_URL" in
        postgres://* | postgresql://*) ;;
        *) fail "DATABASE_URL must be a PostgreSQL address (postgres://...), not ${DATABASE_URL%%://*}://..." ;;
    esac
    command -v "$2" >/dev/null || fail "$2 not found: install the PostgreSQL client (Debian: postgresql-client)"
    SHOWN_URL="$(printf '%s' "$DATABASE_URL" | sed -E 's#^([a-z]+://[^:/@]*):[^/]*@#\1:***@#')"
}

# Where the uploads live: BUCKET, BUCKET_URL and AWS_ARGS with a bucket, else MEDIA_ROOT.
find_uploads() {
    BUCKET="${AWS_STORAGE_BUCKET_NAME:-}"
    if [ -n "$BUCKET" ]; then
        command -v aws >/dev/null || fail "AWS_STORAGE_BUCKET_NAME is set but the aws command is not installed"
        BUCKET_URL="s3://$BUCKET/${AWS_LOCATION:+${AWS_LOCATION%/}/}"
        AWS_ARGS=()
        [ -z "${AWS_S3_ENDPOINT_URL:-}" ] || AWS_ARGS+=(--endpoint-url "$AWS_S3_ENDPOINT_URL")
    else
        MEDIA_ROOT="${DJANGO_MEDIA_ROOT:-$ROOT/media}"
    fi
}
