#!/usr/bin/env bash
# `make test-plugin`: the treatments plugin on its own. Builds its wheel from treatments/
# (treatments/pyproject.toml), installs it with its extras into a fresh virtual environment,
# versions pinned by requirements-dev.txt, and runs tests/treatments/ in a bare Wagtail site
# (tests/treatments/bare_site/) that has no other app of this repository: no home, no blog,
# no clinicsite. The repository is not on the Python path there, so only the wheel is tested.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== building the plugin's wheel"
cp -r treatments "$work/src"
find "$work/src" -name __pycache__ -prune -exec rm -rf {} +
"$PYTHON" -m venv "$work/venv"
pip="$work/venv/bin/pip"
"$pip" install -q --upgrade pip 2>/dev/null || true
"$pip" wheel -q --no-deps "$work/src" -w "$work/dist" 2> "$work/build.log" || {
    cat "$work/build.log" >&2
    exit 1
}
wheel="$(ls "$work"/dist/clinic_treatments-*.whl)"

echo "== installing $(basename "$wheel") into a bare virtual environment"
# The lock's versions, without its hashes (a wheel built here has none to check).
grep -E '^[A-Za-z0-9_.-]+(\[[^]]*\])?==' requirements-dev.txt | sed 's/ *\\$//; s/\[[^]]*\]//' \
    > "$work/constraints.txt"
"$pip" install -q -c "$work/constraints.txt" "$wheel[api,importer]" \
    pytest pytest-django beautifulsoup4

echo "== running tests/treatments/ in the bare site"
cp -r tests/treatments "$work/plugin_tests"
find "$work/plugin_tests" -name __pycache__ -prune -exec rm -rf {} +
cat > "$work/pytest.ini" <<INI
[pytest]
DJANGO_SETTINGS_MODULE = plugin_tests.bare_site.settings
testpaths = plugin_tests
addopts = -ra --strict-markers -p no:cacheprovider
INI
cd "$work"
"$work/venv/bin/python" - <<PY
import sys, treatments
assert treatments.__file__.startswith("$work/venv"), treatments.__file__
print("plugin imported from", treatments.__file__)
PY
"$work/venv/bin/python" -m pytest "$@"
