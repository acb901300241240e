"""A practitioner's profile in the clinic's site: its title, description and breadcrumbs, and
the journal posts they wrote (the journal answers the plugin's PRACTITIONER_PAGES_HOOK)."""

import datetime

from blog.models import BlogIndexPage, BlogPage, BlogPageAuthor
from tests.treatments.factories import publish, soup
from treatments.models import Practitioner, PractitionerIndexPage


def test_a_profile_is_a_page_of_its_own_with_the_posts_they_wrote(client, home_page):
    publish(home_page, PractitionerIndexPage(title="Our practitioners", slug="team"))
    priya = Practitioner.objects.create(
        name="Priya Nair", role="Aesthetic nurse", bio="Priya leads our microneedling service."
    )
    journal = publish(home_page, BlogIndexPage(title="Journal", slug="journal"))
    for day, title, author in [(1, "Aftercare", priya), (2, "Sun care", priya), (3, "Other", None)]:
        post = BlogPage(title=title, summary="S.", date=datetime.date(2026, 3, day))
        post.authors = [BlogPageAuthor(practitioner=author)] if author else []
        publish(journal, post)

    page = soup(client.get("/team/priya-nair/"))
    assert page.title.get_text().startswith("Priya Nair | ")
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "Priya leads our microneedling service."
    )
    assert page.find("link", rel="canonical")["href"] == "http://localhost/team/priya-nair/"
    crumbs = page.select(".breadcrumbs li a")
    assert [(a.get_text(), a["href"]) for a in crumbs] == [
        ("Home", "/"),
        ("Our practitioners", "/team/"),
        ("Priya Nair", "/team/priya-nair/"),
    ]
    assert crumbs[-1]["aria-current"] == "page"
    posts = page.select("#profile-writing-1 + .cards h3 a")
    assert page.select_one("#profile-writing-1").get_text() == "Journal posts"
    assert [a.get_text() for a in posts] == ["Sun care", "Aftercare"]  # newest first
