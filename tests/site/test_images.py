"""Responsive pictures on the public pages: formats, widths, loading order and files that serve."""

import io
import mimetypes
import re

import PIL.Image
import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import re_path
from django.views.static import serve
from wagtail.images.tests.utils import Image, get_test_image_file, get_test_image_file_jpeg

from blog.models import BlogIndexPage, BlogPage, BlogRelatedTreatment
from clinicsite.urls import urlpatterns as site_urlpatterns
from home.models import HomeFeaturedTreatment, StandardPage
from tests.treatments.factories import build_indexes, make_condition, make_treatment, publish, soup
from treatments.images import PICTURES
from treatments.models import Practitioner, PractitionerIndexPage

# The site's addresses plus the media folder, served as a web server would in production.
urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
pytestmark = pytest.mark.urls(__name__)

PIL_FORMATS = {"image/avif": "AVIF", "image/webp": "WEBP", "image/jpeg": "JPEG", "image/png": "PNG"}


@pytest.fixture(autouse=True)
def empty_caches():
    """Renditions are cached by image id: a previous test's ids must not answer for these."""
    for cache in caches.all():
        cache.clear()


def jpeg(title, size=(960, 540)):
    return Image.objects.create(
        title=title, file=get_test_image_file_jpeg(filename=f"{title}.jpg", size=size)
    )


def hero(title, image=None):
    return {"hero_image": image or jpeg(title), "hero_image_alt": f"{title}: a calm, bright room"}


@pytest.fixture
def clinic(home_page):
    """One page of each kind, every one with a photo; returns the pages by name."""
    treatments, conditions = build_indexes(home_page)
    acne = make_condition(conditions, "Acne", **hero("Acne"))
    needling = make_treatment(treatments, "Microneedling", [acne], **hero("Microneedling"))
    journal = publish(home_page, BlogIndexPage(title="Journal", slug="journal"))
    post = BlogPage(
        title="After needling",
        summary="What to do next.",
        body=[{"type": "rich_text", "value": "<p>Rest.</p>"}],
        related_treatments=[BlogRelatedTreatment(treatment=needling, sort_order=0)],
        **hero("After needling"),
    )
    publish(journal, post)
    team = publish(home_page, PractitionerIndexPage(title="Our team", slug="team"))
    Practitioner.objects.create(name="Ada Lovell", photo=jpeg("Ada", size=(600, 600)))
    body_image = jpeg("Room")
    about = publish(
        home_page,
        StandardPage(
            title="About us",
            body=[
                {
                    "type": "image",
                    "value": {
                        "image": {
                            "image": body_image.pk,
                            "alt_text": "Our room",
                            "decorative": False,
                        },
                        "caption": "",
                    },
                }
            ],
            **hero("About us"),
        ),
    )
    for field, value in hero("Home").items():
        setattr(home_page, field, value)
    home_page.featured_treatments = [HomeFeaturedTreatment(treatment=needling, sort_order=0)]
    home_page.save_revision().publish()
    return {
        "home": home_page,
        "treatment index": treatments,
        "treatment page": needling,
        "condition index": conditions,
        "condition page": acne,
        "blog index": journal,
        "blog post": post,
        "practitioners": team,
        "standard page": about,
    }


