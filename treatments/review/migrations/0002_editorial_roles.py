"""The editorial roles and the "Clinical review" workflow (docs/editorial.md).

Every install gets three groups, with rights on the whole page tree and the root image and
document collections, and a one-step workflow whose task the clinical reviewers approve.
The workflow is not assigned to any page here: the pages do not exist yet when migrating
(content is imported later), and treatment, condition and medical blog pages find it by
name (permissions.py). Wagtail's sample "Moderators approval" workflow is taken off the
root page, where Wagtail puts it: an assignment there would apply to every page (other
posts included) and would win over the clinical review. Wagtail's sample groups "Editors"
and "Moderators" are removed when nobody is in them: their look-alike names confused people
choosing a group for a new login, and a sample group with members stays, so nobody loses
access.

Until this app existed, the site's `home` app made the same (its migrations 0006 to 0009,
now empty): everything here only adds what is missing, so an existing install is left as
it is. Undoing it removes the three groups and the workflow; the sample groups are not
brought back.
"""

from django.db import migrations

EDITORS = "Marketing editors"
REVIEWERS = "Clinical reviewers"
MANAGERS = "Site managers"
CLINICAL_REVIEW = "Clinical review"
WAGTAIL_SAMPLE_WORKFLOW = "Moderators approval"
WAGTAIL_SAMPLE_GROUPS = ["Editors", "Moderators"]

PAGE_RIGHTS = {
    EDITORS: ["add", "change", "publish"],
    REVIEWERS: ["add", "change", "publish"],
    MANAGERS: ["add", "change", "publish", "bulk_delete", "lock", "unlock"],
}

# (app label, model, action) on the root collection: it covers every collection below it.
COLLECTION_RIGHTS = {
    EDITORS: [
        ("wagtailimages", "image", "add"),
        ("wagtailimages", "image", "change"),
        ("wagtailimages", "image", "choose"),
        ("wagtaildocs", "document", "choose"),
    ],
    REVIEWERS: [
        ("wagtailimages", "image", "choose"),
        ("wagtaildocs", "document", "choose"),
    ],
    MANAGERS: [
        (app, model, action)
        for app, model in [("wagtailimages", "image"), ("wagtaildocs", "document")]
        for action in ["add", "change", "delete", "choose"]
    ]
    + [("wagtailcore", "collection", action) for action in ["add", "change", "delete"]],
}


def crud(app, model, actions=("add", "change", "delete", "view")):
    return [(app, model, action) for action in actions]


# Model permissions that apply everywhere. Everyone gets into the admin; editors and
# reviewers may choose practitioners (as post authors) but not change them.
GLOBAL_RIGHTS = {
    EDITORS: [("wagtailadmin", "admin", "access"), ("treatments", "practitioner", "view")],
    REVIEWERS: [
        ("wagtailadmin", "admin", "access"),
        ("treatments", "practitioner", "view"),
        ("treatments", "treatmentpage", "publish_clinical_content"),
    ],
    MANAGERS: [
        ("wagtailadmin", "admin", "access"),
        ("treatments", "treatmentpage", "publish_clinical_content"),
        ("treatments", "treatmentpage", "manage_site_sections"),
        ("treatments", "treatmentpage", "delete"),
        *crud("treatments", "practitioner"),
        *crud("auth", "user"),
        *crud("auth", "group"),
        ("treatments", "clinicsettings", "change"),
        ("treatments_review", "claimschecksettings", "change"),
        *crud("wagtailcore", "workflow", ("add", "change", "delete")),
        *crud("wagtailcore", "task", ("add", "change", "delete")),
        *crud("wagtailcore", "site", ("add", "change", "delete")),
    ],
}


def get_permission(apps, app_label, model_name, action):
    """The Permission row, made if `migrate` has not made it yet (it does so at the end).

    `action` is "change" for change_<model>, or a codename from the model's Meta.permissions.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    opts = apps.get_model(app_label, model_name)._meta
    custom = dict(opts.permissions)
    codename = action if action in custom else f"{action}_{model_name}"
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": custom.get(codename, f"Can {action} {opts.verbose_name_raw}")},
    )
    return permission


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    groups = {}
    for name in [EDITORS, REVIEWERS, MANAGERS]:
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for action in PAGE_RIGHTS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=get_permission(apps, "wagtailcore", "page", action),
            )
        for app_label, model_name, action in COLLECTION_RIGHTS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=get_permission(apps, app_label, model_name, action),
            )
        group.permissions.add(*(get_permission(apps, *right) for right in GLOBAL_RIGHTS[name]))

    ContentType = apps.get_model("contenttypes", "ContentType")
    ClinicalReviewTask = apps.get_model("treatments_review", "ClinicalReviewTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    task = ClinicalReviewTask.objects.filter(name=CLINICAL_REVIEW).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="treatments_review", model="clinicalreviewtask"
        )
        task = ClinicalReviewTask.objects.create(
            name=CLINICAL_REVIEW, active=True, content_type=task_type
        )
    task.groups.add(groups[REVIEWERS])
    workflow, _ = Workflow.objects.get_or_create(name=CLINICAL_REVIEW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task_id=task.pk, defaults={"sort_order": 0}
    )
    apps.get_model("wagtailcore", "WorkflowPage").objects.filter(
        page=root_page, workflow__name=WAGTAIL_SAMPLE_WORKFLOW
    ).delete()
    Group.objects.filter(name__in=WAGTAIL_SAMPLE_GROUPS, user__isnull=True).delete()


def remove_roles(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    sample = Workflow.objects.filter(name=WAGTAIL_SAMPLE_WORKFLOW).first()
    if sample is not None:
        apps.get_model("wagtailcore", "WorkflowPage").objects.get_or_create(
            page=Page.objects.get(depth=1), defaults={"workflow": sample}
        )
    Workflow.objects.filter(name=CLINICAL_REVIEW).delete()
    ClinicalReviewTask = apps.get_model("treatments_review", "ClinicalReviewTask")
    Task = apps.get_model("wagtailcore", "Task")
    task_ids = list(
        ClinicalReviewTask.objects.filter(name=CLINICAL_REVIEW).values_list("pk", flat=True)
    )
    Task.objects.filter(pk__in=task_ids).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, REVIEWERS, MANAGERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("treatments_review", "0001_from_treatments"),
        ("treatments", "0007_move_clinical_review_models"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
