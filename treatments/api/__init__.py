"""The treatments plugin as a headless CMS.

`values` and `streamfield` turn pages, images and blocks into resolved JSON; `fields`
declares each page type's API fields once, for both Wagtail's API v2 (`v2`) and the
typed, OpenAPI-described clinic content API (`clinic_api`, `pages`). A site composes the
endpoints.
"""
