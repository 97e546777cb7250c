import pytest
from django.test import Client

from tests.factories.accounts import PASSWORD, UserFactory, VerifiedUserFactory


@pytest.fixture
def editor(db):
    return UserFactory(email="editor@example.com", is_staff=True, is_superuser=True)


@pytest.mark.hardening("H07")
@pytest.mark.parametrize("login_url", ["/admin/login/", "/django-admin/login/"])
def test_admin_login_is_throttled_after_repeated_failures(client, editor, login_url):
    for _ in range(5):
        response = client.post(login_url, {"username": editor.email, "password": "wrong"})
        assert response.status_code == 200  # the form again, with an error

    response = client.post(
        login_url, {"username": editor.email, "password": "correct horse battery staple"}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.hardening("H07")
def test_admin_login_still_works_below_the_limit(client, editor):
    client.post("/admin/login/", {"username": editor.email, "password": "wrong"})

    response = client.post(
        "/admin/login/",
        {"username": editor.email, "password": "correct horse battery staple"},
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def shop_sign_in(client, email, password):
    return client.post("/en/account/login/", {"login": email, "password": password})


def admin_sign_in(client, email, password, url="/admin/login/"):
    return client.post(url, {"username": email, "password": password})


@pytest.mark.hardening("H03")
@pytest.mark.hardening("H07")
@pytest.mark.parametrize("admin_guesses", [1, 3, 4])
def test_admin_and_shop_logins_count_failed_guesses_on_one_counter(db, admin_guesses):
    staff = VerifiedUserFactory(email="staff@example.com", is_staff=True, is_superuser=True)
    limit = 5  # ACCOUNT_RATE_LIMITS["login_failed"]: 5 per account
    for number in range(limit):
        client = Client(REMOTE_ADDR=f"10.0.1.{number}")  # the per-IP limit plays no part
        if number < admin_guesses:
            assert admin_sign_in(client, staff.email, "wrong").status_code == 200
        else:
            shop = shop_sign_in(client, staff.email, "wrong")
            assert "are not correct" in shop.content.decode()

    # The account is now locked on both forms, even with the right password, under any host name.
    shop = shop_sign_in(
        Client(REMOTE_ADDR="10.0.2.1", HTTP_HOST="localhost"), staff.email, PASSWORD
    )
    assert "Too many failed login attempts" in shop.content.decode()
    admin = Client(REMOTE_ADDR="10.0.2.2")
    assert admin_sign_in(admin, staff.email, PASSWORD).status_code == 429
    assert admin_sign_in(admin, staff.email, PASSWORD, "/django-admin/login/").status_code == 429
    assert "_auth_user_id" not in admin.session


@pytest.mark.hardening("H07")
def test_one_guess_less_than_the_limit_still_lets_the_owner_in_on_either_form(db):
    staff = VerifiedUserFactory(email="staff@example.com", is_staff=True, is_superuser=True)
    for number in range(2):
        admin_sign_in(Client(REMOTE_ADDR=f"10.0.1.{number}"), staff.email, "wrong")
    for number in range(2):
        shop_sign_in(Client(REMOTE_ADDR=f"10.0.3.{number}"), staff.email, "wrong")

    admin = Client(REMOTE_ADDR="10.0.2.2")
    assert admin_sign_in(admin, staff.email.upper(), PASSWORD).status_code == 302
