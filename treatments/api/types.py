"""Pydantic types for resolved values, published in the clinic content API's OpenAPI document."""

from ninja import Schema
from pydantic import Field, create_model

from .values import RENDITIONS


class Rendition(Schema):
    url: str = Field(description="Absolute address of the resized image.")
    width: int
    height: int


Renditions = create_model(
    "Renditions",
    __base__=Schema,
    __doc__="The image resized for common uses. WebP and AVIF variants for <picture>.",
    **{
        name: (Rendition | None, Field(None, description=spec)) for name, spec in RENDITIONS.items()
    },
)


class Image(Schema):
    id: int
    title: str
    alt: str = Field(description="Text for people who cannot see the image; empty if decorative.")
    width: int
    height: int
    url: str = Field(description="Absolute address of the original file.")
    renditions: Renditions


class PageLink(Schema):
    id: int
    title: str
    url: str | None = Field(description="The page's address on the site, e.g. /treatments/x/.")
    type: str = Field(description="The page type, e.g. treatments.TreatmentPage.")


class ErrorMessage(Schema):
    message: str
