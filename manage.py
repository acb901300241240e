#!/usr/bin/env python
"""Django's command-line utility for the clinic site."""

import os
import sys
from pathlib import Path

# The project configuration lives in site/ (a folder, not a package: `site`
# is a standard-library module name). Put it on the path so `clinicsite`
# imports from here, as it does under WSGI, gunicorn and pytest.
ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinicsite.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
