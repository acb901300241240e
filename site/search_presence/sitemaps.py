"""sitemap.xml: Wagtail's sitemap of the site's pages, limited to the pages visitors may
see by the plugin's one rule (treatments/visibility.py), so an expired page leaves it at
its expiry time, not when `publish_scheduled` next runs."""

from wagtail.contrib.sitemaps import Sitemap

from treatments.visibility import visible


class VisiblePagesSitemap(Sitemap):
    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return visible(pages).order_by("path").defer_streamfields().specific()
