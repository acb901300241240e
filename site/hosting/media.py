"""Photos from local disk when there is no bucket (docs/deployment.md).

Only `original_images/` and `images/` (renditions) are served, and only when SERVE_MEDIA
(production without a bucket) or DEBUG says so. Documents are never served from here:
Wagtail's document view applies their collection's privacy and the download rule.
"""

from django.conf import settings
from django.http import Http404
from django.views.static import serve


def serve_photo(request, path):
    if not (settings.DEBUG or settings.SERVE_MEDIA):
        raise Http404("Uploads are served by the storage bucket.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
