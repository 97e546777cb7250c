"""Signing in and out, sessions, rate limits, reauthentication, password and email changes."""

from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ReauthenticationRequired
from django.conf import settings
from django.core import mail
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from storefront.accounts.decorators import recently_reauthenticated, require_recent_authentication
from storefront.accounts.models import User
from tests.factories.accounts import PASSWORD, VerifiedUserFactory
from tests.storefront.accounts.conftest import LOGIN_URL, link_in, reauthenticate

pytestmark = pytest.mark.django_db


def sign_in(client, email: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN_URL, {"login": email, "password": password}, **extra)


def test_login_with_email_and_password(client, shopper):
    response = sign_in(client, "SHOPPER@example.com")

    assert response.status_code == 302
    assert response["Location"] == "/en/account/"
    page = client.get("/en/account/")
    assert page.status_code == 200
    assert "shopper@example.com" in page.content.decode()


@pytest.mark.hardening("H02")
def test_session_key_changes_at_login_and_old_cookie_is_dead_after_logout(client, shopper):
    client.get(LOGIN_URL)
    client.session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = client.session.session_key
    before = client.cookies[settings.SESSION_COOKIE_NAME].value

    sign_in(client, shopper.email)
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert client.get("/en/account/").status_code == 200

    response = client.post("/en/account/logout/")
    assert response.status_code == 302

    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = after
    response = stale.get("/en/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/")


def test_logout_needs_a_post(client, shopper):
    sign_in(client, shopper.email)

    client.get("/en/account/logout/")

    assert client.get("/en/account/").status_code == 200


@pytest.mark.hardening("H03")
def test_failed_logins_are_throttled_per_account(client, shopper):
    for _ in range(5):
        response = sign_in(client, shopper.email, "wrong-password")
        assert "are not correct" in response.content.decode()

    # From another address too, the account is locked for a while, even with the right password.
    elsewhere = Client(REMOTE_ADDR="10.0.0.99")
    response = sign_in(elsewhere, shopper.email)

    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in elsewhere.session
    assert elsewhere.get("/en/account/").status_code == 302  # sent to sign in
    # Five minutes later the same right password signs in: the lock, not the password, refused.
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        response = sign_in(elsewhere, shopper.email)
        assert response.status_code == 302
        assert elsewhere.session["_auth_user_id"] == str(shopper.pk)


@pytest.mark.hardening("H03")
def test_failed_logins_are_throttled_per_ip_and_x_forwarded_for_does_not_bypass(client):
    for number in range(20):
        sign_in(client, f"someone{number}@example.com", "wrong-password")

    # A spoofed X-Forwarded-For is ignored (TRUSTED_PROXY_COUNT is 0).
    response = sign_in(
        client, "someone-else@example.com", "wrong-password", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )

    assert "Too many failed login attempts" in response.content.decode()
    # Another client address is not affected.
    other = sign_in(Client(REMOTE_ADDR="10.0.0.2"), "someone-else@example.com", "wrong-password")
    assert "Too many failed login attempts" not in other.content.decode()
    assert "are not correct" in other.content.decode()


@pytest.fixture
def sign_in_long_ago():
    """The sign-in is older than the reauthentication timeout: it no longer counts (H05)."""
    later = timezone.now() + timedelta(seconds=settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 60)
    with time_machine.travel(later):
        yield


@pytest.mark.hardening("H05")
def test_password_change_requires_reauthentication(signed_in, shopper, sign_in_long_ago):
    new = {
        "oldpassword": PASSWORD,
        "password1": "Tulip-Garden-2024",
        "password2": "Tulip-Garden-2024",
    }

    response = signed_in.post("/en/account/password/change/", new)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/reauthenticate/")
    shopper.refresh_from_db()
    assert shopper.check_password(PASSWORD)

    response = signed_in.post("/en/account/reauthenticate/", {"password": "wrong"})
    assert response.status_code == 200
    assert "Incorrect password." in response.content.decode()

    reauthenticate(signed_in)
    assert signed_in.post("/en/account/password/change/", new).status_code == 302
    shopper.refresh_from_db()
    assert shopper.check_password("Tulip-Garden-2024")


