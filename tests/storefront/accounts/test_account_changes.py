"""Email and password changes: one password prompt, the same answer for a taken address, and a
notice to the address that loses (or keeps) the account."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.factories.accounts import PASSWORD, VerifiedUserFactory
from tests.storefront.accounts.conftest import LOGIN_URL, link_in, reauthenticate

pytestmark = pytest.mark.django_db

CHANGE_URL = "/en/account/password/change/"
NEW_PASSWORD = "Tulip-Garden-2024"
CURRENT_PASSWORD_FIELD = re.compile(r'<input[^>]+name="(password|oldpassword)"')


def without_volatile_parts(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return html.replace("taken@example.com", "ADDRESS").replace("free@example.com", "ADDRESS")


class Shopper:
    """Follows pages like a person: types the current password wherever a form asks for it."""

    def __init__(self, client: Client):
        self.client = client
        self.password_prompts = 0

    def _fill(self, response, data: dict) -> dict:
        html = response.content.decode()
        asked = CURRENT_PASSWORD_FIELD.findall(html)
        if asked:
            self.password_prompts += 1
            data = {**data, **{name: PASSWORD for name in asked}}
        return data

    def submit(self, url: str, data: dict):
        """Open the page, answer any password prompt on the way, fill the form and send it."""
        page = self.client.get(url, follow=True)
        where = page.redirect_chain[-1][0] if page.redirect_chain else url
        while "/reauthenticate/" in where:
            confirmed = self.client.post(where, self._fill(page, {}))
            assert confirmed.status_code == 302
            page = self.client.get(confirmed["Location"], follow=True)
            where = page.redirect_chain[-1][0] if page.redirect_chain else confirmed["Location"]
        response = self.client.post(where, self._fill(page, data))
        while response.status_code == 302 and "/reauthenticate/" in response["Location"]:
            prompt = self.client.get(response["Location"])
            response = self.client.post(response["Location"], self._fill(prompt, {}))
        return response

    def sign_in(self, email: str):
        response = self.submit(LOGIN_URL, {"login": email})
        assert response.status_code == 302, response.content.decode()[:1000]


@pytest.mark.hardening("H05")
def test_changing_the_password_right_after_signing_in_asks_for_it_once(shopper):
    person = Shopper(Client())
    person.sign_in(shopper.email)

    response = person.submit(CHANGE_URL, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    shopper.refresh_from_db()
    assert shopper.check_password(NEW_PASSWORD)
    assert person.password_prompts == 1  # the sign-in only


@pytest.mark.hardening("H05")
def test_changing_the_password_long_after_signing_in_asks_for_it_once_more(shopper):
    person = Shopper(Client())
    person.sign_in(shopper.email)
    later = timezone.now() + timedelta(seconds=settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 60)

    with time_machine.travel(later):
        response = person.submit(CHANGE_URL, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    shopper.refresh_from_db()
    assert shopper.check_password(NEW_PASSWORD), response.content.decode()[:2000]
    assert person.password_prompts == 2  # the sign-in, then one confirmation


@pytest.mark.hardening("H04")
def test_changing_to_a_taken_address_answers_like_a_free_one(signed_in, shopper):
    VerifiedUserFactory(email="taken@example.com", first_name="Other")
    reauthenticate(signed_in)
    signed_in.get("/en/account/email/")  # shows (and so ends) the sign-in messages
    answers = []
    for address in ("taken@example.com", "free@example.com"):
        response = signed_in.post(
            "/en/account/email/", {"action_add": "", "email": address}, follow=True
        )
        answers.append((response.status_code, response.redirect_chain, response.content.decode()))
        # "Send the link again" answers the same too.
        signed_in.post("/en/account/email/", {"action_send": "", "email": address}, follow=True)

    (taken_status, taken_chain, taken_html), (free_status, free_chain, free_html) = answers
    assert taken_status == free_status == 200
    assert taken_chain == free_chain
    assert "Changing to taken@example.com" in taken_html
    assert without_volatile_parts(taken_html) == without_volatile_parts(free_html)
    # The free address gets the link; the owner of the taken one only a notice, no link that
    # would move their address to another account.
    to_free = [m for m in mail.outbox if "free@example.com" in m.to[0]]
    to_taken = [m for m in mail.outbox if "taken@example.com" in m.to[0]]
    assert to_free and all("/en/account/confirm-email/" in m.body for m in to_free)
    assert to_taken and all("/confirm-email/" not in m.body for m in to_taken)
    assert {m.subject for m in to_taken} == {
        "Your email address was entered on another Nera account"
    }
    assert "http://testserver/en/account/password/reset/" in to_taken[0].body
    assert (
        not EmailAddress.objects.filter(email="taken@example.com", verified=True)
        .exclude(user__email="taken@example.com")
        .exists()
    )


def test_the_old_address_hears_of_an_email_change(signed_in, shopper):
    reauthenticate(signed_in)
    signed_in.post("/en/account/email/", {"action_add": "", "email": "new@example.com"})
    (verification,) = mail.outbox
    mail.outbox.clear()

    signed_in.post(link_in(verification, r"/en/account/confirm-email/[^\s]+/"))

    shopper.refresh_from_db()
    assert shopper.email == "new@example.com"
    (notice,) = mail.outbox
    assert notice.to == ["shopper@example.com"]
    assert notice.subject == "The email address of your Nera account was changed"
    assert "from shopper@example.com to new@example.com" in notice.body
    assert "http://testserver/en/account/password/reset/" in notice.body


def test_the_address_hears_of_a_password_change(signed_in, shopper):
    signed_in.post(
        CHANGE_URL,
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    shopper.refresh_from_db()
    assert shopper.check_password(NEW_PASSWORD)
    (notice,) = mail.outbox
    assert notice.to == ['"Dana Ospan" <shopper@example.com>']
    assert notice.subject == "The password of your Nera account was changed"
    assert "Hello, Dana!" in notice.body
    assert "The password of your Nera account was changed." in notice.body
    assert "127.0.0.1" not in notice.body


def test_the_address_hears_of_a_password_reset(client, shopper):
    client.post("/ru/account/password/reset/", {"email": shopper.email})
    (reset,) = mail.outbox
    mail.outbox.clear()
    key_url = link_in(reset, r"/ru/account/password/reset/key/[^\s]+/")
    form_url = client.get(key_url)["Location"]

    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    (notice,) = mail.outbox
    assert notice.to == ['"Dana Ospan" <shopper@example.com>']
    assert "Nera" in notice.subject and "сброшен" in notice.subject  # in the page's language
