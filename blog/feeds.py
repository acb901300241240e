import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .models import FEED_LENGTH


class LatestPostsRSS(Feed):
    """The latest posts of one journal, with absolute links and summaries."""

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.url

    def description(self):
        return f"The latest posts from {self.index_page.get_site().site_name or 'the clinic'}."

    def items(self):
        return self.index_page.posts().prefetch_related("authors__practitioner", "tags")[
            :FEED_LENGTH
        ]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.date, datetime.time(9, tzinfo=datetime.UTC))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(item.author_names()) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class LatestPostsAtom(LatestPostsRSS):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
