"""Error reports through the real Honeybadger client to a loopback stand-in (P13, H27, H34)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client, override_settings

from cms.monitoring import honeybadger_settings, scrub_value
from tests.factories.accounts import VerifiedUserFactory
from tests.legal.fake_posthog import QUICK, STALL, HangingServer, refusing_url
from tests.storefront.checkout.test_checkout import VALID, fill_basket, form_token, shop  # noqa: F401

pytestmark = pytest.mark.django_db

CLIENT_IP = "95.56.187.203"
FORWARDED_IP = "178.89.12.34"


class FakeHoneybadger:
    """Answers POST /v1/notices/ like Honeybadger's API and keeps every notice."""

    def __init__(self):
        self.notices: list[dict] = []
        self.raw: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                owner.raw.append(body)
                owner.notices.append(json.loads(body))
                self.send_response(201)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"id": "1"}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def with_honeybadger(endpoint: str, force_sync: bool = True):
    config = honeybadger_settings("test-honeybadger-key", "production", endpoint=endpoint)
    config["FORCE_SYNC"] = force_sync
    return override_settings(
        HONEYBADGER=config,
        MIDDLEWARE=[*settings.MIDDLEWARE, "honeybadger.contrib.DjangoHoneybadgerMiddleware"],
    )


@pytest.fixture(autouse=True)
def quiet_honeybadger():
    """The client is a process-wide singleton: leave it without a key after each test."""
    yield
    from honeybadger import honeybadger

    honeybadger.configure(api_key="", endpoint="http://127.0.0.1:9", force_sync=False)


def failing_checkout(client: Client) -> None:
    """A checkout whose save fails with the shopper's details in the error message."""
    data = {**VALID, "token": form_token(client)}
    boom = RuntimeError(f"could not store {VALID['email']} / +77071234567 for {VALID['street']}")
    with mock.patch("storefront.checkout.services.store_inquiry", side_effect=boom):
        response = client.post(
            "/en/checkout/", data, REMOTE_ADDR=CLIENT_IP, HTTP_X_FORWARDED_FOR=FORWARDED_IP
        )
    assert response.status_code == 500


@pytest.mark.promise("P13")
@pytest.mark.hardening("H27")
def test_an_error_report_holds_no_personal_data(shop):  # noqa: F811
    shopper = VerifiedUserFactory(email="aigerim.private@example.com", first_name="Aigerim")
    with FakeHoneybadger() as honeybadger, with_honeybadger(honeybadger.url):
        client = Client(raise_request_exception=False)  # its middleware chain includes Honeybadger
        client.force_login(shopper)
        fill_basket(client, shop)
        failing_checkout(client)

    assert len(honeybadger.notices) == 1
    notice = honeybadger.notices[0]
    # What a developer needs is there: the error, where it happened, the route.
    assert notice["error"]["class"] == "RuntimeError"
    assert notice["error"]["backtrace"]
    assert notice["request"]["url"].endswith("/en/checkout/")
    assert notice["request"]["local_variables"] is None
    # Nothing about the person or their connection.
    text = honeybadger.raw[0]
    for personal in (
        VALID["first_name"],
        VALID["last_name"],
        VALID["email"],
        VALID["street"],
        VALID["postal_code"],
        VALID["instructions"],
        "707 123 45 67",
        "+77071234567",
        shopper.email,
        CLIENT_IP,
        FORWARDED_IP,
        client.cookies[settings.SESSION_COOKIE_NAME].value,
        client.cookies[settings.CSRF_COOKIE_NAME].value,
    ):
        assert personal not in text, personal


@pytest.mark.hardening("H27")
def test_secret_paths_are_reported_as_their_route(site_pages):
    reference = "NR-7K3F9Q"
    boom = RuntimeError("lookup failed")
    with (
        FakeHoneybadger() as honeybadger,
        with_honeybadger(honeybadger.url),
        mock.patch("storefront.checkout.views.own_inquiry", side_effect=boom),
    ):
        client = Client(raise_request_exception=False)
        response = client.get(f"/en/checkout/done/{reference}/?utm=a@b.kz")
    assert response.status_code == 500
    assert reference not in honeybadger.raw[0]
    assert "a@b.kz" not in honeybadger.raw[0]


@pytest.mark.hardening("H27")
def test_scrubbing_reaches_nested_values():
    assert scrub_value({"meta": {"customer_email": "x@y.kz", "note": "call +7 707 000 11 22"}}) == {
        "meta": {"customer_email": "[FILTERED]", "note": "call [FILTERED]"}
    }


@pytest.mark.hardening("H34")
@pytest.mark.parametrize("kind", ["refuses", "hangs"])
# The honeybadger client lets its sending thread die with the connection error: here that is the
# expected outcome, not a warning worth printing.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_an_unreachable_honeybadger_never_holds_a_shopper(shop, kind):  # noqa: F811
    """Reports go out on their own thread: the shopper's 500 page and the next checkout are quick."""
    threads_before = set(threading.enumerate())
    with HangingServer(hold=STALL) as hanging:
        endpoint = refusing_url() if kind == "refuses" else hanging.url
        with with_honeybadger(endpoint, force_sync=False):
            client = Client(raise_request_exception=False)
            fill_basket(client, shop)
            form_token(client)  # warm up templates and URL resolution
            started = time.perf_counter()
            failing_checkout(client)
            failed_in = time.perf_counter() - started

            data = {**VALID, "token": form_token(client)}
            started = time.perf_counter()
            response = client.post("/en/checkout/", data)
            checkout_in = time.perf_counter() - started
        if kind == "hangs":
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and not hanging.connections:
                time.sleep(0.05)
            assert hanging.connections  # the report was attempted, off the request
    # The sending thread ends once the stand-in is gone; let it end within this test.
    for thread in set(threading.enumerate()) - threads_before:
        thread.join(timeout=5)

    assert response.status_code == 302
    # Sent in the request, the report would wait for the hanging host (the client has no timeout;
    # the stand-in hangs up after STALL seconds).
    assert failed_in < QUICK and checkout_in < QUICK, (failed_in, checkout_in)


REPORT_SCRIPT = """
import django
django.setup()
from unittest import mock
from django.test import Client
client = Client(raise_request_exception=False, HTTP_HOST="shop.example.com")
with mock.patch("storefront.catalogue.views.search_products", side_effect=RuntimeError("x")):
    print(client.get("/en/search/?q=ring", secure=True).status_code)
from honeybadger import honeybadger
"""


@pytest.mark.promise("P13")
@pytest.mark.hardening("H28")
@pytest.mark.parametrize(("settings_module", "reports"), [("dev", 0), ("production", 1)])
def test_only_production_reports_errors(settings_module, reports):
    """The same key and the same failing request: development sends nothing, production does."""
    import os
    import subprocess
    import sys

    from tests.cms.test_settings import BASE_DIR, PRODUCTION_ENV

    with FakeHoneybadger() as honeybadger:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            **PRODUCTION_ENV,
            "DJANGO_SETTINGS_MODULE": f"cms.settings.{settings_module}",
            "DATABASE_URL": "sqlite:////tmp/nera-report-check.sqlite3",
            "HONEYBADGER_API_KEY": "hbp_test",
            "HONEYBADGER_ENDPOINT": honeybadger.url,
            "HONEYBADGER_FORCE_SYNC": "true",
        }
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", REPORT_SCRIPT],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "500"
    assert len(honeybadger.notices) == reports
