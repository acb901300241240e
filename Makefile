# Two commands do all set-up on a fresh machine:
#   make run   - virtual environment, install, migrate, demo content, local admin, serve on :8000
#   make test  - install test tools, Chromium, axe-core (npm) and redis-server, then run every test

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test test-plugin install install-dev lock setup lint check fuzz screenshots

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# The lock files pin every package with its hashes: pip installs exactly those files.
$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PY) -m pip install -q --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install -q --require-hashes -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed

# Recompile the lock files from requirements.in and requirements-dev.in (pip-tools), keeping
# the versions already pinned unless a range excludes them. To move versions on:
#   make lock LOCK_ARGS=--upgrade                    (everything, within the ranges)
#   make lock LOCK_ARGS="--upgrade-package django"   (one package)
# Resolved against PyPI alone, so that a local mirror or wheel folder in pip's settings puts
# neither its addresses nor its own files' hashes into the lock.
LOCK_ARGS ?=
PIP_COMPILE := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT \
	PIP_CONFIG_FILE=/dev/null CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile -q \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

lock: install-dev
	$(PIP_COMPILE) $(LOCK_ARGS) -o requirements.txt requirements.in
	$(PIP_COMPILE) $(LOCK_ARGS) -o requirements-dev.txt requirements-dev.in

# Everything `run` needs except the server itself: safe to repeat.
setup: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_dev_admin

run: setup
	@echo "Site:  http://$(HOST):$(PORT)/    Admin: http://$(HOST):$(PORT)/admin/"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install-dev
	bash scripts/ensure-browser.sh
	bash scripts/ensure-redis.sh
	$(PY) -m pytest $(PYTEST_ARGS)

# The treatments plugin alone: its wheel in a fresh virtual environment, tests/treatments/
# in a bare Wagtail site without this repository's other apps (scripts/test-plugin.sh).
test-plugin: install-dev
	PYTHON=$(PYTHON) bash scripts/test-plugin.sh $(PYTEST_ARGS)

# Junk input against a throwaway copy of the site on 127.0.0.1; fails on any 5xx
# (docs/performance.md, "Junk input"). FUZZ_ARGS="--budget 120 --examples 0" for more.
FUZZ_ARGS ?=
fuzz: install-dev
	$(PY) bench/fuzz.py $(FUZZ_ARGS)

# The README's pictures of the demo clinic and its admin, phone and desktop, in
# docs/screenshots/ (scripts/screenshots.py). SCREENSHOTS_ARGS="--url http://127.0.0.1:8000"
# photographs a running site instead of a fresh copy of the demo.
SCREENSHOTS_ARGS ?=
screenshots: install-dev
	bash scripts/ensure-browser.sh
	$(PY) scripts/screenshots.py $(SCREENSHOTS_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install-dev
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
