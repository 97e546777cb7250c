"""Account emails through the real anymail Brevo backend, against a loopback stand-in (P09, H35)."""

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from storefront.accounts.models import User
from tests.factories.accounts import AddressFactory, VerifiedUserFactory
from tests.legal.fake_posthog import QUICK, STALL, HangingServer, refusing_url
from tests.storefront.accounts.conftest import SIGNUP_URL, signup_data
from tests.workers import run_worker

pytestmark = pytest.mark.django_db


class FakeBrevo:
    """Answers POST /v3/smtp/email like Brevo; `statuses` are used in turn, then 201."""

    def __init__(self, statuses=()):
        self.requests: list[dict] = []
        self.statuses = list(statuses)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                fake.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "json": json.loads(body)}
                )
                status = fake.statuses.pop(0) if fake.statuses else 201
                payload = (
                    {"messageId": "<202611251200.123@smtp-relay.mailin.fr>"}
                    if status == 201
                    else {"code": "internal_error", "message": "Brevo is down"}
                )
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def settings(self) -> dict:
        port = self.server.server_address[1]
        return {
            "EMAIL_BACKEND": "anymail.backends.brevo.EmailBackend",
            "ANYMAIL": {
                "BREVO_API_KEY": "test-brevo-key",
                "BREVO_API_URL": f"http://127.0.0.1:{port}/v3/",
            },
        }

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.promise("P09")
def test_signup_email_goes_to_brevo_with_only_email_and_name(client):
    with FakeBrevo() as brevo, override_settings(**brevo.settings):
        response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert len(brevo.requests) == 1
    request = brevo.requests[0]
    assert request["path"] == "/v3/smtp/email"
    assert request["headers"]["api-key"] == "test-brevo-key"
    payload = request["json"]
    assert payload["to"] == [{"email": "aigerim@example.com", "name": "Aigerim Sadykova"}]
    # Nothing else about the person: only sender, recipient, subject and the message itself.
    assert set(payload) <= {"sender", "to", "subject", "textContent", "htmlContent", "headers"}
    assert payload["sender"] == {"email": "no-reply@we-nera.com", "name": "Nera"}
    assert payload["subject"] == "Confirm your email address for Nera"
    assert "/en/account/confirm-email/" in payload["textContent"]
    assert "Steppe-Wind-1987" not in json.dumps(payload)


@pytest.mark.promise("P09")
def test_password_reset_payload_carries_no_address_book_data(client):
    user = VerifiedUserFactory(email="dana@example.com", first_name="Dana", last_name="Ospan")
    address = AddressFactory(user=user, street="Abay Avenue 150", postal_code="050046")

    with FakeBrevo() as brevo, override_settings(**brevo.settings):
        client.post("/en/account/password/reset/", {"email": "dana@example.com"})

    payload = brevo.requests[0]["json"]
    assert payload["to"] == [{"email": "dana@example.com", "name": "Dana Ospan"}]
    text = json.dumps(payload, ensure_ascii=False)
    for personal in (address.street, address.postal_code, address.city, str(user.analytics_id)):
        assert personal not in text
    assert "/en/account/password/reset/key/" in payload["textContent"]


@pytest.mark.hardening("H35")
def test_provider_failure_is_logged_and_retried_by_the_worker(client, caplog):
    caplog.set_level(logging.INFO)
    with FakeBrevo(statuses=[500]) as brevo, override_settings(**brevo.settings):
        response = client.post(SIGNUP_URL, signup_data())
        assert response.status_code == 302
        assert User.objects.filter(email="aigerim@example.com").exists()
        # The request made one attempt and queued the retry instead of trying again at once.
        assert len(brevo.requests) == 1
        queued = DBTaskResult.objects.get()
        assert queued.status == "READY"

        run_worker()

    # The worker's attempt delivered the same message.
    assert len(brevo.requests) == 2
    assert brevo.requests[0]["json"] == brevo.requests[1]["json"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    failures = [r for r in caplog.records if "failed" in r.getMessage()]
    assert failures and failures[0].levelno == logging.WARNING
    assert "aigerim" not in caplog.text.lower()


@pytest.mark.hardening("H35")
def test_retries_wait_for_their_time(client):
    with (
        FakeBrevo(statuses=[500]) as brevo,
        override_settings(**brevo.settings, EMAIL_RETRY_DELAY=600),
    ):
        client.post(SIGNUP_URL, signup_data())
        run_worker()  # nothing is due yet
        assert len(brevo.requests) == 1
        DBTaskResult.objects.update(run_after=timezone.now())
        run_worker()
    assert len(brevo.requests) == 2


@pytest.mark.hardening("H35")
def test_provider_down_for_good_still_keeps_the_signup(client, caplog):
    caplog.set_level(logging.INFO)
    tries = settings.EMAIL_RETRY_ATTEMPTS
    with FakeBrevo(statuses=[500] * tries) as brevo, override_settings(**brevo.settings):
        response = client.post(SIGNUP_URL, signup_data())
        run_worker()

    assert response.status_code == 302
    assert User.objects.filter(email="aigerim@example.com").exists()
    assert len(brevo.requests) == tries  # then it gives up, loudly
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    assert "giving up" in caplog.text
    assert "aigerim" not in caplog.text.lower()


@pytest.mark.hardening("H34")
@pytest.mark.parametrize("kind", ["refuses", "hangs"])
def test_an_unreachable_provider_holds_signup_no_longer_than_its_timeout(client, kind):
    """Bound: the provider's connect + read timeout (ANYMAIL REQUESTS_TIMEOUT; 3.05 + 10 s in
    production, 0.5 + 0.5 s here), then the sign-up completes and the email waits in the queue."""
    with HangingServer(hold=STALL) as hanging:
        url = refusing_url() if kind == "refuses" else hanging.url
        anymail = {
            "BREVO_API_KEY": "test-brevo-key",
            "BREVO_API_URL": f"{url}/v3/",
            "REQUESTS_TIMEOUT": (0.5, 0.5),
        }
        with override_settings(
            EMAIL_BACKEND="anymail.backends.brevo.EmailBackend", ANYMAIL=anymail
        ):
            started = time.perf_counter()
            response = client.post(SIGNUP_URL, signup_data())
            elapsed = time.perf_counter() - started

    assert response.status_code == 302
    assert User.objects.filter(email="aigerim@example.com").exists()
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    # Without the timeout the sign-up would wait until the stand-in hangs up (STALL); with it, the
    # sign-up may take the 0.5 s read timeout on top of a quick answer (the stand-in accepts the
    # connection at once, and a refused one fails at once).
    assert elapsed < QUICK + 0.5, elapsed


@pytest.mark.promise("P24")
@pytest.mark.promise("P26")
def test_a_queued_email_is_in_the_export_and_goes_with_the_erasure(client):
    from legal.registry import Person
    from storefront.accounts.personal_data import erase_queued_emails, export_queued_emails

    with FakeBrevo(statuses=[500, 500]) as brevo, override_settings(**brevo.settings):
        client.post(SIGNUP_URL, signup_data())
        client.post(SIGNUP_URL, signup_data(email="someone.else@example.com"))

    person = Person(email="Aigerim@example.com")
    exported = export_queued_emails(person)
    assert [row["kind"] for row in exported] == ["email_confirmation_signup"]
    assert erase_queued_emails(person).removed == 1
    # The other person's queued email stays.
    assert export_queued_emails(person) == []
    assert DBTaskResult.objects.count() == 1
