"""The addresses of Wagtail's password forms, answered by the throttled views first.

The paths are Wagtail's own (wagtail/urls.py, wagtail/documents/urls.py), so the forms Wagtail
renders post here unchanged. Included in clinicsite/urls.py before Wagtail's URLs.
"""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.page_password,
    ),
    path("documents/authenticate_with_password/<int:restriction_id>/", views.document_password),
]
