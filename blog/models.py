import datetime

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, WorkflowState
from wagtail.search import index

from treatments.blocks import RICH_TEXT_FEATURES, ArticleBodyBlock
from treatments.editing import ClinicCopyForm, ClinicPageMixin
from treatments.models import (
    ClinicPageForm,
    HeroImageMixin,
    TreatmentPage,
    linked_pages,
    with_card_images,
)
from treatments.numbers import is_whole_number, whole_number
from treatments.panels import ChosenTitleInlinePanel
from treatments.review.permissions import can_publish_clinical_content
from treatments.search import CompoundWordsMixin, compound_words_field
from treatments.text import reading_minutes
from treatments.visibility import visible

from .api_fields import index_fields, post_fields

POSTS_PER_PAGE = 10
FEED_LENGTH = 20


def with_card_details(queryset):
    """Posts with what a card shows (image, authors, tags) fetched in bulk."""
    return with_card_images(queryset).prefetch_related(
        Prefetch("authors", queryset=BlogPageAuthor.objects.select_related("practitioner")),
        "tags",
    )


def nearest_page_number(raw, last):
    """Junk or out-of-range ?page= values give the nearest real page, never an error.

    A number is the digits 0-9 alone (treatments/numbers.py): "２" or "٩" is junk, as
    "abc" is, while a number of any length past the last page is the last page.
    """
    if not is_whole_number(raw):
        return 1
    number = whole_number(raw, last)
    return last if number is None else max(number, 1)


