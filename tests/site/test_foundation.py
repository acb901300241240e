"""The site skeleton: home page, admin, error pages, settings and set-up commands."""

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.views.defaults import server_error
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from wagtail.models import Page

ROOT = Path(__file__).resolve().parents[2]

# The environment README.md documents for production.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "clinicsite.settings.production",
    "DJANGO_SECRET_KEY": "k3x!9vQ2#mZ7@pL4&wR8*tY1^uI6%oA0$sD5(fG3)hJ2+cV7=bN9",
    "DJANGO_ALLOWED_HOSTS": "clinic.example.com",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://clinic.example.com",
}


def run_manage(*args, env_overrides, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_home_page_renders_with_the_site_skeleton(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    templates = [t.name for t in response.templates]
    assert "home/home_page.html" in templates
    assert "base.html" in templates
    html = response.content.decode()
    assert '<html lang="en-GB">' in html
    assert 'name="viewport"' in html
    assert '<a class="skip-link" href="#main">' in html
    for landmark in ("<header", "<main", "<footer"):
        assert landmark in html
    assert html.count('rel="stylesheet"') == 1


def test_menu_lists_only_live_pages_marked_for_menus(client, home_page):
    shown = home_page.add_child(instance=Page(title="Shown section", show_in_menus=True))
    home_page.add_child(instance=Page(title="Hidden section", show_in_menus=False))
    draft = Page(title="Draft section", show_in_menus=True, live=False)
    home_page.add_child(instance=draft)

    html = client.get("/").content.decode()
    assert f'href="{shown.url}"' in html
    assert "Hidden section" not in html
    assert "Draft section" not in html


def test_admin_login_page_renders(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content


def test_unknown_url_gets_the_sites_404_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can’t find that page" in html
    assert 'class="skip-link"' in html
    assert 'href="/"' in html


def test_500_page_renders_without_a_request_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'class="skip-link"' in html


@pytest.mark.parametrize(
    "missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"], ids=["secret-key", "allowed-hosts"]
)
def test_production_settings_refuse_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr


def test_check_deploy_is_clean_with_the_documented_environment():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_stays_clean_behind_a_tls_terminating_proxy():
    env = PRODUCTION_ENV | {
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_PROXY_SSL_HEADER": "true",
    }
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_migrations_match_models(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_content_apps_import_nothing_from_site():
    """Dependencies go one way: site/ (clinicsite and the site's feature apps) may use
    home, blog and treatments; they never import what site/ holds."""
    site_packages = [
        path.name for path in (ROOT / "site").iterdir() if (path / "__init__.py").exists()
    ]
    assert "clinicsite" in site_packages and "search_presence" in site_packages
    imports_site = re.compile(rf"^\s*(from|import)\s+({'|'.join(site_packages)})\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for app in ("home", "blog", "treatments")
        for path in (ROOT / app).rglob("*.py")
        if imports_site.search(path.read_text())
    ]
    assert offenders == []


def test_dev_admin_login_is_created_and_works(client, db):
    with override_settings(DEBUG=True):
        call_command("ensure_dev_admin", stdout=open(os.devnull, "w"))
        call_command("ensure_dev_admin", stdout=open(os.devnull, "w"))
    # Through the sign-in form, as a person (and the login throttling backend) sees it.
    response = client.post("/admin/login/", {"username": "admin", "password": "clinic-admin"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_dev_admin_is_refused_outside_development(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("ensure_dev_admin")


def test_production_serves_hashed_compressed_static_files_with_far_future_caching(tmp_path):
    env = PRODUCTION_ENV | {"DJANGO_STATIC_ROOT": str(tmp_path)}
    collected = run_manage("collectstatic", "--noinput", "-v0", env_overrides=env)
    assert collected.returncode == 0, collected.stderr

    probe = (
        "import django; django.setup()\n"
        "from django.templatetags.static import static\n"
        "from django.test import Client\n"
        "url = static('css/clinic.css')\n"
        "r = Client().get(url, secure=True, headers={'host': 'clinic.example.com',"
        " 'accept-encoding': 'gzip'})\n"
        "print(url, r.status_code, r['Cache-Control'], r.get('Content-Encoding'), sep='|')\n"
    )
    result = run_manage("shell", "-c", probe, env_overrides=env)
    assert result.returncode == 0, result.stderr
    url, status, cache_control, encoding = result.stdout.strip().splitlines()[-1].split("|")
    assert url.startswith("/static/css/clinic.") and url != "/static/css/clinic.css"
    assert status == "200"
    assert "max-age=315360000" in cache_control and "immutable" in cache_control
    assert encoding == "gzip"


# Dependencies: requirements.in and requirements-dev.in declare what the code uses, as
# ranges; `make lock` compiles them into requirements.txt and requirements-dev.txt, which
# pin every installed package with its hashes (README, "Two commands").

# Code that runs in production; everything else (tests/, scripts/, bench/) may also use the
# test and development tools of requirements-dev.in.
RUNTIME_CODE = ("treatments", "home", "blog", "site", "manage.py")
NOT_PROJECT_CODE = {"node_modules", "__pycache__", "build", "dist"}


def without_comment(line):
    return re.sub(r"(^|\s)#.*", "", line).strip()


def declared_requirements(requirements_in):
    """The requirements a .in file declares, with those of the files it includes (-r)."""
    requirements = []
    for line in map(without_comment, (ROOT / requirements_in).read_text().splitlines()):
        if line.startswith("-r"):
            requirements += declared_requirements(line.removeprefix("-r").strip())
        elif line and not line.startswith("-c"):
            requirements.append(Requirement(line))
    return requirements


def declared(requirements_in):
    return {canonicalize_name(r.name) for r in declared_requirements(requirements_in)}


def own_modules(*folders):
    return {path.name.removesuffix(".py") for folder in folders for path in folder.iterdir()}


def locked(lock_file):
    """{canonical name: (version, hashes)} of a lock file; asserts each entry is a pin."""
    logical_lines = (ROOT / lock_file).read_text().replace("\\\n", " ").splitlines()
    pins = {}
    for line in filter(None, map(without_comment, logical_lines)):
        hashes = re.findall(r"--hash=(\S+)", line)
        requirement = Requirement(re.sub(r"--hash=\S+", "", line).strip())
        specifiers = list(requirement.specifier)
        assert requirement.url is None, f"{lock_file}: {line}"
        assert len(specifiers) == 1 and specifiers[0].operator == "==", f"{lock_file}: {line}"
        assert "*" not in specifiers[0].version, f"{lock_file}: {line}"
        pins[canonicalize_name(requirement.name)] = (specifiers[0].version, set(hashes))
    return pins


def third_party_imports(path):
    """Top-level names of the modules a file imports that are neither the standard library
    nor the project's own (an app at the root or in site/, or a module beside the file)."""
    own = own_modules(ROOT, ROOT / "site", path.parent)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return {name for name in names if name not in sys.stdlib_module_names and name not in own}


def project_python_files():
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [
            name for name in subfolders if not name.startswith(".") and name not in NOT_PROJECT_CODE
        ]
        yield from (Path(folder) / name for name in sorted(files) if name.endswith(".py"))


@pytest.mark.parametrize("lock_file", ["requirements.txt", "requirements-dev.txt"])
def test_lock_files_pin_every_package_with_its_hashes(lock_file):
    pins = locked(lock_file)
    assert pins
    unhashed = [name for name, (_, hashes) in pins.items() if not hashes]
    assert unhashed == []
    assert all(h.startswith("sha256:") for _, hashes in pins.values() for h in hashes)


def test_the_dev_lock_installs_the_runtime_lock_unchanged():
    runtime, dev = locked("requirements.txt"), locked("requirements-dev.txt")
    assert {name: dev.get(name) for name in runtime} == runtime


@pytest.mark.parametrize(
    "requirements_in, lock_file",
    [("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")],
)
def test_the_lock_files_are_compiled_from_the_declared_ranges(requirements_in, lock_file):
    """Fails when a .in file changed without `make lock`."""
    pins = locked(lock_file)
    for requirement in declared_requirements(requirements_in):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is declared in {requirements_in}; run make lock"
        version = pins[name][0]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{lock_file} pins {name}=={version}, outside {requirement}; run make lock"
        )


def test_every_imported_third_party_package_is_declared():
    """Code may import only what it declares: production code from requirements.in, tests,
    scripts and benchmarks from requirements.in or requirements-dev.in."""
    distributions = importlib.metadata.packages_distributions()
    runtime, dev = declared("requirements.in"), declared("requirements-dev.in")
    undeclared = []
    for path in project_python_files():
        relative = path.relative_to(ROOT)
        allowed = runtime if relative.parts[0] in RUNTIME_CODE else runtime | dev
        for module in sorted(third_party_imports(path)):
            provided_by = {canonicalize_name(d) for d in distributions.get(module, [])}
            if not provided_by & allowed:
                undeclared.append(f"{relative}: {module} ({', '.join(provided_by) or '?'})")
    assert not undeclared, "imported but not declared:\n" + "\n".join(undeclared)


def test_apps_and_middleware_named_in_settings_are_declared():
    """INSTALLED_APPS and friends name packages as strings, which no import shows."""
    from django.conf import settings

    distributions = importlib.metadata.packages_distributions()
    runtime = declared("requirements.in")
    own = own_modules(ROOT, ROOT / "site")
    named = [*settings.INSTALLED_APPS, *settings.MIDDLEWARE, *settings.AUTHENTICATION_BACKENDS]
    undeclared = sorted(
        {
            module
            for module in (dotted.split(".")[0] for dotted in named)
            if module not in own
            and module not in sys.stdlib_module_names
            and not {canonicalize_name(d) for d in distributions.get(module, [])} & runtime
        }
    )
    assert not undeclared, f"named in settings but not in requirements.in: {undeclared}"


CLOCK_READS = {"now", "today", "utcnow", "localdate", "localtime"}


def clock_reads_at_import(tree):
    """Lines of a module that read the clock when it is imported (module and class bodies,
    decorators such as `parametrize`, default arguments), not when a test runs."""
    lines = []

    def visit(node):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for evaluated in [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]:
                if evaluated is not None:
                    visit(evaluated)
            return  # the body runs when the test does
        if isinstance(node, ast.Lambda):
            return
        if isinstance(node, ast.Call):
            called = node.func
            name = getattr(called, "attr", None) or getattr(called, "id", None)
            if name in CLOCK_READS:
                lines.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return lines


def test_no_test_reads_the_clock_when_it_is_collected():
    """A date worked out while the tests are collected can be a day behind the one the
    test runs on (around midnight, or in another time zone): tests read the clock as they
    run, e.g. `timezone.localdate()` inside the test."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if "node_modules" not in path.parts
        for line in clock_reads_at_import(ast.parse(path.read_text(), str(path)))
    ]
    assert not offenders, offenders
