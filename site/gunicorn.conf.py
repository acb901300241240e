"""gunicorn settings: `gunicorn -c site/gunicorn.conf.py clinicsite.wsgi`.

Every value can be overridden from the environment (WEB_CONCURRENCY, PORT).
"""

import os
from pathlib import Path

_root = Path(__file__).resolve().parent.parent

pythonpath = f"{_root / 'site'},{_root}"
chdir = str(_root)
wsgi_app = "clinicsite.wsgi:application"
bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 30
# The longest request line gunicorn accepts (its default is 4094 bytes): a long address,
# e.g. an API `find/?html_path=…`, then reaches the app and gets its JSON 400, not
# gunicorn's HTML 414. Longer lines still get the 414 (docs/api.md, "Bad input").
limit_request_line = 8190
accesslog = "-"
errorlog = "-"
# gunicorn 27 otherwise opens a control socket in the home folder, which a
# read-only container or a shared host may not allow.
control_socket_disable = True
