"""The sign-up, sign-in, reset and account pages and emails speak Russian and Kazakh (no English)."""

import html as html_lib
import re

import pytest
from django.core import mail

from tests.factories.accounts import PASSWORD, AddressFactory, VerifiedUserFactory
from tests.storefront.accounts.conftest import signup_data

pytestmark = pytest.mark.django_db

ALLOWED_LATIN = {"Nera", "example", "com", "shopper", "dana", "aigerim", "Abay", "Avenue", "Almaty"}


def english_words(text: str) -> set[str]:
    words = set(re.findall(r"[A-Za-z]{3,}", text))
    return {word for word in words if word not in ALLOWED_LATIN}


def main_text(response) -> str:
    page = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    main = re.search(r"<main[^>]*>(.*)</main>", page, re.S).group(1)
    main = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", main, flags=re.S)
    # Visible text plus the labels screen readers announce.
    visible = re.sub(r"<[^>]+>", " ", main)
    labels = " ".join(re.findall(r'aria-label="([^"]+)"', main))
    return html_lib.unescape(f"{title} {visible} {labels}")


@pytest.mark.parametrize("language", ["ru", "kk"])
@pytest.mark.parametrize(
    "path",
    [
        "account/signup/",
        "account/login/",
        "account/password/reset/",
        "account/password/reset/done/",
        "account/confirm-email/",
        "account/confirm-email/not-a-key/",
        "account/password/reset/key/1-bad-key/",
    ],
)
def test_entrance_pages_have_no_english(client, language, path):
    response = client.get(f"/{language}/{path}", follow=True)

    assert response.status_code == 200
    assert english_words(main_text(response)) == set()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_form_errors_have_no_english(client, language):
    VerifiedUserFactory(email="dana@example.com")
    signup = client.post(
        f"/{language}/account/signup/",
        signup_data(email="not-an-email", password1="123", password2="1234", age_confirmed=None),
    )
    login = client.post(
        f"/{language}/account/login/", {"login": "dana@example.com", "password": "x"}
    )

    for response in (signup, login):
        assert response.status_code == 200
        assert english_words(main_text(response)) == set()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_account_pages_have_no_english(client, language):
    user = VerifiedUserFactory(email="dana@example.com", first_name="Dana", last_name="Ospan")
    address = AddressFactory(user=user, label="Dom", street="Abay Avenue 1")
    client.post(f"/{language}/account/login/", {"login": user.email, "password": PASSWORD})

    for path in (
        "account/",
        "account/addresses/",
        "account/addresses/new/",
        f"account/addresses/{address.public_id}/",
        f"account/addresses/{address.public_id}/delete/",
        "account/email/",
        "account/reauthenticate/",
        "account/password/change/",
    ):
        response = client.get(f"/{language}/{path}", follow=True)
        assert response.status_code == 200, path
        text = main_text(response).replace("Dom", "").replace("Ospan", "")
        assert english_words(text) == set(), path


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("ru", "Подтвердите адрес электронной почты для Nera"),
        ("kk", "Nera үшін электрондық пошта мекенжайын растаңыз"),
    ],
)
def test_signup_email_is_in_the_shoppers_language(client, language, subject):
    client.post(f"/{language}/account/signup/", signup_data())

    message = mail.outbox[0]
    assert message.subject == subject
    assert f"/{language}/account/confirm-email/" in message.body
    body = re.sub(r"https?://\S+", "", message.body).replace("Aigerim", "")
    html = re.sub(r"<[^>]+>", " ", message.alternatives[0][0]).replace("Aigerim", "")
    assert english_words(body) == set()
    assert english_words(html) == set()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_reset_emails_are_in_the_shoppers_language(client, language):
    VerifiedUserFactory(email="dana@example.com", first_name="Dana")

    client.post(f"/{language}/account/password/reset/", {"email": "dana@example.com"})
    client.post(f"/{language}/account/password/reset/", {"email": "nobody@example.com"})

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        text = re.sub(r"https?://\S+", "", message.body).replace("Dana", "")
        assert english_words(f"{message.subject} {text}") == set()
