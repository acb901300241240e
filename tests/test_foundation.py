"""The site skeleton: home page, admin, error pages, settings and set-up commands."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.views.defaults import server_error
from wagtail.models import Page

ROOT = Path(__file__).resolve().parents[1]

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
