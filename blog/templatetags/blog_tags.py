from django import template

from blog.models import latest_posts

register = template.Library()


@register.inclusion_tag("blog/includes/post_list.html", takes_context=True)
def posts_about(context, treatment, limit=3):
    """The latest posts related to a treatment, for the foot of its page."""
    return {
        "request": context.get("request"),
        "posts": latest_posts(limit, treatment=treatment),
        "heading": f"From our journal: {treatment.title.lower()}",
        "heading_id": "related-posts",
    }


@register.inclusion_tag("blog/includes/post_list.html", takes_context=True)
def newest_posts(context, limit=3):
    return {
        "request": context.get("request"),
        "posts": latest_posts(limit),
        "heading": "From our journal",
        "heading_id": "latest-posts",
    }
