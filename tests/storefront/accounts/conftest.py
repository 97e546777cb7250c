import re

import pytest
from django.core import mail

from tests.factories.accounts import PASSWORD, VerifiedUserFactory

SIGNUP_URL = "/en/account/signup/"
LOGIN_URL = "/en/account/login/"


def signup_data(**overrides) -> dict:
    data = {
        "first_name": "Aigerim",
        "last_name": "Sadykova",
        "email": "aigerim@example.com",
        "password1": "Steppe-Wind-1987",
        "password2": "Steppe-Wind-1987",
        "age_confirmed": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def link_in(message, pattern: str) -> str:
    """The first link in the email's text body whose path matches `pattern`."""
    match = re.search(r"https?://[^\s/]+(" + pattern + r")", message.body)
    assert match, f"no link matching {pattern!r} in: {message.body}"
    return match.group(1)


@pytest.fixture
def shopper(db):
    return VerifiedUserFactory(email="shopper@example.com", first_name="Dana", last_name="Ospan")


@pytest.fixture
def signed_in(client, shopper):
    response = client.post(LOGIN_URL, {"login": shopper.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    mail.outbox.clear()
    return client


def reauthenticate(client, password: str = PASSWORD) -> None:
    response = client.post("/en/account/reauthenticate/", {"password": password})
    assert response.status_code == 302
