"""The result case's admin form: choosing a consent record without reading it, and the
checks clinic pages' forms have (the claims check, through treatments.editing's hook)."""

from django import forms
from django.db.models import Q
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm

from treatments.editing import PAGE_FORM_CHECK_HOOK

from .consent import valid_for_website
from .models import ConsentRecord


class ConsentChoiceField(forms.ModelChoiceField):
    """A list of consent records by number and status, e.g. "Consent record #12 · Valid
    until 3 March 2027": editors choose one a site manager added without seeing the
    patient's reference or the signed form."""

    def label_from_instance(self, record):
        return f"{record} · {record.status}"


class ResultCaseForm(WagtailAdminModelForm):
    consent = ConsentChoiceField(
        queryset=ConsentRecord.objects.none(),
        label="Patient's consent",
        empty_label="Choose the patient's consent record",
        help_text="The record a site manager made from the patient's signed form (Results › "
        "Consent records). Only records that allow this website are listed.",
        error_messages={
            "required": "Choose the patient's consent record: a case cannot be saved without "
            "one. If it is not listed, ask a site manager to add it.",
            "invalid_choice": "That consent record does not allow this website (withdrawn, "
            "expired or not for the website): choose another.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The case's own record stays listed (with its status) after it stops being valid,
        # so an editor sees why the case is off the site.
        self.fields["consent"].queryset = ConsentRecord.objects.filter(
            valid_for_website() | Q(pk=self.instance.consent_id)
        )

    def clean(self):
        cleaned = super().clean()
        # The same checks as a clinic page's form: e.g. flagged wording is published only
        # by a clinical reviewer (treatments.review).
        for check in hooks.get_hooks(PAGE_FORM_CHECK_HOOK):
            check(self)
        return cleaned
