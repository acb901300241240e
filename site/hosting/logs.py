"""One JSON object per log line, for log collectors reading stdout (docs/deployment.md).

Only the record's message and a few safe request facts are written: method, path (without
the query string), status and the client's address are never joined by form fields,
cookies or request bodies.
"""

import json
import logging
from datetime import UTC, datetime


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = request.method
            entry["path"] = request.path
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class AsWarning(logging.Filter):
    """Turns a record into a WARNING without its traceback.

    For django.security.DisallowedHost: Django logs each request with a Host header outside
    ALLOWED_HOSTS at ERROR with a traceback, although it is the client's mistake (often a
    scanner) and the traceback only ever shows where Django checked the header. One WARNING
    line per request, with the path and the 400, says all there is.
    """

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = record.stack_info = None
        # Django asked at ERROR; honour a LOG_LEVEL above WARNING all the same.
        return logging.getLogger(record.name).isEnabledFor(logging.WARNING)
