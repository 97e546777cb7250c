import pytest

from tests.factories.accounts import UserFactory


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
