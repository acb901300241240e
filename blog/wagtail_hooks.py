from wagtail import hooks

from treatments.models import PRACTITIONER_PAGES_HOOK, ProfileSection
from treatments.visibility import visible

from .models import BlogPage, with_card_details


@hooks.register(PRACTITIONER_PAGES_HOOK)
def posts_by(practitioner, request):
    """A practitioner's profile lists the journal posts they wrote, newest first.

    The plugin asks through this hook: the journal depends on the plugin, never the reverse.
    """
    posts = visible(BlogPage.objects.filter(authors__practitioner=practitioner).distinct())
    posts = with_card_details(posts.order_by("-date", "-pk"))
    return ProfileSection("Journal posts", list(posts), "blog/includes/profile_post_card.html")
