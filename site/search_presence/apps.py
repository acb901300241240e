from django.apps import AppConfig


class SearchPresenceConfig(AppConfig):
    """What search engines and link previews read: the {% seo_meta %} tag behind every page's
    title, description and share tags, robots.txt, the favicon, and the 500 page."""

    name = "search_presence"
    verbose_name = "Search engines and link previews"
