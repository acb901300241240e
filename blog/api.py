"""The journal's API endpoints: posts by tag and by treatment, in the clinic content API and
as API v2 filters."""

from ninja import Query, Router
from ninja.errors import HttpError
from pydantic import Field
from rest_framework.filters import BaseFilterBackend
from taggit.models import Tag
from wagtail.api.v2.utils import BadRequestError

from treatments.api.content import find_live, live
from treatments.api.http import (
    ERRORS,
    ListQuery,
    object_id,
    paginated,
    strict_query,
)
from treatments.api.pages import detail_model, page_detail, page_list, site_pages, summary_model
from treatments.models import TreatmentPage

from .models import BlogPage

router = Router(tags=["journal"])
PostList = paginated(summary_model(BlogPage), "PostList")


class PostQuery(ListQuery):
    tag: str | None = Field(None, description="Only posts with this tag slug.")
    treatment: str | None = Field(
        None, description="Only posts about this treatment: its slug or id."
    )


def filter_posts(posts, tag=None, treatment=None):
    """Posts with a tag and/or about a treatment; ValueError names an unknown one."""
    if tag is not None:
        if not Tag.objects.filter(slug=tag).exists():
            raise ValueError(f"No tag '{tag}'. Each post lists its tags with their slugs.")
        posts = posts.filter(tags__slug=tag)
    if treatment is not None:
        treatment = find_live(live(TreatmentPage.objects.all()), treatment, "treatment")
        posts = posts.filter(related_treatments__treatment=treatment)
    return posts.distinct()


@router.get(
    "/posts/",
    response={200: PostList, **ERRORS},
    summary="List posts, newest first, by tag or treatment",
)
@strict_query
def list_posts(request, query: PostQuery = Query(...)):
    posts = site_pages(request, BlogPage).order_by("-date", "-pk")
    try:
        posts = filter_posts(posts, query.tag, query.treatment)
    except ValueError as error:
        raise HttpError(400, str(error)) from None
    return page_list(request, posts, query)


@router.get(
    "/posts/{post_id}/",
    response={200: detail_model(BlogPage), **ERRORS},
    summary="One post with its body, authors and related treatments",
)
@strict_query
def post_detail(request, post_id: int = object_id()):
    return page_detail(request, BlogPage, post_id)


class PostFilter(BaseFilterBackend):
    """API v2: `?tag=<slug>` and `?treatment=<slug or id>` with type=blog.BlogPage."""

    parameters = ("tag", "treatment")

    def filter_queryset(self, request, queryset, view):
        asked = {name: request.GET[name] for name in self.parameters if name in request.GET}
        if not asked:
            return queryset
        if queryset.model is not BlogPage:
            raise BadRequestError(f"{' and '.join(asked)} needs type=blog.BlogPage")
        try:
            return filter_posts(queryset, asked.get("tag"), asked.get("treatment"))
        except ValueError as error:
            raise BadRequestError(str(error)) from None
