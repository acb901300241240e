"""The journal: what editors create in the admin and what visitors, feed readers and the
treatment pages show of it (what the home page shows of it: tests/home/test_home_page.py)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.tests.utils import Image, get_test_image_file
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import BlogIndexPage, BlogPage, BlogPageAuthor, BlogRelatedTreatment
from home.models import HomePage
from tests.site.test_page_queries import BUDGETS
from tests.treatments.factories import (
    build_indexes,
    default_site,
    list_block,
    make_treatment,
    publish,
    soup,
)
from treatments.models import Practitioner

ATOM = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
FIRST_DAY = datetime.date(2024, 1, 1)


def text_of(node):
    return " ".join(node.get_text().split())


def count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths, renditions)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# --- Builders -------------------------------------------------------------------


def make_index(home, title="Journal", slug="journal", **fields):
    return publish(home, BlogIndexPage(title=title, slug=slug, **fields))


def make_post(
    index,
    title,
    date=FIRST_DAY,
    authors=(),
    tags=(),
    treatments=(),
    live=True,
    hero_image=None,
    **fields,
):
    """A post with authors and related treatments in the given order, and tags."""
    fields.setdefault("summary", f"Summary of {title.lower()}.")
    fields.setdefault("body", [{"type": "rich_text", "value": f"<p>Body of {title}.</p>"}])
    page = BlogPage(
        title=title,
        date=date,
        live=live,
        hero_image=hero_image,
        hero_image_alt="A treatment room" if hero_image else "",
        authors=[BlogPageAuthor(practitioner=p, sort_order=i) for i, p in enumerate(authors)],
        related_treatments=[
            BlogRelatedTreatment(treatment=t, sort_order=i) for i, t in enumerate(treatments)
        ],
        **fields,
    )
    page.tags.add(*tags)
    if live:
        return publish(index, page)
    index.add_child(instance=page)
    page.save_revision()
    return page


def make_posts(index, count, start=0, **fields):
    """`count` posts, "Post {n}" dated FIRST_DAY + n days: the highest n is the newest."""
    return [
        make_post(index, f"Post {n}", date=FIRST_DAY + datetime.timedelta(days=n), **fields)
        for n in range(start, start + count)
    ]


def make_image(title="Hero"):
    return Image.objects.create(title=title, file=get_test_image_file())


def titles(response, selector=".cards h2 a"):
    return [a.get_text() for a in soup(response).select(selector)]


@pytest.fixture
def team(db):
    return [
        Practitioner.objects.create(name="Zoe Adams", credentials="Lic.Ac."),
        Practitioner.objects.create(name="Amy Brown", credentials="MBAcC"),
    ]


# --- Admin ----------------------------------------------------------------------


class BlogAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.home = default_site().root_page.specific
        self.treatments, _ = build_indexes(self.home)
        self.microneedling = make_treatment(self.treatments, "Microneedling")
        self.massage = make_treatment(self.treatments, "Facial massage")
        # Alphabetical order is Amy then Zoe: the editor's order must win.
        self.amy = Practitioner.objects.create(name="Amy Brown", credentials="MBAcC")
        self.zoe = Practitioner.objects.create(name="Zoe Adams", credentials="Lic.Ac.")
        self.user = self.login()

    def post_form(self, **fields):
        data = {
            "title": "Caring for skin after microneedling",
            "slug": "microneedling-aftercare",
            "date": "2024-05-01",
            "summary": "What to do in the week after your treatment.",
            "authors": inline_formset(
                [{"practitioner": str(self.zoe.pk)}, {"practitioner": str(self.amy.pk)}]
            ),
            "tags": "microneedling, aftercare",
            "hero_image": "",
            "hero_image_alt": "",
            "body": streamfield(
                [
                    ("rich_text", rich_text("<p>Be gentle with your skin.</p>")),
                    (
                        "faq",
                        {
                            "heading": "Questions people ask",
                            "questions": list_block(
                                [
                                    {
                                        "question": "Can I wear make-up?",
                                        "answer": rich_text("<p>Not for 24 hours.</p>"),
                                    }
                                ]
                            ),
                        },
                    ),
                ]
            ),
            "related_treatments": inline_formset(
                [{"treatment": str(self.massage.pk)}, {"treatment": str(self.microneedling.pk)}]
            ),
        }
        data.update(fields)
        return nested_form_data(data)

    def test_editor_creates_a_journal_and_a_post_with_ordered_authors_and_tags(self):
        self.assertCanCreate(
            self.home,
            BlogIndexPage,
            nested_form_data(
                {"title": "Journal", "slug": "journal", "intro": rich_text("<p>News.</p>")}
            ),
        )
        index = BlogIndexPage.objects.get(slug="journal")
        self.assertCanCreate(index, BlogPage, self.post_form())

        post = BlogPage.objects.get(slug="microneedling-aftercare")
        self.assertTrue(post.live)
        self.assertEqual(post.date, datetime.date(2024, 5, 1))
        self.assertEqual(post.author_names(), ["Zoe Adams", "Amy Brown"])
        self.assertEqual(
            sorted(tag.name for tag in post.tags.all()), ["aftercare", "microneedling"]
        )
        self.assertEqual(
            [link.treatment.title for link in post.related_treatments.all()],
            ["Facial massage", "Microneedling"],
        )
        self.assertEqual([b.block_type for b in post.body], ["rich_text", "faq"])
        questions = post.body[1].value["questions"]
        self.assertEqual([q["question"] for q in questions], ["Can I wear make-up?"])

    def test_page_types_are_created_only_where_they_belong(self):
        self.assertAllowedParentPageTypes(BlogIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(BlogIndexPage, {BlogPage})
        self.assertAllowedParentPageTypes(BlogPage, {BlogIndexPage})
        self.assertAllowedSubpageTypes(BlogPage, set())
        self.assertCanNotCreateAt(Page, BlogIndexPage)
        self.assertCanNotCreateAt(HomePage, BlogPage)

    def test_journal_and_post_are_previewable(self):
        index = make_index(self.home)
        post = make_post(index, "Preview me", authors=[self.amy, self.zoe])
        self.assertPageIsPreviewable(
            index,
            post_data=nested_form_data(
                {"title": "Journal", "slug": "journal", "intro": rich_text("<p>News.</p>")}
            ),
        )
        self.assertPageIsPreviewable(post, post_data=self.post_form())

        # Reordering authors and adding a treatment show in the preview before anything is saved.
        self.client.force_login(self.user)  # assertPageIsPreviewable logs out
        amy_link, zoe_link = post.authors.all()
        data = self.post_form(
            authors=inline_formset(
                [
                    {"id": str(zoe_link.pk), "practitioner": str(self.zoe.pk), "ORDER": "0"},
                    {"id": str(amy_link.pk), "practitioner": str(self.amy.pk), "ORDER": "1"},
                ],
                initial=2,
            ),
            related_treatments=inline_formset(
                [{"treatment": str(self.microneedling.pk)}, {"treatment": str(self.massage.pk)}]
            ),
        )
        url = f"/admin/pages/{post.pk}/edit/preview/"
        self.assertJSONEqual(
            self.client.post(url, data).content, {"is_valid": True, "is_available": True}
        )
        preview = self.client.get(url)
        meta = text_of(soup(preview).select_one("article .post-meta"))
        self.assertIn("By Zoe Adams (Lic.Ac.), Amy Brown (MBAcC)", meta)
        cards = [a.get_text() for a in soup(preview).select("#related-treatments + .cards a")]
        self.assertEqual(cards, ["Microneedling", "Facial massage"])
        self.assertEqual(
            BlogPage.objects.get(pk=post.pk).author_names(), ["Amy Brown", "Zoe Adams"]
        )
        self.assertFalse(BlogPage.objects.get(pk=post.pk).related_treatments.exists())

    def test_post_date_defaults_to_today(self):
        self.assertEqual(BlogPage(title="Undated").date, timezone.localdate())

    def test_hero_image_without_alt_text_is_rejected(self):
        index = make_index(self.home)
        image = make_image()
        url = f"/admin/pages/add/blog/blogpage/{index.pk}/"
        data = self.post_form(hero_image=str(image.pk))
        data["action-publish"] = "Publish"
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200, "the form should be shown again, not saved")
        self.assertContains(response, "Describe the hero image")
        self.assertIn("hero_image_alt", response.context["form"].errors)
        self.assertFalse(BlogPage.objects.filter(slug="microneedling-aftercare").exists())

        data = self.post_form(hero_image=str(image.pk), hero_image_alt="Skin after treatment")
        data["action-publish"] = "Publish"
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertTrue(BlogPage.objects.filter(slug="microneedling-aftercare").exists())


# --- Visitors: the journal ------------------------------------------------------------


def test_journal_lists_live_posts_newest_first_ten_a_page(client, journal):
    make_posts(journal, 12)
    make_post(journal, "Draft post", date=FIRST_DAY + datetime.timedelta(days=99), live=False)
    withdrawn = make_post(journal, "Withdrawn", date=FIRST_DAY + datetime.timedelta(days=98))
    withdrawn.unpublish()

    first = client.get(journal.url)
    assert titles(first) == [f"Post {n}" for n in range(11, 1, -1)]
    second = client.get(journal.url + "?page=2")
    assert titles(second) == ["Post 1", "Post 0"]
    assert "Draft post" not in first.content.decode() + second.content.decode()
    assert "Withdrawn" not in first.content.decode() + second.content.decode()


def test_journal_pagination_links(client, journal):
    make_posts(journal, 25)

    page1 = soup(client.get(journal.url))
    assert page1.select_one("a[rel=prev]") is None
    assert page1.select_one("a[rel=next]")["href"] == "?page=2"
    assert page1.select_one('.pagination a[aria-current="page"]').get_text() == "1"
    assert [a.get_text() for a in page1.select(".pagination a:not([rel])")] == ["1", "2", "3"]

    page2 = soup(client.get(journal.url + "?page=2"))
    assert page2.select_one("a[rel=prev]")["href"] == "?page=1"
    assert page2.select_one("a[rel=next]")["href"] == "?page=3"
    assert page2.select_one('.pagination a[aria-current="page"]').get_text() == "2"

    page3 = soup(client.get(journal.url + "?page=3"))
    assert page3.select_one("a[rel=next]") is None
    assert page3.select_one('.pagination a[aria-current="page"]').get_text() == "3"
    assert [a.get_text() for a in page3.select(".cards h2 a")] == [
        f"Post {n}" for n in range(4, -1, -1)
    ]


def test_a_single_page_of_posts_has_no_pagination(client, journal):
    for query in ("", "?page=5", "?page=-3"):
        response = client.get(journal.url + query)
        assert response.status_code == 200
        assert "No posts are published yet." in text_of(soup(response))
    make_posts(journal, 10)
    html = soup(client.get(journal.url))
    assert len(html.select(".cards .card")) == 10
    assert html.select_one("nav.pagination") is None


@pytest.mark.parametrize(
    "value, page",
    [
        ("abc", 1),
        ("0", 1),
        ("-1", 1),
        ("999", 3),
        ("9" * 30, 3),
        ("1.5", 1),
        ("%00", 1),
        ("", 1),
        # Only the digits 0-9 make a number (int() reads any script's digits).
        ("%D9%A9" * 20, 1),  # "٩" (ARABIC-INDIC DIGIT NINE) twenty times
        ("%EF%BC%92", 1),  # "２" (FULLWIDTH DIGIT TWO)
        ("%C2%B2", 1),  # "²"
        ("%2B2", 1),  # "+2"
        ("1_0", 1),
    ],
)
def test_junk_or_out_of_range_page_gives_the_nearest_page(client, journal, value, page):
    make_posts(journal, 21)  # three pages: Post 20-11, Post 10-1, Post 0
    response = client.get(f"{journal.url}?page={value}")
    assert response.status_code == 200
    assert soup(response).select_one('.pagination a[aria-current="page"]').get_text() == str(page)
    first_on_page = {1: "Post 20", 2: "Post 10", 3: "Post 0"}[page]
    assert titles(response)[0] == first_on_page


@pytest.fixture
def tagged(journal):
    """12 posts tagged microneedling (odd n), 2 tagged aftercare (even n), oldest first."""
    for n in range(26):
        make_post(
            journal,
            f"Post {n}",
            date=FIRST_DAY + datetime.timedelta(days=n),
            tags=["microneedling"] if n % 2 else ["aftercare"] if n < 4 else [],
        )
    return journal


@pytest.mark.parametrize("path", ["?tag=microneedling", "tag/microneedling/"])
def test_tag_filter_lists_only_tagged_posts_and_pagination_keeps_the_tag(client, tagged, path):
    url = tagged.url + path
    page1 = client.get(url)
    assert page1.status_code == 200
    html = soup(page1)
    assert titles(page1) == [f"Post {n}" for n in range(25, 5, -2)]
    assert "Showing posts tagged microneedling" in text_of(html.select_one(".active-tag"))
    next_href = html.select_one("a[rel=next]")["href"]
    assert next_href == "?tag=microneedling&page=2"

    page2 = client.get(url.split("?")[0] + next_href)
    assert titles(page2) == ["Post 5", "Post 3", "Post 1"]
    assert soup(page2).select_one("a[rel=prev]")["href"] == "?tag=microneedling&page=1"
    assert "Showing posts tagged" in text_of(soup(page2))


def test_tag_route_and_query_agree(client, tagged):
    assert titles(client.get(tagged.url + "tag/aftercare/")) == ["Post 2", "Post 0"]
    assert titles(client.get(tagged.url + "?tag=aftercare")) == ["Post 2", "Post 0"]


@pytest.mark.parametrize("path", ["?tag=no-such-tag", "tag/no-such-tag/"])
def test_unknown_tag_shows_an_empty_state(client, tagged, path):
    response = client.get(tagged.url + path)
    assert response.status_code == 200
    html = soup(response)
    assert html.select(".cards .card") == []
    assert "No posts are tagged “no-such-tag” yet." in text_of(html)


@pytest.mark.parametrize(
    "path",
    [
        "?tag=<script>alert(1)</script>",
        "?tag=%3Cscript%3Ealert(1)%3C/script%3E",
        "?tag=" + "x" * 5000,
        "?tag=" + "<b>" * 500,
        "?tag=%00",
        "tag/" + "y" * 3000 + "/",
    ],
)
def test_junk_tags_are_harmless(client, journal, path):
    make_post(journal, "Tagged", tags=["microneedling"])
    response = client.get(journal.url + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html
    assert "<b>" not in html
    assert "alert(1)</script>" not in html


def test_private_posts_are_listed_nowhere(client, journal, treatments_index):
    needling = make_treatment(treatments_index, "Microneedling")
    make_post(journal, "Open post", treatments=[needling])
    hidden = make_post(
        journal, "Members only", date=FIRST_DAY + datetime.timedelta(days=5), treatments=[needling]
    )
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    for url in (
        journal.url,
        journal.url + "feed/rss/",
        journal.url + "feed/atom/",
        "/",
        needling.url,
    ):
        content = client.get(url).content.decode()
        assert "Open post" in content, url
        assert "Members only" not in content, url


# --- Feeds ------------------------------------------------------------------------------


@pytest.fixture
def feed_posts(journal, team):
    posts = make_posts(journal, 22, authors=team, tags=["aftercare"])
    make_post(journal, "Draft post", date=FIRST_DAY + datetime.timedelta(days=99), live=False)
    # The newest post has no authors: its item names none.
    posts.append(make_post(journal, "Anonymous", date=FIRST_DAY + datetime.timedelta(days=50)))
    return {post.title: post for post in posts}


def get_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_rss_feed_lists_the_latest_posts_with_absolute_links(client, journal, feed_posts):
    channel = get_feed(client, journal.url + "feed/rss/").find("channel")
    assert channel.findtext("title") == "Journal"
    assert channel.findtext("link") == "http://testserver" + journal.url
    items = channel.findall("item")
    expected = ["Anonymous"] + [f"Post {n}" for n in range(21, 2, -1)]
    assert [item.findtext("title") for item in items] == expected
    for item in items:
        post = feed_posts[item.findtext("title")]
        assert item.findtext("link") == "http://testserver" + post.url
        assert item.findtext("link").startswith("http://testserver/journal/")
        assert item.findtext("description") == post.summary
    assert items[0].find(DC_CREATOR) is None
    assert items[1].findtext(DC_CREATOR) == "Zoe Adams, Amy Brown"
    assert [c.text for c in items[1].findall("category")] == ["aftercare"]


def test_feed_links_are_the_posts_full_urls(client, journal, feed_posts):
    # Requested on the site's own host, each link is exactly the post's full URL.
    response = client.get(journal.url + "feed/rss/", HTTP_HOST="localhost")
    links = [item.findtext("link") for item in ET.fromstring(response.content).iter("item")]
    assert links[0] == feed_posts["Anonymous"].get_full_url()
    assert links[1] == feed_posts["Post 21"].get_full_url()


def test_atom_feed_lists_the_latest_posts_with_summaries_and_authors(client, journal, feed_posts):
    feed = get_feed(client, journal.url + "feed/atom/")
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    expected = ["Anonymous"] + [f"Post {n}" for n in range(21, 2, -1)]
    assert [e.findtext(f"{ATOM}title") for e in entries] == expected
    for entry in entries:
        post = feed_posts[entry.findtext(f"{ATOM}title")]
        assert entry.find(f"{ATOM}link").get("href") == "http://testserver" + post.url
        assert entry.findtext(f"{ATOM}summary") == post.summary
    assert entries[0].find(f"{ATOM}author") is None
    assert entries[1].findtext(f"{ATOM}author/{ATOM}name") == "Zoe Adams, Amy Brown"


@pytest.mark.parametrize("feed", ["feed/rss/", "feed/atom/", "feed/"])
def test_feeds_ignore_junk_query_strings(client, journal, feed):
    make_posts(journal, 2)
    for query in ("?page=abc", "?tag=<script>", "?%00=%00", "?x=" + "y" * 3000):
        response = client.get(journal.url + feed + query)
        assert response.status_code == 200
        assert len(list(ET.fromstring(response.content).iter())) > 1


def test_journal_advertises_its_feeds(client, journal):
    html = soup(client.get(journal.url))
    assert html.select_one('link[type="application/rss+xml"]')["href"] == journal.url + "feed/rss/"
    assert (
        html.select_one('link[type="application/atom+xml"]')["href"] == journal.url + "feed/atom/"
    )


# --- Post pages ----------------------------------------------------------------------------


def test_post_page_shows_everything_the_editor_entered(client, journal, team, treatments_index):
    massage = make_treatment(treatments_index, "Facial massage")
    needling = make_treatment(treatments_index, "Microneedling")
    post = make_post(
        journal,
        "Caring for skin after microneedling",
        date=datetime.date(2024, 5, 1),
        authors=team,
        tags=["microneedling", "aftercare"],
        treatments=[needling, massage],
        summary="What to do in the week after your treatment.",
        body=[
            {"type": "rich_text", "value": "<p>Be gentle with your skin.</p>"},
            {
                "type": "faq",
                "value": {
                    "heading": "Questions people ask",
                    "questions": [
                        {"question": "Can I wear make-up?", "answer": "<p>Not for a day.</p>"}
                    ],
                },
            },
        ],
    )
    response = client.get(post.url)
    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text() == "Caring for skin after microneedling"
    meta = html.select_one("article .post-meta")
    assert meta.time["datetime"] == "2024-05-01"
    assert meta.time.get_text() == "1 May 2024"
    assert "By Zoe Adams (Lic.Ac.), Amy Brown (MBAcC)" in text_of(meta)
    assert html.select_one("article .lede").get_text() == post.summary

    tag_links = {a.get_text(): a["href"] for a in html.select(".tag-list a")}
    assert tag_links == {
        "microneedling": journal.url + "tag/microneedling/",
        "aftercare": journal.url + "tag/aftercare/",
    }
    assert client.get(tag_links["aftercare"]).status_code == 200

    assert "Be gentle with your skin." in text_of(html.select_one(".block-rich_text"))
    faq = html.select_one(".block-faq")
    assert faq.h2.get_text() == "Questions people ask"
    assert faq.details.summary.get_text() == "Can I wear make-up?"
    assert "Not for a day." in text_of(faq.details.select_one(".faq__answer"))

    cards = html.select("section[aria-labelledby=related-treatments] .cards h3 a")
    assert [(a.get_text(), a["href"]) for a in cards] == [
        ("Microneedling", needling.url),
        ("Facial massage", massage.url),
    ]


def test_post_page_keeps_the_authors_editor_order_not_alphabetical(client, journal, team):
    zoe, amy = team
    post = make_post(journal, "Reversed", authors=[amy, zoe])
    meta = text_of(soup(client.get(post.url)).select_one("article .post-meta"))
    assert "By Amy Brown (MBAcC), Zoe Adams (Lic.Ac.)" in meta
    post = make_post(journal, "Straight", authors=[zoe, amy])
    meta = text_of(soup(client.get(post.url)).select_one("article .post-meta"))
    assert "By Zoe Adams (Lic.Ac.), Amy Brown (MBAcC)" in meta


def test_post_without_hero_image_authors_or_tags_still_renders(client, journal):
    post = make_post(journal, "Bare post")
    response = client.get(post.url)
    assert response.status_code == 200
    html = soup(response)
    assert "By" not in html.select_one("article .post-meta").get_text()
    assert html.select_one("article header img") is None
    assert html.select_one(".tag-list") is None
    assert html.select_one("#related-treatments") is None


def test_post_hides_draft_related_treatments(client, journal, treatments_index):
    live = make_treatment(treatments_index, "Microneedling")
    draft = make_treatment(treatments_index, "Draft peel", live=False)
    post = make_post(journal, "Post", treatments=[draft, live])
    assert titles(client.get(post.url), "#related-treatments + .cards h3 a") == ["Microneedling"]


def test_post_shows_its_hero_image_with_alt_text(client, journal):
    post = make_post(journal, "Pictured", hero_image=make_image())
    img = soup(client.get(post.url)).select_one("article header img")
    assert img["alt"] == "A treatment room"


# --- The journal on treatment pages -----------------------------------------------------


def test_treatment_page_shows_its_latest_three_posts(client, journal, treatments_index):
    needling = make_treatment(treatments_index, "Microneedling")
    massage = make_treatment(treatments_index, "Facial massage")
    for n in range(5):
        make_post(
            journal,
            f"Needling {n}",
            date=FIRST_DAY + datetime.timedelta(days=n),
            treatments=[needling, massage] if n == 0 else [needling],
        )
    make_post(
        journal, "Massage only", date=FIRST_DAY + datetime.timedelta(days=30), treatments=[massage]
    )
    make_post(
        journal,
        "Draft needling",
        date=FIRST_DAY + datetime.timedelta(days=31),
        treatments=[needling],
        live=False,
    )
    html = soup(client.get(needling.url))
    section = html.select_one("section[aria-labelledby=related-posts]")
    assert section.h2.get_text() == "From our journal: microneedling"
    assert [a.get_text() for a in section.select(".cards h3 a")] == [
        "Needling 4",
        "Needling 3",
        "Needling 2",
    ]
    assert "Massage only" not in text_of(html)
    assert "Draft needling" not in text_of(html)

    massage_posts = titles(
        client.get(massage.url), "section[aria-labelledby=related-posts] .cards h3 a"
    )
    assert massage_posts == ["Massage only", "Needling 0"]


def test_treatment_page_without_posts_has_no_journal_section(client, treatments_index):
    page = make_treatment(treatments_index, "Microneedling")
    assert soup(client.get(page.url)).select_one("#related-posts") is None


# --- Breadcrumbs and navigation ---------------------------------------------------------


def test_post_page_has_breadcrumbs_home_journal_post(client, journal):
    post = make_post(journal, "Caring for your skin")
    nav = soup(client.get(post.url)).select_one("nav[aria-label=Breadcrumb]")
    crumbs = [(a.get_text(), a["href"]) for a in nav.select("li a")]
    assert crumbs == [("Home", "/"), ("Journal", journal.url), ("Caring for your skin", post.url)]
    links = nav.select("li a")
    assert links[-1]["aria-current"] == "page"
    assert all(not a.has_attr("aria-current") for a in links[:-1])


def test_journal_has_breadcrumbs_and_home_has_none(client, journal):
    nav = soup(client.get(journal.url)).select_one("nav[aria-label=Breadcrumb]")
    assert [a.get_text() for a in nav.select("li a")] == ["Home", "Journal"]
    assert soup(client.get("/")).select_one("nav[aria-label=Breadcrumb]") is None


# --- Query counts --------------------------------------------------------------------------

# The exact page budgets live in tests/site/test_page_queries.py; these tests add that the
# counts do not grow with the number of posts, authors or treatments shown.
JOURNAL_QUERIES = BUDGETS["blog index"].built
POST_PAGE_QUERIES = BUDGETS["blog post"].built
RSS_QUERIES = 12
ATOM_QUERIES = 13  # the Atom subtitle looks the site up once more


@pytest.fixture
def card_posts(journal, team):
    """Posts with 2 authors, 2 tags and their own hero image each."""
    return card_post_maker(journal, team)


def card_post_maker(journal, team):
    """build(count, start=0): `count` posts with 2 authors, 2 tags and a hero image each."""

    def build(count, start=0):
        for n in range(start, start + count):
            make_post(
                journal,
                f"Post {n}",
                date=FIRST_DAY + datetime.timedelta(days=n),
                authors=team,
                tags=["microneedling", "aftercare"],
                hero_image=make_image(f"Hero {n}"),
            )

    return build


def test_journal_queries_do_not_grow_with_posts(client, journal, card_posts):
    card_posts(5)
    few = count_queries(client, journal.url)
    few_tagged = count_queries(client, journal.url + "tag/aftercare/")
    card_posts(45, start=5)
    many = count_queries(client, journal.url)
    assert few == many
    assert few_tagged == count_queries(client, journal.url + "tag/aftercare/")
    assert count_queries(client, journal.url + "?page=3") == many
    assert many <= JOURNAL_QUERIES


def test_post_page_queries_do_not_grow_with_authors_or_treatments(
    client, journal, treatments_index
):
    people = [Practitioner.objects.create(name=f"Person {i}") for i in range(5)]
    cures = [
        make_treatment(
            treatments_index,
            f"Treatment {i}",
            hero_image=make_image(f"Treatment {i}"),
            hero_image_alt="A room",
        )
        for i in range(5)
    ]
    small = make_post(journal, "Small", authors=people[:1], treatments=cures[:1], tags=["a"])
    large = make_post(journal, "Large", authors=people, treatments=cures, tags=["a"])
    few = count_queries(client, small.url)
    assert few == count_queries(client, large.url)
    assert few <= POST_PAGE_QUERIES


def test_feed_queries_do_not_grow_with_posts(client, journal, card_posts):
    card_posts(5)
    few = count_queries(client, journal.url + "feed/rss/")
    card_posts(17, start=5)
    many = count_queries(client, journal.url + "feed/rss/")
    assert few == many
    assert many <= RSS_QUERIES


def test_atom_feed_queries_do_not_grow_with_posts(client, journal, card_posts):
    card_posts(5)
    few = count_queries(client, journal.url + "feed/atom/")
    card_posts(17, start=5)
    assert few == count_queries(client, journal.url + "feed/atom/")
    assert few <= ATOM_QUERIES
