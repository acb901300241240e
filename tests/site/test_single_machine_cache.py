"""The page cache of one server without Redis: a folder that every worker process of the
machine shares (hosting/disk_cache.py, docs/deployment.md#page-cache).

"Another worker" below is a second Python process with the same settings and folder, as a
second gunicorn worker would be: what one stores the other serves, and a publish handled
by one is seen by the other at once.
"""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from clinicsite import environment
from page_cache.middleware import _entry_key
from page_cache.versions import SITE_VERSION, page_cache, page_version_key
from tests.site.test_foundation import ROOT
from tests.treatments.factories import build_indexes, make_condition, make_treatment

LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"
FOLDER = "hosting.disk_cache.ResilientDiskCache"
REDIS = "hosting.redis_cache.ResilientRedisCache"


def backends(chosen):
    return {alias: (config["BACKEND"], config["LOCATION"]) for alias, config in chosen.items()}


def test_without_redis_the_page_cache_is_a_folder_of_this_machine(tmp_path):
    default_folder = tmp_path / "var" / "page-cache"
    assert backends(environment.caches({}, default_folder)) == {
        "default": (LOCAL_MEMORY, "clinic"),
        "pages": (FOLDER, str(default_folder)),
        "renditions": (LOCAL_MEMORY, "clinic-renditions"),
    }
    # PAGE_CACHE_DIR chooses another folder.
    chosen = environment.caches({"PAGE_CACHE_DIR": "/srv/clinic/page-cache"}, default_folder)
    assert backends(chosen)["pages"] == (FOLDER, "/srv/clinic/page-cache")


def test_by_default_each_database_has_a_folder_of_its_own(tmp_path):
    """A copy of the site on another database (a benchmark, a test server) in the same
    checkout must never serve this site's pages, nor this site its."""
    site = {"ENGINE": "django.db.backends.postgresql", "HOST": "db", "PORT": 5432, "NAME": "clinic"}
    other = site | {"NAME": "clinic_copy"}
    folder = environment.page_cache_dir(tmp_path, site)
    assert folder.parent == tmp_path and folder.name.startswith("postgresql-")
    assert environment.page_cache_dir(tmp_path, dict(site)) == folder
    assert environment.page_cache_dir(tmp_path, other) != folder
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/clinic/db.sqlite3"}
    assert environment.page_cache_dir(tmp_path, sqlite).name.startswith("sqlite3-")


def test_with_redis_every_alias_is_in_redis_whatever_page_cache_dir_says(tmp_path):
    env = {"REDIS_URL": "redis://cache:6379/0", "PAGE_CACHE_DIR": str(tmp_path)}
    assert backends(environment.caches(env, tmp_path / "var")) == {
        alias: (REDIS, "redis://cache:6379/0") for alias in ("default", "pages", "renditions")
    }


def test_the_tests_keep_every_alias_in_this_process_memory():
    """settings/test.py names no folder: no test shares entries with another run."""
    assert {backend for backend, _ in backends(environment.caches({})).values()} == {LOCAL_MEMORY}


# --- Two worker processes, one folder -----------------------------------------------------

# Runs in its own process with the test settings and the folder given as its argument. It
# has no database of its own, so for an address the cache cannot answer it builds a
# stand-in page without storing it; it answers one command a line:
#   visit PATH     -> {"cache": "hit" or null, "text": the page}
#   purge PAGE_ID  -> what the signal handlers do once a publish of that page commits
OTHER_WORKER = """
import json, sys

import django

django.setup()
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from clinicsite import environment
from page_cache import versions
from page_cache.middleware import PageCacheMiddleware


def built_here(request):
    return HttpResponse("<title>Built by the other worker</title>")


with override_settings(CACHES=environment.caches({}, sys.argv[1]), PAGE_CACHE_SECONDS=300):
    middleware = PageCacheMiddleware(built_here)
    print("ready", flush=True)
    for line in sys.stdin:
        command, argument = line.split()
        if command == "visit":
            response = middleware(RequestFactory().get(argument))
            answer = {"cache": response.get("X-Page-Cache"), "text": response.content.decode()}
        else:
            versions.purge_pages([int(argument)])
            answer = "purged"
        print(json.dumps(answer), flush=True)
"""


