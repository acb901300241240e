"""Every block the site's StreamFields offer, drawn with its preview value.

The blocks are found from the models, so a new block or a new StreamField shows up on the
style page by itself. A block is rendered as Wagtail's block preview in the admin renders
it (wagtail.admin.views.generic.preview.StreamFieldBlockPreview): its
`get_preview_value()`, the context of `get_preview_context()`, then its own template.
"""

import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.text import slugify
from wagtail.fields import StreamField

logger = logging.getLogger(__name__)


@dataclass
class BlockPreview:
    name: str
    block: object
    used_in: list = field(default_factory=list)  # "Treatment page › body", …
    anchor: str = ""
    html: str = ""
    error: str = ""  # why the preview could not be drawn

    @property
    def label(self):
        return self.block.label

    @property
    def description(self):
        return self.block.get_description()

    @property
    def class_path(self):
        cls = type(self.block)
        return f"{cls.__module__}.{cls.__qualname__}"


def site_blocks():
    """A `BlockPreview` (not yet drawn) for each block the top level of any model's
    StreamField offers, once per block class and name, by label."""
    found = {}
    for model in apps.get_models():
        if model._meta.proxy:  # the same fields as the model it stands for
            continue
        for model_field in model._meta.fields:
            if not isinstance(model_field, StreamField):
                continue
            place = f"{model._meta.verbose_name.capitalize()} › {model_field.verbose_name}"
            for name, block in model_field.stream_block.child_blocks.items():
                entry = found.setdefault((type(block), name), BlockPreview(name, block))
                if place not in entry.used_in:
                    entry.used_in.append(place)
    previews = sorted(
        found.values(), key=lambda preview: (str(preview.label).lower(), preview.name)
    )
    anchors = set()
    for preview in previews:
        anchor = base = f"block-{slugify(preview.name)}"
        number = 2
        while anchor in anchors:  # one name, two block classes
            anchor, number = f"{base}-{number}", number + 1
        anchors.add(anchor)
        preview.anchor = anchor
    return previews


def draw(preview, request):
    """Renders `preview`'s block with its preview value, or notes why it could not."""
    block = preview.block
    try:
        value = block.get_preview_value()
        # The context Wagtail's block preview gives (no `block`: it is a template tag's name).
        context = block.get_preview_context(
            value,
            {
                "request": request,
                "block_def": block,
                "block_class": type(block),
                "bound_block": block.bind(value),
                "page_title": f"Preview for {block.label} ({type(block).__name__})",
            },
        )
        preview.html = block.render(value, context)
    except Exception as error:  # one broken block must not hide the others
        logger.warning("The style page could not draw block %r", preview.name, exc_info=True)
        preview.error = f"{type(error).__name__}: {error}"
    return preview
