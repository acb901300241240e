#!/usr/bin/env bash
# Make sure the browser tests have what they need: Debian's Chromium, and axe-core
# (pinned in package-lock.json) for the accessibility checks.
# Installs them when this user can; otherwise stops loudly: the browser tests are
# never skipped in silence.
set -euo pipefail
cd "$(dirname "$0")/.."

# axe-core from npm, exactly the version in package-lock.json; reinstalled when
# node_modules/ is missing or holds another version than package.json pins.
AXE_WANTED="$(sed -n 's/.*"axe-core": *"\([^"]*\)".*/\1/p' package.json)"
AXE_HAVE=""
if [ -f node_modules/axe-core/axe.min.js ]; then
    AXE_HAVE="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' node_modules/axe-core/package.json | head -n 1)"
fi
if [ "$AXE_HAVE" != "$AXE_WANTED" ]; then
    if ! command -v npm >/dev/null; then
        cat >&2 <<MSG

##########################################################################
#  BROWSER TESTS CANNOT RUN: npm is missing, so axe-core (the accessibility
#  checker the browser tests inject into each page) cannot be installed.
#  Install Node.js and npm, e.g.:  sudo apt-get install nodejs npm
#  then run 'make test' again.
##########################################################################

MSG
        exit 1
    fi
    echo "Installing axe-core $AXE_WANTED for the accessibility tests (npm ci)..."
    # Lighthouse is an optional dependency: only bench/lighthouse.py uses it (and installs
    # it into var/lighthouse/), so the tests leave its 185 MB out.
    npm ci --omit=optional --no-audit --no-fund
fi

# Debian's Chromium (never Playwright's own download).
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
