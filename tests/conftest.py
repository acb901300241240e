import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage


@pytest.fixture(scope="session", autouse=True)
def remove_test_media():
    """Uploads made by tests go to a fresh folder per run (settings/test.py); remove it."""
    yield
    if getattr(settings, "MEDIA_ROOT_IS_TEMPORARY", False):
        import shutil

        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def forget_site_root_paths():
    """Wagtail caches every site's root path and clears it when a Site is saved or deleted,
    which a test's rolled-back transaction never does: forget it after each test, or a site
    a test made would give its address to the next test's page at the same tree path."""
    yield
    from wagtail.models import Site

    Site.clear_site_root_paths_cache()


@pytest.fixture
def home_page(db):
    """The site's root HomePage."""
    return ensure_home_page()


def ensure_home_page():
    """Return the default site's HomePage, rebuilding the tree when it is gone.

    The home migration creates it; transactional tests (the live server) flush
    the database, so rebuild the same tree (and the root image collection) when it is gone.
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site:
        return site.root_page.specific
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A throwaway redis-server on a free port (scripts/ensure-redis.sh installs it)."""
    import shutil
    import socket
    import subprocess

    server = shutil.which("redis-server")
    if not server:
        pytest.fail("redis-server is missing: run scripts/ensure-redis.sh (make test does)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )
    wait_until_listening(port)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait()


def wait_until_listening(port, seconds=10):
    """Wait until a server started by a test accepts connections on `port`."""
    import socket
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {seconds} s")


@pytest.fixture
def journal(home_page):
    """The clinic's journal, under the home page."""
    from tests.blog.test_blog import make_index

    return make_index(home_page)


@pytest.fixture
def treatments_index(home_page):
    """The treatments list (and a conditions list) under the home page."""
    from tests.treatments.factories import build_indexes

    treatments, _ = build_indexes(home_page)
    return treatments
