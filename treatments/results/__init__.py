"""Before-and-after results for the treatments content model: an optional sub-app.

Adds, when a site puts `treatments.results` in INSTALLED_APPS: patients' consent records
(Site managers only), result cases (a before and an after photo of one treatment, reviewed
like a treatment page), a results gallery on treatment pages and a results page with
filters. A case is shown only while its consent is valid for the website
(`ConsentRecord.objects.valid_for_website`), checked whenever a page or an API response is
built; withdrawing consent takes the case and its photos off the site at once. The content
model imports nothing from here. See docs/results-gallery.md.
"""
