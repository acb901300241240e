"""StreamField blocks as typed, resolved JSON.

One walk over a block definition gives both the pydantic type of its value (for the
OpenAPI document) and its JSON (for a response), so the two cannot drift apart. A
stream is a list of `{type, value, id}`; a struct an object; a list block a list;
rich text display HTML; an image an `Image`; a page chooser a `PageLink`; an optional link
left empty null.

A block of the site's own that overrides Wagtail's `get_api_representation` (e.g. a call to
action resolving its booking link) gives its JSON itself, in the same shape as its fields.
"""

import datetime
import functools
import operator
from decimal import Decimal
from typing import Annotated, Literal

from django.utils.text import camel_case_to_spaces
from ninja import Schema
from pydantic import Field, create_model
from wagtail import blocks
from wagtail.images.blocks import ImageBlock, ImageChooserBlock

from .types import Image, PageLink
from .values import image_json, page_link, rich_text_html

HTML = Annotated[str, Field(json_schema_extra={"contentMediaType": "text/html"})]
# A clock time on the clinic's wall, "09:00:00". Not `format: time`: RFC 3339's full-time
# needs a UTC offset ("09:00:00Z"), which an opening time does not have.
CLOCK_TIME = Annotated[
    str,
    Field(
        pattern=r"^[0-9]{2}:[0-9]{2}:[0-9]{2}$",
        description="Local time, HH:MM:SS, without a UTC offset.",
        examples=["09:00:00"],
    ),
]
TEXT_BLOCKS = (
    blocks.CharBlock,
    blocks.TextBlock,
    blocks.URLBlock,
    blocks.EmailBlock,
    blocks.RegexBlock,
)

_models = {}


def _type_name(block):
    name = type(block).__name__
    if name.endswith("Block") and name != "Block":
        name = name[: -len("Block")]
    return name


def _camel(snake):
    return "".join(part.capitalize() for part in snake.split("_"))


def _describe(block):
    field = getattr(block, "field", None)  # FieldBlocks keep help text on their form field
    help_text = getattr(block.meta, "help_text", None) or getattr(field, "help_text", None)
    return {
        "title": str(block.label) if block.label else None,
        "description": str(help_text) if help_text else None,
    }


def _struct_model(block):
    name = _type_name(block)
    if type(block) is blocks.StructBlock:
        name = _camel(block.name)
    if name in _models:
        return _models[name]
    fields = {
        child_name: (block_type(child), Field(..., **_describe(child)))
        for child_name, child in block.child_blocks.items()
    }
    doc = str(block.meta.label or camel_case_to_spaces(name)).capitalize()
    model = create_model(name, __base__=Schema, __doc__=doc, **fields)
    _models[name] = model
    return model


def _stream_item_type(block, name=None):
    name = name or _type_name(block)
    if name in _models:
        return _models[name]
    items = []
    for child_name, child in block.child_blocks.items():
        items.append(
            create_model(
                f"{name}{_camel(child_name)}",
                __base__=Schema,
                __doc__=f"{child.label}: {getattr(child.meta, 'description', '') or ''}".strip(
                    " :"
                ),
                type=(Literal[child_name], ...),
                value=(block_type(child), ...),
                id=(str, Field(..., description="Stable id of this block, e.g. for list keys.")),
            )
        )
    item = Annotated[functools.reduce(operator.or_, items), Field(discriminator="type")]
    _models[name] = item
    return item


def block_type(block):
    """The pydantic type of a block's resolved JSON value."""
    # ImageBlock is a StructBlock: check it before the general cases.
    if isinstance(block, ImageBlock | ImageChooserBlock):
        return Image if block.required else Image | None
    if isinstance(block, blocks.PageChooserBlock):
        return PageLink | None
    if isinstance(block, blocks.StreamBlock):
        return list[_stream_item_type(block)]
    if isinstance(block, blocks.ListBlock):
        return list[block_type(block.child_block)]
    if isinstance(block, blocks.StructBlock):
        return _struct_model(block)
    if isinstance(block, blocks.RichTextBlock):
        return HTML
    if isinstance(block, blocks.MultipleChoiceBlock):
        return list[Literal[tuple(str(value) for value, _ in block.field.choices)]]
    if isinstance(block, blocks.URLBlock) and not block.required:
        return str | None
    if isinstance(block, TEXT_BLOCKS):
        return str
    if isinstance(block, blocks.BooleanBlock):
        return bool
    if isinstance(block, blocks.IntegerBlock):
        return int | None
    if isinstance(block, blocks.DecimalBlock | blocks.FloatBlock):
        return float | None
    if isinstance(block, blocks.TimeBlock):
        return CLOCK_TIME | None
    if isinstance(block, blocks.DateBlock):
        return datetime.date | None
    raise TypeError(f"No API type for {type(block).__name__}: add one in {__name__}.")


def gives_its_own_json(block):
    return _defines_its_own_json(type(block))


@functools.cache
def _defines_its_own_json(block_class):
    """Whether the block's class, not Wagtail's, defines `get_api_representation`."""
    owner = next(cls for cls in block_class.__mro__ if "get_api_representation" in vars(cls))
    return not owner.__module__.startswith("wagtail.")


def block_json(block, value, context):
    """A block's value as resolved JSON, matching `block_type(block)`."""
    if gives_its_own_json(block):
        return block.get_api_representation(value, context)
    if isinstance(block, ImageBlock):
        alt = "" if value is None or value.decorative else value.contextual_alt_text
        return image_json(value, alt, context)
    if isinstance(block, ImageChooserBlock):
        return image_json(value, value.default_alt_text if value else "", context)
    if isinstance(block, blocks.PageChooserBlock):
        page = value.specific if value is not None else None
        return page_link(page, context) if page is not None and page.live else None
    if isinstance(block, blocks.StreamBlock):
        return stream_json(value, context)
    if isinstance(block, blocks.ListBlock):
        return [block_json(block.child_block, item, context) for item in value]
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_json(child, value.get(name), context)
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_html(value.source if value is not None else "")
    if isinstance(block, blocks.MultipleChoiceBlock):
        return list(value or [])
    if isinstance(block, blocks.URLBlock) and not block.required:
        return value or None
    if isinstance(block, TEXT_BLOCKS):
        return value or ""
    if isinstance(block, blocks.BooleanBlock):
        return bool(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")  # CLOCK_TIME: never microseconds or an offset
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def stream_json(value, context):
    """A StreamField value as [{type, value, id}, …] in the editor's order."""
    if value is None:
        return []
    return [
        {
            "type": child.block_type,
            "value": block_json(child.block, child.value, context),
            # Blocks saved without an id (e.g. raw JSON) fall back to their position.
            "id": child.id or str(position),
        }
        for position, child in enumerate(value)
    ]


def stream_type(stream_block, name=None):
    """The type of a StreamField: `name` the items of a stream declared without a class."""
    if name is not None:
        return list[_stream_item_type(stream_block, name)]
    return block_type(stream_block)
