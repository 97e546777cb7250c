"""Sign-up and checkout with PostHog unreachable, refusing or hanging (H34).

Honeybadger's and Brevo's outages are in test_monitoring.py and test_email_provider.py.
"""

from __future__ import annotations

import json
import time

import pytest
from django.test import Client

from analytics.client import _client
from legal.consent import ensure_cookie_groups
from storefront.accounts.models import User
from storefront.checkout.models import Inquiry
from tests.legal.fake_posthog import QUICK, STALL, HangingServer, RecordingPostHog, refusing_url
from tests.storefront.accounts.conftest import SIGNUP_URL, signup_data
from tests.storefront.checkout.test_checkout import VALID, fill_basket, form_token, shop  # noqa: F401

pytestmark = pytest.mark.django_db

KEY = "phc_faultkey"
US_IPV4 = "8.8.8.8"  # outside the EU: analytics is on by default (P17)


@pytest.fixture
def analytics_at(settings):
    ensure_cookie_groups()
    _client.cache_clear()

    def configure(url: str, timeout: float = 0.5) -> None:
        settings.POSTHOG_KEY = KEY
        settings.POSTHOG_HOST = url
        settings.POSTHOG_TIMEOUT = timeout

    yield configure
    _client.cache_clear()


def shopper_client() -> Client:
    client = Client(REMOTE_ADDR=US_IPV4)
    client.cookies[f"ph_{KEY}_posthog"] = json.dumps({"distinct_id": "0192-visitor"})
    return client


def timed(call):
    started = time.perf_counter()
    response = call()
    return response, time.perf_counter() - started


@pytest.mark.hardening("H34")
@pytest.mark.parametrize("kind", ["refuses", "hangs"])
def test_checkout_and_signup_succeed_with_posthog_down(shop, analytics_at, kind):  # noqa: F811
    with HangingServer() as hanging, RecordingPostHog() as working:
        # Positive control: with PostHog up, the checkout does send an event.
        analytics_at(working.url)
        client = shopper_client()
        fill_basket(client, shop)
        client.post("/en/checkout/", {**VALID, "token": form_token(client)})
        assert working.wait_for_events(1)

        _client.cache_clear()
        analytics_at(refusing_url() if kind == "refuses" else hanging.url, timeout=STALL)
        client = shopper_client()
        fill_basket(client, shop)
        data = {**VALID, "email": "second@example.com", "token": form_token(client)}
        checkout, checkout_time = timed(lambda: client.post("/en/checkout/", data))
        signup, signup_time = timed(lambda: client.post(SIGNUP_URL, signup_data()))

    assert checkout.status_code == 302 and signup.status_code == 302
    assert Inquiry.objects.filter(email="second@example.com").exists()
    assert User.objects.filter(email="aigerim@example.com").exists()
    # Events are queued for PostHog's own thread, never sent in the request: sent in it, the hanging
    # host would hold each answer STALL seconds or more.
    assert checkout_time < QUICK and signup_time < QUICK, (checkout_time, signup_time)