class OtherWorker:
    def __init__(self, folder, work):
        env = dict(
            os.environ,
            DJANGO_SETTINGS_MODULE="clinicsite.settings.test",
            DJANGO_MEDIA_ROOT=str(work),
            PYTHONPATH=f"{ROOT / 'site'}{os.pathsep}{ROOT}",
        )
        env.pop("DATABASE_URL", None)  # no database of its own, whichever the suite runs on
        self.errors = open(work / "stderr", "w+")
        self.process = subprocess.Popen(
            [sys.executable, "-c", OTHER_WORKER, str(folder)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
        )
        assert self._line() == "ready"

    def _line(self):
        line = self.process.stdout.readline()
        if not line:
            self.errors.seek(0)
            pytest.fail(f"the other worker stopped:\n{self.errors.read()}")
        return line.strip()

    def _ask(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return json.loads(self._line())

    def visit(self, path):
        return self._ask(f"visit {path}")

    def purge(self, page):
        assert self._ask(f"purge {page.pk}") == "purged"

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)
        self.errors.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("shared") / "page-cache"


@pytest.fixture(scope="module")
def other_worker(folder, tmp_path_factory):
    worker = OtherWorker(folder, tmp_path_factory.mktemp("other-worker"))
    yield worker
    worker.stop()


@pytest.fixture
def this_worker(folder):
    """This process's pages cache in the shared folder, emptied, with the page cache on."""
    with override_settings(CACHES=environment.caches({}, folder), PAGE_CACHE_SECONDS=300):
        caches["pages"].clear()
        yield caches["pages"]


@pytest.fixture
def needling(home_page):
    treatments, conditions = build_indexes(home_page)
    acne = make_condition(conditions, "Acne scars")
    return make_treatment(treatments, "Microneedling", conditions=[acne])


PAGE = "/treatments/microneedling/"


def republish(page, committing, title):
    page = page.specific.__class__.objects.get(pk=page.pk)
    page.title = title
    with committing(execute=True):
        page.save_revision().publish()


def test_a_page_stored_by_one_worker_is_a_hit_in_another(
    client, needling, this_worker, other_worker
):
    first = client.get(PAGE)
    assert first["X-Page-Cache"] == "miss"
    served = other_worker.visit(PAGE)
    assert served == {"cache": "hit", "text": first.content.decode()}
    assert "Microneedling" in served["text"]


def test_a_publish_in_one_worker_refreshes_the_page_in_another(
    client, needling, this_worker, other_worker, django_capture_on_commit_callbacks
):
    client.get(PAGE)
    assert other_worker.visit(PAGE)["cache"] == "hit"
    republish(needling, django_capture_on_commit_callbacks, "Collagen induction")
    # The other worker no longer serves the old copy: it builds the page (here a stand-in).
    assert other_worker.visit(PAGE) == {
        "cache": None,
        "text": "<title>Built by the other worker</title>",
    }
    rebuilt = client.get(PAGE)
    assert rebuilt["X-Page-Cache"] == "miss"
    assert "Collagen induction" in rebuilt.text
    # The new copy is shared in turn.
    assert other_worker.visit(PAGE) == {"cache": "hit", "text": rebuilt.content.decode()}


def test_a_purge_in_another_worker_makes_this_one_rebuild(
    client, needling, this_worker, other_worker, django_assert_num_queries
):
    client.get(PAGE)
    with django_assert_num_queries(0):  # a hit from the folder touches no database
        assert client.get(PAGE)["X-Page-Cache"] == "hit"
    other_worker.purge(needling)
    assert client.get(PAGE)["X-Page-Cache"] == "miss"
    assert client.get(PAGE)["X-Page-Cache"] == "hit"


def test_a_lost_version_makes_copies_miss_in_every_worker_never_come_back(
    client, needling, this_worker, other_worker
):
    """The folder drops what was stored longest ago when it is full, versions included."""
    client.get(PAGE)
    key = _entry_key(RequestFactory().get(PAGE))
    old_copy = page_cache().get(key)
    assert old_copy is not None
    page_cache().delete_many([page_version_key(needling.pk), SITE_VERSION])
    assert other_worker.visit(PAGE)["cache"] is None
    assert client.get(PAGE)["X-Page-Cache"] == "miss"  # versions made again, at new numbers
    # Even if the old copy is still (or again) in the folder, nobody is served it.
    page_cache().set(key, old_copy, 300)
    assert other_worker.visit(PAGE)["cache"] is None
    assert client.get(PAGE)["X-Page-Cache"] == "miss"


# --- The folder itself ---------------------------------------------------------------------


def folder_cache(path):
    """The backend production settings make for a page cache in `path`."""
    from hosting.disk_cache import ResilientDiskCache

    config = dict(environment.caches({}, path)["pages"])
    del config["BACKEND"]
    return ResilientDiskCache(config.pop("LOCATION"), config)


def test_the_folder_is_made_private_and_one_others_may_write_to_is_not_used(tmp_path, caplog):
    """Whoever can write in the folder chooses what visitors are served (and diskcache
    unpickles what it reads): only this user may."""
    cache = folder_cache(tmp_path / "pages")
    cache.set("greeting", "hello", 60)
    assert cache.get("greeting") == "hello"
    assert (tmp_path / "pages").stat().st_mode & 0o777 == 0o700

    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    cache = folder_cache(shared)
    with caplog.at_level(logging.WARNING):
        cache.set("greeting", "hello", 60)
        assert cache.get("greeting") is None
    assert "writable by nobody else" in caplog.text
    assert list(shared.iterdir()) == []


def test_a_broken_folder_degrades_to_misses_and_pages_still_render(
    client, needling, tmp_path, caplog
):
    (tmp_path / "a-file").write_text("not a folder")
    broken = environment.caches({}, tmp_path / "a-file" / "page-cache")
    with override_settings(CACHES=broken, PAGE_CACHE_SECONDS=300):
        with caplog.at_level(logging.WARNING):
            for _ in range(2):
                response = client.get(PAGE)
                assert response.status_code == 200
                assert response["X-Page-Cache"] == "miss"
                assert "Microneedling" in response.text
    assert "Page cache folder" in caplog.text


def test_the_folder_stays_open_from_one_request_to_the_next(tmp_path):
    """Django closes every cache after each request; reopening the SQLite files cost more
    than the hit itself, so the folder's cache keeps them open."""
    cache = folder_cache(tmp_path / "pages")
    cache.get("anything")
    opened = cache._cache
    connection = opened._shards[0]._con
    cache.close()
    cache.get("anything")
    assert cache._cache is opened and opened._shards[0]._con is connection
