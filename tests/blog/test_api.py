"""The journal's part of the headless API (blog/api.py): posts, filtered by tag and by
treatment, in the clinic content API and API v2, and their previews.

On the clinic's test site (tests/site/test_api.py builds it); the plugin's endpoints:
tests/treatments/test_api.py.
"""

import pytest
from wagtail.models import PageViewRestriction

from tests.site.test_api import assert_matches, clinic_with_journal
from tests.treatments.test_api import get_json
from treatments.api.models import PagePreview


@pytest.fixture
def clinic(home_page):
    """Two conditions, a fully built treatment, a practitioner and a post."""
    return clinic_with_journal(home_page)


def test_posts_filter_by_tag_and_by_treatment(client, clinic):
    tagged = get_json(client, "/api/clinic/v1/posts/?tag=aftercare")
    assert_matches("/api/clinic/v1/posts/", tagged)
    assert [p["title"] for p in tagged["items"]] == ["Caring for skin after needling"]
    assert tagged["items"][0]["tags"] == [{"name": "aftercare", "slug": "aftercare"}]
    assert tagged["items"][0]["authors"][0]["name"] == "Imogen Hart"
    for value in (clinic["needling"].slug, clinic["needling"].pk):
        about = get_json(client, f"/api/clinic/v1/posts/?treatment={value}")
        assert [p["title"] for p in about["items"]] == ["Caring for skin after needling"]
    newest_first = get_json(client, "/api/clinic/v1/posts/")
    assert [p["title"] for p in newest_first["items"]] == [
        "Spring skin",
        "Caring for skin after needling",
    ]
    v2 = get_json(client, "/api/v2/pages/?type=blog.BlogPage&tag=seasons")
    assert [p["title"] for p in v2["items"]] == ["Spring skin"]
    v2 = get_json(client, f"/api/v2/pages/?type=blog.BlogPage&treatment={clinic['needling'].pk}")
    assert [p["title"] for p in v2["items"]] == ["Caring for skin after needling"]


def test_post_detail_has_related_treatments(client, clinic):
    data = get_json(client, f"/api/clinic/v1/posts/{clinic['post'].pk}/")
    assert_matches("/api/clinic/v1/posts/{post_id}/", data)
    assert [t["title"] for t in data["related_treatments"]] == ["Microneedling"]
    assert data["date"] == "2026-03-01"
    assert data["body"][0]["value"] == "<p>Be gentle.</p>"


# --- Bad input and missing posts ------------------------------------------------------

BAD_REQUESTS = [
    ("/api/clinic/v1/posts/?tag=no-such-tag", "No tag 'no-such-tag'"),
    ("/api/clinic/v1/posts/?treatment=999999", "No treatment matches '999999'"),
    ("/api/v2/pages/?type=blog.BlogPage&tag=no-such-tag", "No tag 'no-such-tag'"),
    # Found by fuzzing: these reached the database and failed with a 500.
    ("/api/clinic/v1/posts/?treatment=99999999999999999999", "No treatment matches"),
    ("/api/clinic/v1/posts/?tag=%00", "NUL"),
    ("/api/v2/pages/?type=blog.BlogPage&date=not-a-date", "invalid date format"),
]


@pytest.mark.parametrize(("url", "message"), BAD_REQUESTS)
def test_bad_input_is_a_400_with_a_message(client, clinic, url, message):
    data = get_json(client, url, status=400)
    assert message in data["message"]


@pytest.mark.parametrize("url", ["/api/clinic/v1/posts/999999/"])
def test_missing_objects_and_addresses_are_json_404s(client, clinic, url):
    assert get_json(client, url, status=404)["message"]


# --- Headless preview -------------------------------------------------------------


def test_previews_leave_out_private_and_expired_links(client, clinic):
    post = clinic["post"]
    PageViewRestriction.objects.create(page=clinic["needling"], restriction_type="login")
    token = PagePreview.create_for(post).token
    data = get_json(client, f"/api/clinic/v1/preview/?content_type=blog.blogpage&token={token}")
    assert data["title"] == post.title and data["related_treatments"] == []
