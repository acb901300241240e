"""Kept parts of pages (treatments/fragments.py, page_cache/wagtail_hooks.py): a page's
head and body are built once per version of what they show and reused for every visitor,
with the page cache off. What visitors and editors see never changes because of it: every
change that would make a cached page stale makes its parts stale at once, too.
"""

import datetime
import re
import time

import pytest
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from blog.models import BlogIndexPage, BlogPage, BlogPageAuthor
from tests.site import test_production as page_cache_tests
from tests.treatments.factories import performers, publish
from treatments.models import ClinicSettings, Practitioner, PractitionerIndexPage, TreatmentPage

# The page cache's own clinic and publishing: parts must go stale exactly as its copies do.
clinic = page_cache_tests.clinic
republish = page_cache_tests.republish


@pytest.fixture(autouse=True)
def parts_on(settings):
    settings.PAGE_PARTS_SECONDS = 3600
    settings.PAGE_CACHE_SECONDS = 0


def html(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def test_a_kept_page_is_the_page_built_afresh_for_fewer_queries(
    client, clinic, django_assert_max_num_queries
):
    built = html(client, "/treatments/microneedling/")
    with django_assert_max_num_queries(3):
        assert html(client, "/treatments/microneedling/") == built
    with override_settings(PAGE_PARTS_SECONDS=0):
        assert html(client, "/treatments/microneedling/") == built


def test_publishing_a_treatment_refreshes_it_and_the_condition_that_lists_it(
    client, clinic, django_capture_on_commit_callbacks
):
    assert "Microneedling" in html(client, "/conditions/acne-scars/")
    html(client, "/treatments/microneedling/")
    republish(clinic["needling"], django_capture_on_commit_callbacks, title="Collagen induction")
    assert "<h1>Collagen induction</h1>" in html(client, "/treatments/microneedling/")
    listing = html(client, "/conditions/acne-scars/")
    assert "Collagen induction" in listing and "Microneedling" not in listing


def test_renaming_a_section_refreshes_the_breadcrumbs_below_it(
    client, clinic, django_capture_on_commit_callbacks
):
    assert ">Treatments<" in html(client, "/treatments/microneedling/")
    republish(clinic["treatments"], django_capture_on_commit_callbacks, title="Our treatments")
    page = html(client, "/treatments/microneedling/")
    assert ">Our treatments<" in page and ">Treatments<" not in page


def test_making_a_page_private_takes_it_out_of_lists_and_asks_for_the_password(
    client, clinic, django_capture_on_commit_callbacks
):
    html(client, "/treatments/microneedling/")
    assert "Microneedling" in html(client, "/conditions/acne-scars/")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=clinic["treatments"], restriction_type="password", password="s3cret"
        )
    answer = client.get("/treatments/microneedling/")
    assert answer.status_code == 200 and b'name="password"' in answer.content
    assert b"<h1>Microneedling</h1>" not in answer.content
    assert "Microneedling" not in html(client, "/conditions/acne-scars/")


def test_unpublishing_answers_404_and_leaves_the_lists(
    client, clinic, django_capture_on_commit_callbacks
):
    html(client, "/treatments/microneedling/")
    html(client, "/treatments/")
    with django_capture_on_commit_callbacks(execute=True):
        clinic["needling"].unpublish()
    assert client.get("/treatments/microneedling/").status_code == 404
    assert "Microneedling" not in html(client, "/treatments/")


def test_changing_the_clinics_details_refreshes_every_page(
    client, clinic, django_capture_on_commit_callbacks
):
    html(client, "/treatments/microneedling/")
    with django_capture_on_commit_callbacks(execute=True):
        ClinicSettings.objects.update_or_create(
            site=Site.objects.get(is_default_site=True), defaults={"phone": "020 7946 0999"}
        )
    assert "020 7946 0999" in html(client, "/treatments/microneedling/")


