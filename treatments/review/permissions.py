"""Who may publish, unpublish and delete medical content, and which workflow reviews it.

Page permissions in Wagtail are granted per section of the page tree, so a group that may
publish anywhere may also publish a treatment. For clinic pages (the content model's
`ClinicPageMixin`, through its extension points, see wagtail_hooks.py) this tightens that:

- treatment and condition pages (and any page whose `needs_clinical_review()` says so,
  e.g. a blog post marked as medical) are published and unpublished only by users with
  `treatments.publish_clinical_content`; a live one is deleted or moved only by them;
- treatment pages are deleted (or moved) only by users with `treatments.delete_treatmentpage`;
- the home page and the section list pages (treatments, conditions, journal, team) are
  unpublished, made private, given an expiry date, moved or deleted only by users with
  `treatments.manage_site_sections`: any of those takes every page below them off the site;
- those pages go through the "Clinical review" workflow unless a workflow is assigned to
  them or a page above them in Settings › Workflows.

Superusers keep every right. The roles using these permissions are described in
docs/editorial.md.
"""

from django.conf import settings
from django.utils.functional import cached_property
from wagtail.models import PagePermissionTester, Workflow

from treatments.models import MANAGE_SITE_SECTIONS, PUBLISH_CLINICAL_CONTENT

# The workflow this app's data migration creates for clinical sign-off. Pages needing review
# find it by this name.
CLINICAL_REVIEW_WORKFLOW = getattr(
    settings, "TREATMENTS_CLINICAL_REVIEW_WORKFLOW", "Clinical review"
)


def can_publish_clinical_content(user):
    return user.is_active and user.has_perm(PUBLISH_CLINICAL_CONTENT)


def can_manage_site_sections(user):
    return user.is_active and (user.is_superuser or user.has_perm(MANAGE_SITE_SECTIONS))


def clinical_review_workflow():
    """The active "Clinical review" workflow, or None when the site has none."""
    if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
        return None
    return Workflow.objects.filter(name=CLINICAL_REVIEW_WORKFLOW, active=True).first()


class ReorderingPermissionTester(PagePermissionTester):
    """Wagtail treats dragging a page to another place in its own list as a move, which
    needs the right to delete it. Reordering changes no address and takes nothing off the
    site, so it needs only what reordering a list needs (publishing in it): marketing
    editors reorder treatments and the menu, while moving elsewhere stays restricted."""

    def can_move_to(self, destination):
        if self.page.is_child_of(destination):
            return destination.permissions_for_user(self.user).can_reorder_children()
        return super().can_move_to(destination)


class ClinicalContentPermissionTester(ReorderingPermissionTester):
    """Wagtail's page rights, minus publishing medical content without clinical sign-off.

    `delete_permission`, when given, is also needed to delete or move the page.
    """

    def __init__(self, user, page, delete_permission=None):
        super().__init__(user, page)
        self.delete_permission = delete_permission

    @cached_property
    def has_clinical_rights(self):
        if self.user.is_superuser or can_publish_clinical_content(self.user):
            return True
        # Saved versions count too: a medical draft must not go live from the page list.
        return not self.page.needs_clinical_review(include_saved=True)

    def can_publish(self):
        return super().can_publish() and self.has_clinical_rights

    def can_unpublish(self):
        return super().can_unpublish() and self.has_clinical_rights

    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if self.user.is_superuser:
            return True
        if self.delete_permission and not self.user.has_perm(self.delete_permission):
            return False
        # Deleting (or moving) a live page takes it off its address, like unpublishing.
        return not self.page.live or self.has_clinical_rights


class SiteSectionPermissionTester(ReorderingPermissionTester):
    """For the home page and the section list pages, which hold the rest of the site.

    Editors edit and publish them, but unpublishing one, making it private, moving or
    deleting it takes every page below it off the site (and out of the APIs and the
    sitemap): that needs `treatments.manage_site_sections`.
    """

    @cached_property
    def may_manage_sections(self):
        return can_manage_site_sections(self.user)

    def can_unpublish(self):
        return super().can_unpublish() and self.may_manage_sections

    def can_set_view_restrictions(self):
        return super().can_set_view_restrictions() and self.may_manage_sections

    def can_delete(self, ignore_bulk=False):  # also decides moving (can_move)
        return super().can_delete(ignore_bulk=ignore_bulk) and self.may_manage_sections


class ClinicalSectionPermissionTester(SiteSectionPermissionTester):
    """For a list page (treatments, conditions) whose new subpages need clinical sign-off.

    Without it, the admin offers "Publish" when creating a subpage, and copies keep their
    live status; neither is allowed without `treatments.publish_clinical_content`.
    """

    def can_publish_subpage(self):
        return super().can_publish_subpage() and (
            self.user.is_superuser or can_publish_clinical_content(self.user)
        )


def tester_for(page, user):
    """The permission tester for a clinic page (treatments.editing.ClinicPageMixin), chosen
    by what the page says it is: a section list of medical content, another section (the
    home page, the journal, the team), or a page that may hold medical content."""
    if page.lists_clinical_content:
        return ClinicalSectionPermissionTester(user, page)
    if page.is_site_section:
        return SiteSectionPermissionTester(user, page)
    return ClinicalContentPermissionTester(user, page, page.delete_permission)


def workflow_for(page):
    """The "Clinical review" workflow for a clinic page with no workflow assigned in
    Settings › Workflows, when it needs clinical sign-off or lists pages that do.

    Wagtail finds a page's workflow from assignments to it or a page above it; a section
    created after the site was set up (the demo import, a new clinic) has none, so it falls
    back to the workflow by name. A list offers it so that a new treatment or condition can
    be submitted straight from the create form.
    """
    if page.lists_clinical_content or page.needs_clinical_review():
        return clinical_review_workflow()
    return None
