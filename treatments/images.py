"""Responsive pictures: the renditions each place on the site shows, defined once.

Templates draw a picture with `{% load treatments_images %}` and
`{% responsive_picture image "card" alt=... %}`; listings prefetch exactly the same
renditions with `images_for("card")`, so a list of cards costs the same queries
whatever its length.

A picture is Wagtail's `<picture>` (the markup of its `{% picture %}` tag): AVIF and
WebP `<source>`s and an `<img>` in the photo's own format (JPEG stays JPEG; PNG, GIF and
AVIF fall back to PNG so transparency survives), each with a srcset of widths and a
`sizes` attribute that follows the layout in clinic.css.
"""

from dataclasses import dataclass, field
from functools import cache

from wagtail.images import get_image_model
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

# The <source> formats, best first, and the <img> format for each original's extension.
MODERN_FORMATS = ("avif", "webp")
FALLBACK_FORMATS = {"jpg": "jpeg", "jpeg": "jpeg", "webp": "webp"}
DEFAULT_FALLBACK = "png"

ABOVE_THE_FOLD = {"fetchpriority": "high"}
BELOW_THE_FOLD = {"loading": "lazy", "decoding": "async"}


@cache
def parsed(spec):
    """The Filter for a spec, parsed once: parsing costs more than finding the rendition."""
    return Filter(spec)


@dataclass(frozen=True)
class PictureSize:
    """How one place on the site shows a photo.

    `widths` are the renditions made (pixels); `ratio` crops to width:height (None keeps
    the photo's shape); `base` is the width of the `<img>`'s own src, width and height, the
    size it shows at on a desktop screen at most; `sizes` says how wide the layout shows it.
    """

    widths: tuple[int, ...]
    base: int
    sizes: str
    ratio: tuple[int, int] | None = None
    attrs: dict = field(default_factory=lambda: dict(BELOW_THE_FOLD))

    def spec(self, width, image_format):
        if self.ratio is None:
            resize = f"width-{width}"
        else:
            resize = f"fill-{width}x{round(width * self.ratio[1] / self.ratio[0])}"
        return f"{resize}|format-{image_format}"

    def widths_for(self, image):
        """The widths worth making for this photo, the `<img>`'s own first.

        Wagtail never enlarges a photo, so widths past the photo's own would repeat the
        same size: keep the widths below it and the first one at or above it.
        """
        largest = image.width or 0
        if self.ratio is not None and image.height:
            largest = min(largest, image.height * self.ratio[0] / self.ratio[1])
        kept = []
        for width in sorted(self.widths):
            kept.append(width)
            if width >= largest:
                break
        base = self.base if self.base in kept else kept[-1]
        return [base] + [width for width in kept if width != base]

    def specs_for(self, image):
        extension = image.file.name.rsplit(".", 1)[-1].lower()
        formats = list(MODERN_FORMATS)
        fallback = FALLBACK_FORMATS.get(extension, DEFAULT_FALLBACK)
        if fallback not in formats:
            formats.append(fallback)
        widths = self.widths_for(image)
        return [self.spec(width, fmt) for fmt in formats for width in widths]

    def all_specs(self):
        """Every spec a photo of any shape or format may need: what a listing prefetches."""
        fallbacks = {*FALLBACK_FORMATS.values(), DEFAULT_FALLBACK}
        formats = list(MODERN_FORMATS) + sorted(fallbacks.difference(MODERN_FORMATS))
        return [self.spec(width, fmt) for fmt in formats for width in self.widths]

    def render(self, image, **attrs):
        filters = [parsed(spec) for spec in self.specs_for(image)]
        renditions = get_renditions_or_not_found(image, filters)
        return Picture(renditions, {**self.attrs, "sizes": self.sizes, **attrs}).__html__()


# The content column is 64rem at most with 1rem padding each side (.wrap).
CONTENT_WIDTH = "(min-width: 64rem) 62rem, calc(100vw - 2rem)"
# The card grid (.cards): one column below 35rem, two below 52rem, then three; each
# card has 1rem padding and a 1px border.
CARD_WIDTH = (
    "(min-width: 64rem) 18rem, (min-width: 52rem) calc(33.4vw - 3.4rem), "
    "(min-width: 35rem) calc(50vw - 3.6rem), calc(100vw - 4.2rem)"
)

PICTURES = {
    # The photo at the top of a treatment, condition, post or plain page.
    "hero": PictureSize(
        widths=(640, 960, 1280, 1920),
        base=1280,
        ratio=(40, 21),
        sizes=CONTENT_WIDTH,
        attrs=ABOVE_THE_FOLD,
    ),
    # The home page's wider banner.
    "home_hero": PictureSize(
        widths=(720, 960, 1200, 1920),
        base=1200,
        ratio=(12, 5),
        sizes=CONTENT_WIDTH,
        attrs=ABOVE_THE_FOLD,
    ),
    # Treatment, condition and post cards.
    "card": PictureSize(widths=(320, 480, 640, 960), base=640, ratio=(16, 9), sizes=CARD_WIDTH),
    # A practitioner's head-and-shoulders photo on their card.
    "photo": PictureSize(widths=(240, 320, 480, 640), base=640, ratio=(1, 1), sizes=CARD_WIDTH),
    # The same photo as a small round portrait beside a name (the home page's team).
    "avatar": PictureSize(widths=(96, 144, 192), base=144, ratio=(1, 1), sizes="4.5rem"),
    # A before or after photo of a result case (treatments.results), half of its case's
    # width: never cropped, since a clinical photo must show all it showed (.result-case).
    "result": PictureSize(
        widths=(320, 480, 640, 960),
        base=480,
        sizes="(min-width: 64rem) 24rem, calc(50vw - 1.75rem)",
    ),
    # An image block in a page's body, within the text measure (.block, 42rem).
    "body": PictureSize(
        widths=(480, 800, 1200, 1600),
        base=800,
        sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)",
    ),
}


def picture_size(place):
    try:
        return PICTURES[place]
    except KeyError:
        raise ValueError(
            f"No picture size {place!r}; choose one of {', '.join(PICTURES)}."
        ) from None


def images_for(*places):
    """Images with every rendition the given places show, fetched in one query."""
    specs = [spec for place in places for spec in picture_size(place).all_specs()]
    return get_image_model().objects.prefetch_renditions(*specs)
