"""Drafts sent to a headless front end to preview (preview.py)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class PagePreview(models.Model):
    """An unsaved page sent to a headless front end to preview, found by its token.

    The front end reads it from the API (`/api/clinic/v1/preview/`, `/api/v2/page_preview/`);
    without a valid, unexpired token a draft is never returned.
    """

    token = models.CharField(max_length=64, unique=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    content = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    LIFETIME = timedelta(hours=getattr(settings, "TREATMENTS_PREVIEW_TOKEN_HOURS", 1))

    class Meta:
        db_table = "treatments_pagepreview"

    @classmethod
    def create_for(cls, page):
        cls.objects.filter(created_at__lt=timezone.now() - cls.LIFETIME).delete()
        return cls.objects.create(
            token=secrets.token_urlsafe(32),
            content_type=ContentType.objects.get_for_model(page),
            content=page.serializable_data(),
        )

    @classmethod
    def find(cls, content_type, token):
        """The previewed page for a `content_type` ('app.model') and token, or None."""
        app_label, _, model_name = (content_type or "").partition(".")
        preview = (
            cls.objects.filter(
                token=token or "",
                content_type__app_label=app_label,
                content_type__model=model_name.lower(),
                created_at__gte=timezone.now() - cls.LIFETIME,
            )
            .select_related("content_type")
            .first()
        )
        if preview is None:
            return None
        return preview.content_type.model_class().from_serializable_data(preview.content)

    @property
    def content_type_label(self):
        return f"{self.content_type.app_label}.{self.content_type.model}"
