"""Clinical review for the treatments content model: an optional sub-app.

Adds, when a site puts `treatments.review` in INSTALLED_APPS: who may publish medical
content and take the site's sections offline (`permissions`), the claims check
(`claims`, Settings › Claims check), the "Clinical review" workflow task that records who
approved a page (`models.ClinicalReviewTask`), Reports › Reviews due (`reports`), and the
editorial roles with their rights (data migrations). It plugs into the content pages
through the extension points in `treatments.editing`; the content model imports nothing
from here. See docs/architecture.md and docs/editorial.md.
"""
