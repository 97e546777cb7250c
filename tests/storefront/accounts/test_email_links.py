"""Links in account emails come from the configured address, never from the request's Host."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.factories.accounts import VerifiedUserFactory
from tests.storefront.accounts.conftest import SIGNUP_URL, reauthenticate, signup_data

pytestmark = pytest.mark.django_db

BASE = "https://shop.example.com"
EVIL = {"HTTP_HOST": "evil.example.net:8443"}


@pytest.fixture(autouse=True)
def configured_address(settings):
    settings.SITE_BASE_URL = BASE


def links(message) -> list[str]:
    found = re.findall(r"https?://[^\s\"<>]+", message.body)
    for html, _mimetype in getattr(message, "alternatives", []):
        found += re.findall(r'href="([^"]+)"', html)
    assert found, message.body
    return found


def assert_all_on_site(message, path_pattern: str) -> None:
    for link in links(message):
        assert link.startswith(BASE + "/"), link
        assert "evil" not in link
    assert any(re.match(re.escape(BASE) + path_pattern, link) for link in links(message))


def test_password_reset_link_uses_the_configured_address():
    VerifiedUserFactory(email="known@example.com")

    Client(**EVIL).post("/en/account/password/reset/", {"email": "known@example.com"})

    (message,) = mail.outbox
    assert_all_on_site(message, r"/en/account/password/reset/key/[^/]+/")


def test_unknown_address_gets_a_sign_up_link_on_the_configured_address():
    Client(**EVIL).post("/ru/account/password/reset/", {"email": "nobody@example.com"})

    (message,) = mail.outbox
    assert_all_on_site(message, r"/ru/account/signup/")


def test_signup_verification_link_uses_the_configured_address():
    Client(**EVIL).post(SIGNUP_URL, signup_data(email="new@example.com"))

    (message,) = mail.outbox
    assert_all_on_site(message, r"/en/account/confirm-email/[^/]+/")


def test_account_already_exists_email_uses_the_configured_address():
    VerifiedUserFactory(email="known@example.com")

    Client(**EVIL).post(SIGNUP_URL, signup_data(email="known@example.com"))

    (message,) = mail.outbox
    assert_all_on_site(message, r"/en/account/password/reset/")


def test_email_change_verification_link_uses_the_configured_address(shopper):
    client = Client(**EVIL)
    client.force_login(shopper)
    reauthenticate(client)

    client.post("/en/account/email/", {"action_add": "", "email": "new@example.com"})

    (message,) = mail.outbox
    assert_all_on_site(message, r"/en/account/confirm-email/[^/]+/")
