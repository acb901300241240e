"""The treatments plugin as a headless CMS.

`values` and `streamfield` turn pages, images and blocks into resolved JSON; `fields`
declares each page type's API fields once, for both Wagtail's API v2 (`v2`) and the
typed, OpenAPI-described API v3 (`v3`, `pages`). A site composes the endpoints.
"""
