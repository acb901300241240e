"""Who may see consent records and result cases, and where their files go
(docs/results-gallery.md).

- Consent records: Site managers only (add, change, delete, view). Marketing editors and
  Clinical reviewers get no right at all on them: they see a case's consent only as its
  status ("Valid until …", "Withdrawn").
- Result cases: editors and reviewers add, change and view them; publishing goes through
  the "Clinical review" workflow, assigned here to result cases, whose reviewers approve.
  Site managers may also publish, delete, lock and unlock.
- Two collections under the root: "Consent forms" for the signed forms, private to Site
  managers (a group view restriction; Wagtail serves its documents to nobody else, and
  wagtail_hooks.py refuses them to anyone who may not view consent records), and "Results"
  for the cases' photos.

Only adds what is missing, so a site that changed its groups keeps its changes; a group a
site removed stays removed. Undoing it takes the rights and the workflow assignment away
and leaves the collections (they may hold files).
"""

from django.db import migrations

EDITORS = "Marketing editors"
REVIEWERS = "Clinical reviewers"
MANAGERS = "Site managers"
CLINICAL_REVIEW = "Clinical review"
CONSENT_FORMS = "Consent forms"
RESULTS = "Results"

RIGHTS = {
    EDITORS: [("resultcase", action) for action in ["add", "change", "view"]],
    # Reviewers publish by approving in the "Clinical review" workflow, which needs the right.
    REVIEWERS: [("resultcase", action) for action in ["add", "change", "view", "publish"]],
    MANAGERS: [
        *[("consentrecord", action) for action in ["add", "change", "delete", "view"]],
        *[
            ("resultcase", action)
            for action in ["add", "change", "delete", "view", "publish", "lock", "unlock"]
        ],
    ],
}
# Named again on the consent forms collection, so they hold even if a site narrows the
# managers' rights on the root collection.
CONSENT_FORM_RIGHTS = ["add", "change", "delete", "choose"]

# treebeard's materialised paths: 4 characters per level in this alphabet.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def permission(apps, model_name, action, app_label="treatments_results"):
    """The Permission row, made if `migrate` has not made it yet (it does so at the end)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    verbose = apps.get_model(app_label, model_name)._meta.verbose_name_raw
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model_name}",
        defaults={"name": f"Can {action} {verbose}"},
    )[0]


def _next_child_path(parent, Collection):
    last = (
        Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEPLEN:], 36) + 1 if last else 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEPLEN, "0")


def collection(apps, name):
    """The root's child collection of that name, made if missing (the historical model has no
    treebeard methods: the path is worked out as treebeard would for a last child)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.get(depth=1)
    found = Collection.objects.filter(depth=2, name=name).first()
    if found is not None:
        return found
    child = Collection.objects.create(
        name=name, path=_next_child_path(root, Collection), depth=2, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    return child


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    groups = {group.name: group for group in Group.objects.filter(name__in=RIGHTS)}
    for name, rights in RIGHTS.items():
        if name in groups:
            groups[name].permissions.add(*(permission(apps, *right) for right in rights))

    consent_forms = collection(apps, CONSENT_FORMS)
    collection(apps, RESULTS)
    restrictions = apps.get_model("wagtailcore", "CollectionViewRestriction").objects
    restriction, _ = restrictions.get_or_create(
        collection=consent_forms, defaults={"restriction_type": "groups"}
    )
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    if MANAGERS in groups:
        restriction.groups.add(groups[MANAGERS])
        for action in CONSENT_FORM_RIGHTS:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[MANAGERS],
                collection=consent_forms,
                permission=permission(apps, "document", action, "wagtaildocs"),
            )

    Workflow = apps.get_model("wagtailcore", "Workflow")
    workflow = Workflow.objects.filter(name=CLINICAL_REVIEW).first()
    if workflow is not None:
        ContentType = apps.get_model("contenttypes", "ContentType")
        case_type, _ = ContentType.objects.get_or_create(
            app_label="treatments_results", model="resultcase"
        )
        apps.get_model("wagtailcore", "WorkflowContentType").objects.get_or_create(
            content_type=case_type, defaults={"workflow": workflow}
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, rights in RIGHTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(*(permission(apps, *right) for right in rights))
    apps.get_model("wagtailcore", "WorkflowContentType").objects.filter(
        content_type__app_label="treatments_results",
        content_type__model="resultcase",
        workflow__name=CLINICAL_REVIEW,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("treatments_results", "0002_photos_deleted_on_withdrawal"),
        ("treatments_review", "0004_testimonial_rights"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
