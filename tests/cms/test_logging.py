"""Logs: one JSON object per line with a request id, and nobody's details in them (H29)."""

from __future__ import annotations

import copy
import io
import json
import logging.config
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.storefront.accounts.conftest import SIGNUP_URL, signup_data
from tests.storefront.accounts.test_email_provider import FakeBrevo
from tests.storefront.checkout.test_checkout import VALID, fill_basket, form_token, shop  # noqa: F401

pytestmark = pytest.mark.django_db

CLIENT_IP = "95.56.187.203"


@pytest.fixture
def log_output():
    """The project's own logging configuration, writing into a buffer, every level on."""
    buffer = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["stdout"]["stream"] = buffer
    config["root"]["level"] = "DEBUG"
    logging.config.dictConfig(config)
    yield buffer
    logging.config.dictConfig(settings.LOGGING)


@pytest.mark.hardening("H29")
def test_signup_and_checkout_log_no_client_ip_and_no_contact_details(shop, log_output):  # noqa: F811
    client = Client(raise_request_exception=False, REMOTE_ADDR=CLIENT_IP)
    signup = signup_data(email="zhanar.log@example.com", first_name="Zhanar", last_name="Bekova")
    with FakeBrevo(statuses=[500]) as brevo, override_settings(**brevo.settings):
        assert client.post(SIGNUP_URL, signup).status_code == 302  # the refusal is logged

    fill_basket(client, shop)
    assert client.post("/en/checkout/", {**VALID, "token": form_token(client)}).status_code == 302
    fill_basket(client, shop)
    boom = RuntimeError(f"no room for {VALID['email']} at {VALID['street']}")
    with mock.patch("storefront.checkout.services.store_inquiry", side_effect=boom):
        response = client.post("/en/checkout/", {**VALID, "token": form_token(client)})
    assert response.status_code == 500  # logged with its traceback
    client.get(f"/en/no-such-page/?email={VALID['email']}")

    lines = log_output.getvalue().splitlines()
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    failure = next(r for r in records if r["logger"] == "storefront.accounts.adapter")
    assert failure["level"] == "WARNING" and failure["request_id"]
    error = next(r for r in records if r["logger"] == "django.request")
    assert "RuntimeError" in error["exc_info"] and error["request_id"]
    assert error["request"] == "POST /en/checkout/"

    text = log_output.getvalue()
    for personal in (
        CLIENT_IP,
        signup["email"],
        signup["first_name"],
        signup["last_name"],
        VALID["first_name"],
        VALID["last_name"],
        VALID["email"],
        VALID["street"],
        VALID["postal_code"],
        "707 123 45 67",
        "+77071234567",
    ):
        assert personal not in text, personal


@pytest.mark.hardening("H29")
def test_every_response_names_its_request_id(client, site_pages):
    response = client.get("/en/")
    assert len(response["X-Request-ID"]) == 32
    assert client.get("/en/")["X-Request-ID"] != response["X-Request-ID"]