@pytest.mark.hardening("H05")
def test_email_change_requires_reauthentication(signed_in, sign_in_long_ago):
    response = signed_in.post("/en/account/email/", {"action_add": "", "email": "new@example.com"})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/reauthenticate/")
    assert not EmailAddress.objects.filter(email="new@example.com").exists()


@pytest.mark.promise("P25")
def test_email_change_is_reverified_before_it_takes_effect(signed_in, shopper):
    reauthenticate(signed_in)

    response = signed_in.post("/en/account/email/", {"action_add": "", "email": "new@example.com"})

    assert response.status_code == 302
    shopper.refresh_from_db()
    assert shopper.email == "shopper@example.com"  # not yet
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@example.com"]
    page = signed_in.get("/en/account/email/").content.decode()
    assert "new@example.com" in page and "shopper@example.com" in page

    signed_in.post(link_in(message, r"/en/account/confirm-email/[^\s]+/"))

    shopper.refresh_from_db()
    assert shopper.email == "new@example.com"
    assert list(EmailAddress.objects.filter(user=shopper).values_list("email", "verified")) == [
        ("new@example.com", True)
    ]
    signed_in.post("/en/account/logout/")
    assert sign_in(Client(), "new@example.com").status_code == 302
    assert sign_in(Client(), "shopper@example.com").status_code == 200  # old address no more


@pytest.mark.hardening("H06")
def test_password_change_ends_the_other_sessions(signed_in, shopper):
    other_device = Client()
    sign_in(other_device, shopper.email)
    assert other_device.get("/en/account/").status_code == 200
    reauthenticate(signed_in)

    response = signed_in.post(
        "/en/account/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "Tulip-Garden-2024",
            "password2": "Tulip-Garden-2024",
        },
    )

    assert response.status_code == 302
    assert signed_in.get("/en/account/").status_code == 200  # this session carries on
    assert other_device.get("/en/account/").status_code == 302  # the other one is signed out


@pytest.mark.hardening("H06")
def test_password_reset_by_email_link_ends_every_session(client, shopper):
    other_device = Client()
    sign_in(other_device, shopper.email)

    client.post("/en/account/password/reset/", {"email": shopper.email})
    assert len(mail.outbox) == 1
    path = link_in(mail.outbox[0], r"/en/account/password/reset/key/[^\s]+/")
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": "Tulip-Garden-2024", "password2": "Tulip-Garden-2024"},
    )

    assert response.status_code == 302
    assert other_device.get("/en/account/").status_code == 302
    assert sign_in(Client(), shopper.email, "Tulip-Garden-2024").status_code == 302
    assert sign_in(Client(), shopper.email, PASSWORD).status_code == 200


def test_password_reset_email_for_an_unknown_address_invites_to_sign_up(client):
    client.post("/en/account/password/reset/", {"email": "nobody@example.com"})

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "No Nera account uses this address"
    assert "/en/account/signup/" in mail.outbox[0].body


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "100/m/ip,100/m/key"})
def test_inactive_accounts_cannot_sign_in(client):
    user = VerifiedUserFactory(is_active=False)

    response = sign_in(client, user.email)

    assert "_auth_user_id" not in client.session
    assert User.objects.get(pk=user.pk).last_login is None
    assert response.status_code in (200, 302)


@pytest.mark.hardening("H13")
def test_next_parameter_never_leaves_the_site(client, shopper):
    response = client.post(
        f"{LOGIN_URL}?next=https://evil.example/steal",
        {"login": shopper.email, "password": PASSWORD, "next": "https://evil.example/steal"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/account/"


@pytest.mark.hardening("H05")
def test_reauthentication_helper_for_other_apps(signed_in, shopper):
    def request_with_session():
        request = RequestFactory().get("/en/account/")
        request.user = shopper
        request.session = signed_in.session
        return request

    with pytest.raises(ReauthenticationRequired):
        require_recent_authentication(request_with_session())
    assert not recently_reauthenticated(request_with_session())

    reauthenticate(signed_in)

    require_recent_authentication(request_with_session())
    assert recently_reauthenticated(request_with_session())