def pictures(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return soup(response).select("main picture")


def widths(srcset):
    """{url: width} from a srcset of width descriptors."""
    candidates = [item.strip().rsplit(" ", 1) for item in srcset.split(",")]
    assert all(re.fullmatch(r"\d+w", descriptor) for _, descriptor in candidates), srcset
    return {url: int(descriptor[:-1]) for url, descriptor in candidates}


def assert_responsive(picture, alt):
    """AVIF and WebP sources, then a sized <img> with alt text, srcset and sizes."""
    sources = picture.find_all("source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    img = picture.find("img")
    for element in [*sources, img]:
        assert len(widths(element["srcset"])) > 1
        assert element["sizes"] == img["sizes"]
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    assert img["alt"] == alt
    return img


HEROES = ["home", "treatment page", "condition page", "blog post", "standard page"]


@pytest.mark.parametrize("name", HEROES)
def test_hero_is_the_first_picture_loaded_eagerly_at_high_priority(name, client, clinic):
    page = clinic[name]
    hero_picture = pictures(client, page)[0]
    img = assert_responsive(hero_picture, page.hero_image_alt)
    assert img["fetchpriority"] == "high"
    assert not img.has_attr("loading") and not img.has_attr("decoding")
    assert img["sizes"] == PICTURES["home_hero" if name == "home" else "hero"].sizes


# Pages and how many pictures below the fold each shows with this clinic.
BELOW_THE_FOLD = {
    "home": 3,  # featured treatment, the team's portrait, latest post
    "treatment index": 1,
    "condition index": 1,
    "condition page": 1,  # the treatment card
    "blog index": 1,
    "blog post": 1,  # the related treatment card
    "treatment page": 1,  # the related post
    "practitioners": 1,
    "standard page": 1,  # the image block
}


@pytest.mark.parametrize("name", BELOW_THE_FOLD)
def test_cards_photos_and_body_images_load_lazily(name, client, clinic):
    found = pictures(client, clinic[name])
    lazy = [p for p in found if p.find("img").get("loading") == "lazy"]
    assert len(lazy) == BELOW_THE_FOLD[name]
    assert len(found) == len(lazy) + (name in HEROES)
    for picture in lazy:
        img = picture.find("img")
        assert img["decoding"] == "async" and not img.has_attr("fetchpriority")
        assert len(widths(img["srcset"])) > 1
        assert int(img["width"]) > 0 and int(img["height"]) > 0 and img.has_attr("alt")


def test_cards_describe_their_photo_with_the_pages_alt_text(client, clinic):
    card = pictures(client, clinic["treatment index"])[0]
    assert_responsive(card, clinic["treatment page"].hero_image_alt)
    assert card.find("img")["sizes"] == PICTURES["card"].sizes
    body_image = pictures(client, clinic["standard page"])[1]
    assert_responsive(body_image, "Our room")
    person = pictures(client, clinic["practitioners"])[0]
    assert_responsive(person, "")  # the name beside it says who it is


def test_fallback_keeps_the_original_format(client, clinic):
    """JPEG stays JPEG; a PNG (maybe transparent) falls back to PNG, not Wagtail's JPEG."""
    needling = clinic["treatment page"]
    img = pictures(client, needling)[0].find("img")
    assert all(url.endswith(".jpg") for url in [img["src"], *widths(img["srcset"])])

    needling.hero_image = Image.objects.create(
        title="Logo", file=get_test_image_file(size=(960, 540))
    )
    needling.save_revision().publish()
    picture = pictures(client, needling)[0]
    img = assert_responsive(picture, needling.hero_image_alt)
    assert all(url.endswith(".png") for url in [img["src"], *widths(img["srcset"])])
    assert all(url.endswith(".avif") for url in widths(picture.find("source")["srcset"]))


def test_srcset_stops_at_the_photos_own_width(client, clinic):
    """Wagtail never enlarges: a small photo lists each width once, up to its own."""
    needling = clinic["treatment page"]
    needling.hero_image = jpeg("Small", size=(700, 394))
    needling.save_revision().publish()
    img = pictures(client, needling)[0].find("img")
    listed = sorted(widths(img["srcset"]).values())
    assert listed == [640, 700]
    assert img["width"] == "700"  # the <img>'s own size is the largest there is


def test_every_listed_rendition_serves_in_its_format_and_width(client, clinic):
    checked = 0
    for page in clinic.values():
        for picture in pictures(client, page):
            for element in picture.find_all(["source", "img"]):
                expected = element.get("type") or mimetypes.guess_type(element["src"])[0]
                for url, width in widths(element["srcset"]).items():
                    response = client.get(url)
                    assert response.status_code == 200, url
                    assert response["Content-Type"] == expected
                    photo = PIL.Image.open(io.BytesIO(b"".join(response.streaming_content)))
                    assert (photo.format, photo.width) == (PIL_FORMATS[expected], width)
                    checked += 1
    assert checked > 50
