"""How long a sign-in lasts (P07) and that account pages are never cached."""

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
import time_machine
from django.conf import settings

from tests.factories.accounts import PASSWORD, AddressFactory
from tests.storefront.accounts.conftest import LOGIN_URL

pytestmark = pytest.mark.django_db

TWO_WEEKS = timedelta(days=14)


def session_cookie_expiry(response) -> datetime:
    morsel = response.cookies[settings.SESSION_COOKIE_NAME]
    assert morsel.value, "the session cookie was cleared"
    assert morsel["expires"], "a browser-session cookie: it would end with the browser"
    return parsedate_to_datetime(morsel["expires"])


@pytest.mark.promise("P07")
def test_a_sign_in_lasts_two_weeks_of_inactivity_and_slides_with_each_visit(client, shopper):
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        login_page = client.get(LOGIN_URL).content.decode()
        response = client.post(LOGIN_URL, {"login": shopper.email, "password": PASSWORD})
        assert response.status_code == 302
        first_expiry = session_cookie_expiry(response)
    assert 'name="remember"' not in login_page  # no choice that would end it with the browser
    assert abs(first_expiry - (start + TWO_WEEKS)) < timedelta(minutes=1)

    # Ten days later the shopper comes back: still signed in, and two weeks from now again.
    later = start + timedelta(days=10)
    with time_machine.travel(later, tick=False):
        response = client.get("/en/account/")
        assert response.status_code == 200
        second_expiry = session_cookie_expiry(response)
    assert abs(second_expiry - (later + TWO_WEEKS)) < timedelta(minutes=1)

    # Fifteen days without a visit (cookie gone from the browser): the server-side session is over.
    with time_machine.travel(later + timedelta(days=15), tick=False):
        client.cookies.pop(settings.SESSION_COOKIE_NAME)
        assert client.get("/en/account/").status_code == 302


def account_pages(shopper) -> list[str]:
    address = AddressFactory(user=shopper)
    return [
        "/en/account/",
        "/en/account/addresses/",
        "/en/account/addresses/new/",
        f"/en/account/addresses/{address.public_id}/",
        f"/en/account/addresses/{address.public_id}/delete/",
        "/en/account/email/",
        "/en/account/password/change/",
        "/en/account/reauthenticate/",
        "/en/account/privacy/",
        "/ru/account/",
        "/kk/account/addresses/",
    ]


def test_account_pages_are_never_cached(signed_in, shopper):
    for path in account_pages(shopper):
        response = signed_in.get(path)
        assert response.status_code in (200, 302), path
        directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= directives, (path, response.get("Cache-Control"))


def test_shop_pages_stay_cacheable(client, site_pages):
    response = client.get("/en/")
    assert "no-store" not in response.get("Cache-Control", "")
