"""Keep a treatment's search entry in step with its condition list (docs/search.md).

A treatment is indexed with the names of the published conditions it treats. Wagtail
indexes a page when its row is saved, but publishing saves the condition list just after
that row, so the entry would describe the previous list; and a condition published,
renamed or unpublished later would never reach it. Both are indexed again once
publishing has finished.
"""

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
    from .models import ConditionPage, TreatmentPage

    page_published.connect(reindex_treatment, sender=TreatmentPage)
    page_published.connect(reindex_treatments_of_condition, sender=ConditionPage)
    page_unpublished.connect(reindex_treatments_of_condition, sender=ConditionPage)
