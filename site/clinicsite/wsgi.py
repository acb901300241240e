"""WSGI entry point: `clinicsite.wsgi:application`."""

import os
import sys
from pathlib import Path

# The apps (home, treatments, blog) live at the repository root, one level
# above site/; make them importable however the server was started.
ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "site"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinicsite.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

# Read the templates' digest now, once, rather than in each worker's first kept page: with
# gunicorn's preload the workers inherit it (treatments/fragments.py).
from treatments.fragments import templates_version  # noqa: E402

templates_version()
