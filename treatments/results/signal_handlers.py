"""Saving a consent record that is withdrawn, or whose expiry date has passed, takes its
cases' photos off the site in the same transaction (withdrawal.py)."""

from django.db.models.signals import post_save

from .models import ConsentRecord
from .withdrawal import awaiting_withdrawal, withdraw


def withdraw_when_spent(sender, instance, raw=False, **kwargs):
    if raw or not awaiting_withdrawal().filter(pk=instance.pk).exists():
        return
    withdraw(instance, reason="withdrawn" if instance.withdrawn_on else "expired")


def register_signal_handlers():
    post_save.connect(
        withdraw_when_spent, sender=ConsentRecord, dispatch_uid="results_withdraw_when_spent"
    )