class BlogIndexPage(ClinicPageMixin, RoutablePageMixin, Page):
    """The journal: the newest posts first, ten a page, filterable by tag, with feeds."""

    intro = RichTextField(
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="A short introduction shown above the list of posts.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = index_fields()

    schema_org_type = "CollectionPage"  # for search engines: a page listing others
    is_site_section = True
    base_form_class = ClinicPageForm
    copy_form_class = ClinicCopyForm
    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.BlogPage"]
    max_count_per_parent = 1
    template = "blog/blog_index_page.html"
    # The query parameters its listing reads: the page cache keeps a copy per value, and
    # none of an address with any other (site/page_cache/).
    page_cache_parameters = ("page", "tag")
    # The admin lists posts as the journal does: the newest publication date first.
    admin_default_ordering = ("-blogpage__date", "-pk")

    class Meta:
        verbose_name = "blog index"

    def posts(self, tag=None):
        posts = visible(BlogPage.objects.child_of(self)).order_by("-date", "-pk")
        if tag:
            posts = posts.filter(tags__slug=tag)
        return posts

    def render_list(self, request, tag=None):
        paginator = Paginator(with_card_details(self.posts(tag)), POSTS_PER_PAGE)
        posts = paginator.page(nearest_page_number(request.GET.get("page"), paginator.num_pages))
        active_tag = Tag.objects.filter(slug=tag).first() if tag else None
        response = self.render(
            request,
            context_overrides={
                "posts": posts,
                "tag": tag,
                "tag_name": active_tag.name if active_tag else tag,
            },
        )
        if not (
            (tag is None or active_tag is not None)
            and request.GET.get("tag") in (None, tag)
            and request.GET.get("page") in (None, str(posts.number))
        ):
            # Junk, an out-of-range ?page= or a tag nobody uses: shown as above, but never
            # kept by a cache (each made-up value would be one more copy).
            patch_cache_control(response, no_cache=True)
        return response

    @path("")
    def index(self, request):
        tag = slugify(request.GET.get("tag", ""))[:100] or None
        return self.render_list(request, tag)

    @path("tag/<slug:tag>/", name="tag")
    def tag(self, request, tag):
        return self.render_list(request, tag)

    @path("feed/rss/", name="rss")
    def rss(self, request):
        from .feeds import LatestPostsRSS

        return LatestPostsRSS(self)(request)

    @path("feed/atom/", name="atom")
    def atom(self, request):
        from .feeds import LatestPostsAtom

        return LatestPostsAtom(self)(request)

    @re_path(r"^feed/$")
    def feed(self, request):
        return self.rss(request)


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("blog.BlogPage", on_delete=models.CASCADE, related_name="tagged")


class BlogPageForm(ClinicPageForm):
    """Keeps "medical content" honest: a medical post is published only by a clinical
    reviewer, and only medical posts are sent to Clinical review."""

    def clean(self):
        cleaned = super().clean()
        medical = cleaned.get("is_medical")
        if (
            medical
            and self.data.get("action-publish")
            and self.for_user is not None
            and not can_publish_clinical_content(self.for_user)
        ):
            self.add_error(
                "is_medical",
                "Medical posts are published by a clinical reviewer. Save the post as a "
                "draft, then submit it to Clinical review.",
            )
        if not medical and self.starts_workflow() and self.instance.assigned_workflow() is None:
            self.add_error(
                "is_medical",
                "Only medical posts go to Clinical review. Tick this box to send the post for "
                "review, or publish it yourself.",
            )
        return cleaned

    def starts_workflow(self):
        """Whether the button pressed starts a new review (resubmitting one does not)."""
        if not self.instance.pk:
            return False
        if self.data.get("action-restart-workflow"):
            return True
        state = self.instance.current_workflow_state
        return bool(self.data.get("action-submit")) and not (
            state and state.status == WorkflowState.STATUS_NEEDS_CHANGES
        )


class BlogPage(ClinicPageMixin, CompoundWordsMixin, HeroImageMixin, Page):
    """A journal post, written by practitioners and linked to the treatments it discusses.

    A post marked as medical content needs a clinical reviewer to publish it, and goes
    through the "Clinical review" workflow (treatments/permissions.py).
    """

    date = models.DateField(
        "publication date",
        default=datetime.date.today,
        help_text="Shown on the post; the journal lists the newest first.",
    )
    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences that sum up the post. Shown on cards, in feeds and "
        "to apps.",
    )
    tags = ClusterTaggableManager(
        through=BlogPageTag,
        blank=True,
        help_text="Topics, e.g. microneedling, aftercare. Visitors can list posts by tag.",
    )
    body = StreamField(ArticleBodyBlock(), help_text="The post itself.")
    is_medical = models.BooleanField(
        "medical content",
        default=False,
        help_text="Tick if the post gives medical or treatment advice: a clinical reviewer must "
        "then approve it before it is published.",
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("date"),
            FieldPanel("summary"),
            FieldPanel("is_medical"),
            ChosenTitleInlinePanel(
                "authors",
                title_from="practitioner",
                heading="Authors",
                label="Author",
                help_text="Drag to reorder.",
            ),
            FieldPanel("tags"),
        ]
        + HeroImageMixin.hero_panels
        + [
            FieldPanel("body"),
            MultiFieldPanel(
                [
                    ChosenTitleInlinePanel(
                        "related_treatments", title_from="treatment", label="Treatment"
                    )
                ],
                heading="Related treatments",
                help_text="Treatments this post is about: shown as cards under the post, and "
                "the post appears on those treatment pages.",
            ),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        compound_words_field,
        index.FilterField("date"),
    ]
    api_fields = post_fields(ArticleBodyBlock())

    base_form_class = BlogPageForm
    copy_form_class = ClinicCopyForm
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    template = "blog/blog_page.html"
    serve_select_related = ("hero_image",)

    class Meta:
        verbose_name = "blog post"

    def needs_clinical_review(self, include_saved=False):
        """Medical posts need a clinical reviewer. With `include_saved`, so does a post whose
        live version or latest draft is marked medical: unticking the box in a draft does
        not let an editor publish it from the page list."""
        if not (include_saved and self.pk):
            return self.is_medical
        if "_saved_as_medical" not in self.__dict__:  # asked several times per page listed
            saved = BlogPage.objects.filter(pk=self.pk).filter(
                Q(is_medical=True) | Q(latest_revision__content__is_medical=True)
            )
            self._saved_as_medical = saved.exists()
        # A post from a page listing has not loaded `is_medical`: the query covered it.
        return self._saved_as_medical or self.__dict__.get("is_medical", False)

    def author_names(self):
        return [author.practitioner.name for author in self.authors.all()]

    @property
    def reading_minutes(self):
        """About how long the post takes to read, for its card and header."""
        return reading_minutes(self.body.raw_data)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = self.authors.select_related("practitioner", "practitioner__photo")
        context["treatments"] = SimpleLazyObject(
            lambda: [
                page
                for _, page in linked_pages(
                    self.related_treatments,
                    "treatment",
                    with_card_images(visible(TreatmentPage.objects.all())),
                )
            ]
        )
        return context


class BlogPageAuthor(Orderable):
    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="authors")
    practitioner = models.ForeignKey(
        "treatments.Practitioner",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Add people under Snippets › Practitioners.",
    )

    panels = [FieldPanel("practitioner")]


class BlogRelatedTreatment(Orderable):
    page = ParentalKey(BlogPage, on_delete=models.CASCADE, related_name="related_treatments")
    treatment = models.ForeignKey(
        "treatments.TreatmentPage", on_delete=models.CASCADE, related_name="related_posts"
    )

    panels = [PageChooserPanel("treatment", "treatments.TreatmentPage")]


def latest_posts(limit, treatment=None):
    """The newest live posts, optionally only those related to a treatment."""
    posts = visible(BlogPage.objects.all()).order_by("-date", "-pk")
    if treatment is not None:
        if treatment.pk is None:  # the preview of a treatment never saved
            return BlogPage.objects.none()
        posts = posts.filter(related_treatments__treatment=treatment)
    return with_card_details(posts)[:limit]
