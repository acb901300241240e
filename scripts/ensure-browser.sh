#!/usr/bin/env bash
# Make sure Debian's Chromium is present for the browser tests.
# Installs it when this user can; otherwise stops loudly: the browser tests are
# never skipped in silence.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi

echo "Chromium not found at $CHROMIUM: installing Debian's chromium for the browser tests..."
if [ "$(id -u)" = "0" ]; then
    SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    SUDO="unavailable"
fi

if [ "$SUDO" != "unavailable" ] && command -v apt-get >/dev/null; then
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if [ ! -x "$CHROMIUM" ]; then
    cat >&2 <<MSG

##########################################################################
#  BROWSER TESTS CANNOT RUN: Chromium is missing at $CHROMIUM
#  and could not be installed automatically (needs root or sudo + apt).
#  Install it with:  sudo apt-get install chromium chromium-driver
#  or point CHROMIUM_PATH at a Chromium binary, then run 'make test' again.
##########################################################################

MSG
    exit 1
fi
echo "Chromium installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
