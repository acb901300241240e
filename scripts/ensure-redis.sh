#!/usr/bin/env bash
# The tests of the shared cache start their own redis-server on a free port: make sure
# Debian's redis-server is installed. Installs it when this user can; otherwise stops
# loudly, so those tests are never skipped in silence.
set -euo pipefail

if command -v redis-server >/dev/null; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's redis-server for the shared-cache tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    # Debian starts a system service on install; the tests start their own.
    (service redis-server stop || true) >/dev/null 2>&1
    exit 0
fi
echo "redis-server is missing: install it (sudo apt-get install redis-server), then run 'make test' again." >&2
exit 1