def test_renaming_the_site_shows_at_once(client, clinic, django_capture_on_commit_callbacks):
    html(client, "/treatments/microneedling/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Skin Studio"
    with django_capture_on_commit_callbacks(execute=True):
        site.save()
    assert '<span class="brand__name">Skin Studio</span>' in html(
        client, "/treatments/microneedling/"
    )


def test_a_listed_page_leaves_the_lists_at_its_expiry_without_a_publish(
    client, clinic, django_capture_on_commit_callbacks
):
    soon = timezone.now() + datetime.timedelta(seconds=2)
    republish(clinic["needling"], django_capture_on_commit_callbacks, expire_at=soon)
    assert "Microneedling" in html(client, "/treatments/")  # kept until `soon` at most
    time.sleep(max(0, (soon - timezone.now()).total_seconds()) + 0.1)
    assert "Microneedling" not in html(client, "/treatments/")


def test_a_preview_shows_the_draft_not_the_kept_page(client, clinic, admin_user):
    html(client, "/treatments/microneedling/")
    draft = clinic["needling"].specific
    draft.title = "Draft title"
    draft.save_revision()
    client.force_login(admin_user)
    preview = client.get(f"/admin/pages/{draft.pk}/view_draft/")
    assert b"<h1>Draft title</h1>" in preview.content
    client.logout()
    assert "<h1>Microneedling</h1>" in html(client, "/treatments/microneedling/")


def test_editors_get_their_userbar_and_visitors_never_do(client, clinic, admin_user):
    html(client, "/treatments/microneedling/")  # kept by a visitor's visit
    client.force_login(admin_user)
    assert "wagtail-userbar" in html(client, "/treatments/microneedling/")
    client.logout()
    assert "wagtail-userbar" not in html(client, "/treatments/microneedling/")


def test_every_visitor_gets_their_own_form_token(client, clinic):
    from home.models import EnquiryPage

    publish(clinic["home"], EnquiryPage(title="Contact us", slug="contact"))
    tokens = set()
    for _ in range(2):
        client.cookies.clear()
        page = html(client, "/contact/")
        tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
    assert len(tokens) == 2


def test_each_page_of_the_journal_is_its_own_part(client, clinic, journal):
    from blog.models import BlogPage

    for n in range(12):  # ten posts a page
        publish(
            journal,
            BlogPage(title=f"Post {n}", date=datetime.date(2024, 1, 1 + n), summary="A post."),
        )
    first, second = html(client, "/journal/"), html(client, "/journal/?page=2")
    assert first != second
    assert "Post 11" in first and "Post 11" not in second
    assert html(client, "/journal/?page=2") == second


def test_a_release_with_other_templates_never_serves_parts_kept_by_the_one_before(
    client, clinic, settings, tmp_path
):
    """The cache outlives a deployment (Redis, the page-cache folder): parts kept by the
    previous release's templates must not be served with this release's stylesheet."""
    from treatments import fragments

    before = html(client, "/treatments/microneedling/")
    override = tmp_path / "treatments" / "includes"
    override.mkdir(parents=True)
    (override / "reviewed_by.html").write_text('<p class="reviewed-by">Checked by our team</p>')
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    fragments.templates_version.cache_clear()
    try:
        after = html(client, "/treatments/microneedling/")
    finally:
        fragments.templates_version.cache_clear()
    assert "Checked by our team" in after and "Checked by our team" not in before


def test_unpublishing_a_privacy_notice_deep_in_the_tree_drops_it_from_every_footer(
    client, clinic, django_capture_on_commit_callbacks
):
    """The footer of every page links the privacy notice (Settings › Clinic details), which
    may sit anywhere: taking it down takes the link down everywhere at once."""
    from home.models import StandardPage

    about = publish(clinic["home"], StandardPage(title="About", slug="about"))
    notice = publish(about, StandardPage(title="Privacy", slug="privacy"))
    settings_for_site = ClinicSettings.for_site(Site.objects.get(is_default_site=True))
    with django_capture_on_commit_callbacks(execute=True):
        settings_for_site.privacy_page = notice
        settings_for_site.save()
    assert "/about/privacy/" in html(client, "/treatments/microneedling/")
    with django_capture_on_commit_callbacks(execute=True):
        notice.unpublish()
    assert "/about/privacy/" not in html(client, "/treatments/microneedling/")


def test_renaming_a_treatment_refreshes_the_team_page_and_the_profiles_that_list_it(
    client, clinic, django_capture_on_commit_callbacks
):
    team = PractitionerIndexPage(title="Our practitioners", slug="team")
    clinic["home"].add_child(instance=team)
    priya = Practitioner.objects.create(name="Priya Nair")
    needling = TreatmentPage.objects.get(pk=clinic["needling"].pk)
    needling.practitioner_links = performers(priya)
    with django_capture_on_commit_callbacks(execute=True):
        needling.save_revision().publish()
    assert "Microneedling" in html(client, "/team/")
    assert "Microneedling" in html(client, "/team/priya-nair/")
    republish(needling, django_capture_on_commit_callbacks, title="Collagen induction")
    for path in ("/team/", "/team/priya-nair/"):
        page = html(client, path)
        assert "Collagen induction" in page and "Microneedling" not in page


def test_publishing_a_post_refreshes_its_authors_profile(
    client, clinic, django_capture_on_commit_callbacks
):
    clinic["home"].add_child(instance=PractitionerIndexPage(title="Our practitioners", slug="team"))
    journal = publish(clinic["home"], BlogIndexPage(title="Journal", slug="journal"))
    priya = Practitioner.objects.create(name="Priya Nair")
    assert "Sun care after microneedling" not in html(client, "/team/priya-nair/")
    post = BlogPage(
        title="Sun care after microneedling",
        date=datetime.date(2026, 5, 1),
        summary="A post.",
        authors=[BlogPageAuthor(practitioner=priya, sort_order=0)],
    )
    journal.add_child(instance=post)
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision().publish()
    assert "Sun care after microneedling" in html(client, "/team/priya-nair/")
