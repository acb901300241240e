"""Keep a treatment's search entry in step with its condition list (docs/search.md), and
privacy settings read once per request (visibility.py).

A treatment is indexed with the names of the published conditions it treats. Wagtail
indexes a page when its row is saved, but publishing saves the condition list just after
that row, so the entry would describe the previous list; and a condition published,
renamed or unpublished later would never reach it. Both are indexed again once
publishing has finished.
"""

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished


def reindex_treatment(sender, instance, **kwargs):
    # From the database: the published instance holds its conditions in memory.
    index.insert_or_update_object(type(instance).objects.get(pk=instance.pk))


def reindex_treatments_of_condition(sender, instance, **kwargs):
    from .models import TreatmentPage

    treatments = TreatmentPage.objects.filter(treated_conditions__condition=instance).distinct()
    for treatment in treatments:
        index.insert_or_update_object(treatment)


def register_signal_handlers():
    from . import visibility
    from .models import ConditionPage, TreatmentPage

    request_started.connect(visibility.start_request, dispatch_uid="treatments_privacy_start")
    request_finished.connect(visibility.end_request, dispatch_uid="treatments_privacy_end")
    for signal in (post_save, post_delete):
        signal.connect(
            visibility.forget_restrictions,
            sender=PageViewRestriction,
            dispatch_uid=f"treatments_privacy_changed_{signal is post_save}",
        )

    page_published.connect(reindex_treatment, sender=TreatmentPage)
    page_published.connect(reindex_treatments_of_condition, sender=ConditionPage)
    page_unpublished.connect(reindex_treatments_of_condition, sender=ConditionPage)
