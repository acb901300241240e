"""The clinic's booking widget in a real browser, under the page's security policy
(docs/deployment.md#security): the widget's origin may show its frame in the treatment
page, and a frame from any other origin is still blocked.

Two stand-in booking systems run on other loopback addresses, each noting the requests it
gets: the clinic's ("another system's widget" in Settings › Clinic details) and a stranger.
The admin accepts only https widget addresses; the stand-in is plain http on loopback, so
the test stores the setting directly, as the rule under test is the policy, not the form.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.treatments.factories import build_indexes, make_treatment
from tests.treatments.test_booking_providers import SESSION_FACTS, clinic_booking


class StandIn:
    """A booking system on its own loopback address: serves a small page, notes each path."""

    def __init__(self, host):
        self.requests = []
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                requests.append(self.path)
                body = b"<!DOCTYPE html><title>Booking</title><h1>Stand-in booking</h1>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.origin = f"http://{host}:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def booking_system():
    system = StandIn("127.0.0.2")
    yield system
    system.stop()


@pytest.fixture
def stranger():
    system = StandIn("127.0.0.3")
    yield system
    system.stop()


@pytest.mark.django_db(transaction=True)
def test_the_widget_loads_and_a_frame_from_any_other_origin_is_blocked(
    browser_page, home_page, booking_system, stranger
):
    treatments, _ = build_indexes(home_page)
    make_treatment(treatments, "Microneedling", body=[SESSION_FACTS])
    clinic_booking("embed", f"{booking_system.origin}/book?clinic=juniper")
    page = browser_page

    response = page.goto("/treatments/microneedling/")
    policy = response.headers["content-security-policy"]
    assert f"frame-src {booking_system.origin};" in policy + ";"
    assert "'unsafe-inline'" not in policy

    # The booking button leads to the widget, which loads the clinic's booking page.
    page.get_by_role("link", name="Book a consultation").first.click()
    widget = page.frame_locator("iframe.booking-widget")
    widget.get_by_role("heading", name="Stand-in booking").wait_for()
    assert booking_system.requests == ["/book?clinic=juniper"]
    assert page.evaluate("window.cspViolations") == []

    # A frame from any other origin, as injected code would add it, is refused.
    page.evaluate(
        """(src) => {
            const frame = document.createElement("iframe");
            frame.src = src;
            document.body.append(frame);
        }""",
        f"{stranger.origin}/steal",
    )
    page.wait_for_function("window.cspViolations.length > 0")
    # (Browsers report only the origin of a blocked address from another site.)
    assert page.evaluate("window.cspViolations") == [f"frame-src {stranger.origin}"]
    assert any("Content Security Policy" in text for text in page.console_messages)
    # Given time to arrive, no request ever reached the stranger.
    page.wait_for_timeout(500)
    assert stranger.requests == []
