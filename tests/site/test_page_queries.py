"""Query budgets for every HTML page (docs/performance.md).

Each page has two exact budgets, and costs the same with 3 items as with 20: 20
treatments, conditions or posts, each with its own hero image, cost no more than 3.

- `built`: the page built in full, as on the first visit after a publish (no rendered
  parts kept: PAGE_PARTS_SECONDS=0), on a warm site (renditions made);
- `kept`: every later visit, its head and body kept (treatments/fragments.py): what is
  left is finding the page and checking who may see it.

A change that adds a query per card, or a query anywhere, fails here and the budget is
raised on purpose or the query removed.
"""

import datetime
import re
from decimal import Decimal
from typing import NamedTuple

import pytest
from django.core.cache import caches
from django.test import override_settings
from wagtail.images.tests.utils import Image, get_test_image_file_jpeg

from blog.models import BlogIndexPage, BlogPage, BlogPageAuthor, BlogRelatedTreatment
from home.models import EnquiryPage, HomeFeaturedTreatment, StandardPage
from tests.treatments.factories import (
    AFTERCARE,
    WHAT_TO_EXPECT,
    build_indexes,
    make_treatment,
    performers,
    publish,
)
from treatments.models import (
    ConditionPage,
    LocationIndexPage,
    LocationPage,
    Practitioner,
    PractitionerIndexPage,
    Testimonial,
    TreatmentTestimonial,
)


class Budget(NamedTuple):
    built: int
    kept: int


# Built: every page pays for the site and its home page, its route (the page and its
# ancestors in one query, then the page in its type with its hero and reviewer), the privacy
# settings, the menu, the breadcrumbs, clinic settings, the footer's locations and the
# structured data; then its own
# lists, each fetched in bulk with its images and their renditions (images_for).
# Kept: the route (two queries) and the privacy settings (the site and its home page come
# from the cache); the home page needs no route. The enquiry form's body is never kept.
BUDGETS = {
    # hero, featured treatment cards, conditions A to Z, the team with their photos, the
    # conditions and team pages for "see all", the newest posts with authors and tags, the
    # chosen testimonials with their treatments, the team page for profile links
    "home": Budget(built=25, kept=2),
    "treatment index": Budget(built=13, kept=3),  # treatment cards (prices read from them)
    # conditions, who performs it (links, people, photos, renditions, the team page for
    # their profiles), testimonials, locations offering it, posts about it
    "treatment page": Budget(built=27, kept=3),
    "condition index": Budget(built=13, kept=3),  # condition cards
    "condition page": Budget(built=14, kept=3),  # treatment cards, the reviewer's profile
    "practitioners": Budget(built=14, kept=3),  # photos, the treatments each performs
    # photo, the treatments they perform, posts they wrote, pages they reviewed (kept: the
    # person, whose address decides a 404)
    "practitioner profile": Budget(built=22, kept=4),
    "location index": Budget(built=16, kept=3),  # location cards
    "location page": Budget(built=13, kept=3),  # the treatments offered there
    # post cards with authors and tags, and the page count (kept: the count decides a 404)
    "blog index": Budget(built=16, kept=4),
    "blog post": Budget(built=19, kept=3),  # authors, tags, related treatment cards
    "standard page": Budget(built=11, kept=3),  # body images in one query
    # the live treatments to choose from, and the breadcrumbs, on every visit
    "enquiry page": Budget(built=11, kept=8),
    # the treatment's page context, its aftercare block
    "aftercare sheet": Budget(built=11, kept=3),
}


def test_the_plugin_tests_ceilings_are_these_budgets():
    """tests/treatments/test_treatments.py caps the plugin's pages by these budgets (built in
    full: a bare site keeps no parts), spelt out there because it also runs in a bare site
    without this module: they must stay equal."""
    from tests.treatments.test_treatments import PAGE_QUERY_CEILINGS

    assert PAGE_QUERY_CEILINGS == {name: BUDGETS[name].built for name in PAGE_QUERY_CEILINGS}


FEW, MANY = 3, 20
DAY_ONE = datetime.date(2024, 1, 1)


@pytest.fixture(autouse=True)
def empty_caches():
    """Renditions are cached by image id: a previous test's ids must not answer for these."""
    for cache in caches.all():
        cache.clear()


def assert_budget(client, url, name, django_assert_num_queries):
    """The page at `url` costs exactly BUDGETS[name] built, and then kept."""
    budget = BUDGETS[name]
    with override_settings(PAGE_PARTS_SECONDS=0):
        client.get(url)  # a warm site: renditions made, per-process caches filled
        with django_assert_num_queries(budget.built):
            response = client.get(url)
        assert response.status_code == 200
    # The tests publish inside a transaction that never commits, so no version is raised:
    # parts kept for the smaller clinic must not answer for the bigger one.
    caches["pages"].clear()
    with override_settings(PAGE_PARTS_SECONDS=3600):
        assert visible_html(client.get(url)) == visible_html(response)  # builds, keeps parts
        with django_assert_num_queries(budget.kept):
            kept = client.get(url)
    assert visible_html(kept) == visible_html(response)


