from django import template

from treatments.images import picture_size

register = template.Library()


@register.simple_tag
def responsive_picture(image, place, **attrs):
    """A `<picture>` of `image` sized for `place` (a name in treatments.images.PICTURES).

    `{% responsive_picture page.hero_image "hero" alt=page.hero_image_alt %}`; extra
    keyword arguments become attributes of the `<img>`. Nothing when there is no image.
    """
    if not image:
        return ""
    return picture_size(place).render(image, **attrs)