def visible_html(response):
    """The page as a visitor sees it: a form's CSRF token differs on every response."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)


def photo(title):
    # Small photos: the renditions each card needs are made quickly.
    return Image.objects.create(
        title=title, file=get_test_image_file_jpeg(filename=f"{title}.jpg", size=(64, 36))
    )


class Clinic:
    """A clinic whose lists tests grow: each item has its own hero image or photo."""

    def __init__(self, home):
        self.home = home
        self.treatments, self.conditions = build_indexes(home)
        self.journal = publish(home, BlogIndexPage(title="Journal", slug="journal"))
        self.team_page = publish(home, PractitionerIndexPage(title="Our team", slug="team"))
        home.hero_image, home.hero_image_alt = photo("Home"), "A calm treatment room"
        home.save_revision().publish()
        self.reviewer = Practitioner.objects.create(name="Reviewer", credentials="RN")
        self.count = 0

    def hero(self, title):
        return {"hero_image": photo(title), "hero_image_alt": f"{title}, photographed"}

    def review(self):
        """Reviewed, so the page shows its "Medically reviewed by" line."""
        return {"reviewed_by": self.reviewer, "last_reviewed": DAY_ONE}

    def condition(self, title):
        return publish(
            self.conditions,
            ConditionPage(title=title, summary="About it.", **self.hero(title), **self.review()),
        )

    def treatment(self, title, conditions=()):
        return make_treatment(
            self.treatments,
            title,
            conditions,
            body=[WHAT_TO_EXPECT, AFTERCARE],
            **self.hero(title),
            **self.review(),
        )

    def post(self, title, authors=(), treatments=(), tags=("aftercare",), date=DAY_ONE):
        page = BlogPage(
            title=title,
            date=date,
            summary="A post.",
            body=[{"type": "rich_text", "value": "<p>Words.</p>"}],
            authors=[BlogPageAuthor(practitioner=p, sort_order=i) for i, p in enumerate(authors)],
            related_treatments=[
                BlogRelatedTreatment(treatment=t, sort_order=i) for i, t in enumerate(treatments)
            ],
            **self.hero(title),
        )
        page.tags.add(*tags)
        return publish(self.journal, page)

    def grow_to(self, count):
        """`count` treatments, conditions, posts and practitioners in all, all linked up."""
        for n in range(self.count, count):
            condition = self.condition(f"Condition {n}")
            treatment = self.treatment(f"Treatment {n}", [condition])
            person = Practitioner.objects.create(name=f"Person {n}", photo=photo(f"Person {n}"))
            self.post(f"Post {n}", [person], [treatment], date=DAY_ONE + datetime.timedelta(n))
        self.count = count
        # Everyone performs every treatment: in each treatment's "Who performs it" list.
        people = list(Practitioner.objects.all())
        for treatment in self.treatments.get_children().specific():
            treatment.practitioner_links = performers(*people)
            treatment.save_revision().publish()
        self.home.featured_treatments = [
            HomeFeaturedTreatment(treatment=t, sort_order=i)
            for i, t in enumerate(self.treatments.get_children().specific())
        ]
        self.home.save_revision().publish()


@pytest.fixture
def clinic(home_page):
    return Clinic(home_page)


LISTINGS = {
    "home": lambda clinic: clinic.home.url,
    "treatment index": lambda clinic: clinic.treatments.url,
    "condition index": lambda clinic: clinic.conditions.url,
    "practitioners": lambda clinic: clinic.team_page.url,
    "blog index": lambda clinic: clinic.journal.url,
}


@pytest.mark.parametrize("name", LISTINGS)
def test_listing_pages_keep_their_budget_as_lists_grow(
    name, client, clinic, django_assert_num_queries
):
    clinic.grow_to(FEW)
    url = LISTINGS[name](clinic)
    assert_budget(client, url, name, django_assert_num_queries)
    clinic.grow_to(MANY)
    assert_budget(client, url, name, django_assert_num_queries)


def test_treatment_page_keeps_its_budget_with_more_of_everything_it_shows(
    client, clinic, django_assert_num_queries
):
    locations = publish(clinic.home, LocationIndexPage(title="Locations", slug="locations"))
    for count in (FEW, MANY):
        conditions = [clinic.condition(f"For {count} {n}") for n in range(count)]
        treatment = clinic.treatment(f"Treats {count}", conditions)
        for n in range(count):  # the page shows the newest three posts about it
            clinic.post(f"About {count} {n}", treatments=[treatment])
        people = [
            Practitioner.objects.create(name=f"Does {count} {n}", photo=photo(f"Does {n}"))
            for n in range(count)
        ]
        words = [
            Testimonial.objects.create(
                text="Calm and kind.",
                attribution=f"P{n}",
                treatment=treatment,
                given_on=DAY_ONE,
                consent_given_on=DAY_ONE,
                consent_method="form",
            )
            for n in range(count)
        ]
        treatment.practitioner_links = performers(*people)
        treatment.testimonial_links = [
            TreatmentTestimonial(testimonial=t, sort_order=i) for i, t in enumerate(words)
        ]
        treatment.prices = [("option", price_option(n)) for n in range(count)]
        treatment.save_revision().publish()
        for n in range(count):
            site = LocationPage(title=f"Site {count} {n}", address="1 High Street")
            locations.add_child(instance=site)
            site.treatments.add(treatment)
            site.save_revision().publish()
        assert_budget(client, treatment.url, "treatment page", django_assert_num_queries)


def price_option(n):
    return {
        "name": f"Option {n}",
        "duration_minutes": 30 + n,
        "amount": Decimal("80") + n,
        "is_from": False,
        "courses": [{"sessions": 3, "spacing": "4 weeks apart", "amount": Decimal("220")}],
    }


def test_a_practitioners_profile_keeps_its_budget_with_more_treatments_posts_and_reviews(
    client, clinic, django_assert_num_queries
):
    url = clinic.team_page.url + "reviewer/"
    for count in (FEW, MANY):
        clinic.grow_to(count)  # the reviewer reviewed every treatment and condition
        for post in BlogPage.objects.all():  # and wrote every post, too
            post.authors = [BlogPageAuthor(practitioner=clinic.reviewer, sort_order=0)]
            post.save_revision().publish()
        assert_budget(client, url, "practitioner profile", django_assert_num_queries)


def test_location_pages_keep_their_budget_with_more_locations_and_treatments(
    client, clinic, django_assert_num_queries
):
    index = publish(clinic.home, LocationIndexPage(title="Locations", slug="locations"))
    for count in (FEW, MANY):
        clinic.grow_to(count)
        for n in range(count):
            site = LocationPage(
                title=f"Site {count} {n}",
                address="1 High Street\nLondon",
                opening_hours=[("hours", {"days": ["Mo"], "opens": "09:00", "closes": "17:00"})],
                **clinic.hero(f"Site {count} {n}"),
            )
            index.add_child(instance=site)
            site.treatments.set(clinic.treatments.get_children().specific())
            site.save_revision().publish()
        assert_budget(client, index.url, "location index", django_assert_num_queries)
        assert_budget(client, site.url, "location page", django_assert_num_queries)


def test_aftercare_sheet_keeps_its_budget_with_more_stages(
    client, clinic, django_assert_num_queries
):
    for count in (FEW, MANY):
        stage = {"when": "Later", "dos": ["Rest"] * count, "donts": ["Rub"] * count}
        aftercare = {"type": "aftercare", "value": {"heading": "Aftercare", "stages": []}}
        aftercare["value"]["stages"] = [dict(stage, when=f"Day {n}") for n in range(count)]
        safety = {"type": "safety_callout", "value": {"heading": "Careful", "text": "<p>!</p>"}}
        treatment = make_treatment(
            clinic.treatments,
            f"Sheet {count}",
            body=[aftercare] + [safety] * count,
            **clinic.review(),
        )
        assert_budget(
            client, treatment.url + "aftercare/", "aftercare sheet", django_assert_num_queries
        )


def test_condition_page_keeps_its_budget_with_more_treatments(
    client, clinic, django_assert_num_queries
):
    for count in (FEW, MANY):
        condition = clinic.condition(f"Treated {count} ways")
        for n in range(count):
            clinic.treatment(f"Way {count} {n}", [condition])
        assert_budget(client, condition.url, "condition page", django_assert_num_queries)


def test_blog_post_keeps_its_budget_with_more_authors_treatments_and_tags(
    client, clinic, django_assert_num_queries
):
    for count in (FEW, MANY):
        people = [Practitioner.objects.create(name=f"Author {count} {n}") for n in range(count)]
        cures = [clinic.treatment(f"Cure {count} {n}") for n in range(count)]
        tags = [f"topic-{count}-{n}" for n in range(count)]
        post = clinic.post(f"Post with {count}", people, cures, tags)
        assert_budget(client, post.url, "blog post", django_assert_num_queries)


def test_standard_page_keeps_its_budget_with_more_images_and_text(
    client, clinic, django_assert_num_queries
):
    # Body images are fetched in one query and their renditions come from Wagtail's
    # rendition cache on a warm site. (A page link in rich text costs two queries per
    # text block: Wagtail resolves links block by block; docs/performance.md.)
    for count in (FEW, MANY):
        body = []
        for n in range(count):
            image = photo(f"Body {count} {n}")
            body.append(
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "alt_text": "A room", "decorative": False}
                    },
                }
            )
            body.append({"type": "rich_text", "value": f"<p>Paragraph {n}.</p>"})
        page = publish(
            clinic.home,
            StandardPage(title=f"About {count}", body=body, **clinic.hero(f"About {count}")),
        )
        assert_budget(client, page.url, "standard page", django_assert_num_queries)


def test_enquiry_page_keeps_its_budget_with_more_treatments(
    client, clinic, django_assert_num_queries
):
    # The form holds the visitor's own CSRF token: its body is built on every visit, only
    # the head is kept.
    page = publish(clinic.home, EnquiryPage(title="Contact us", slug="contact"))
    for count in (FEW, MANY):
        for n in range(count):
            clinic.treatment(f"Asked about {count} {n}")
        assert_budget(client, page.url, "enquiry page", django_assert_num_queries)
