"""The signed-in shopper's profile and address book through the API (P04, P25, H09, H11)."""

import json

import pytest
from django.test import Client

from storefront.accounts.models import Address
from tests.api.conftest import STORE, csrf_headers
from tests.factories.accounts import PASSWORD, AddressFactory, VerifiedUserFactory
from tests.factories.checkout import InquiryFactory

NEW_ADDRESS = {
    "label": "Office",
    "street": "Dostyk 5",
    "building_type": "office",
    "city": "Almaty",
    "region": "",
    "postal_code": "050010",
    "country": "KZ",
    "instructions": "",
}


def csrf_form(client) -> dict:
    return {"csrfmiddlewaretoken": client.cookies["csrftoken"].value}


def send(client, method, path, data=None, **headers):
    body = json.dumps(data) if data is not None else ""
    return getattr(client, method)(path, body, content_type="application/json", **headers)


@pytest.fixture
def shopper(db):
    return VerifiedUserFactory(first_name="Dana", last_name="Ospan")


@pytest.fixture
def browser(shopper):
    client = Client(enforce_csrf_checks=True)
    client.force_login(shopper)
    client.csrf = csrf_headers(client)
    return client


def test_anonymous_callers_must_sign_in(client):
    response = client.get(f"{STORE}/me/addresses/")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.promise("P25")
def test_a_shopper_corrects_their_name(browser, shopper):
    response = send(
        browser, "patch", f"{STORE}/me/", {"first_name": "Dina", "last_name": "Os"}, **browser.csrf
    )

    assert response.status_code == 200
    shopper.refresh_from_db()
    assert (shopper.first_name, shopper.last_name) == ("Dina", "Os")
    assert "password" not in json.dumps(browser.get(f"{STORE}/me/").json())


@pytest.mark.promise("P04")
def test_address_book_crud_through_the_api(browser, shopper):
    created = send(browser, "post", f"{STORE}/me/addresses/", NEW_ADDRESS, **browser.csrf)
    assert created.status_code == 201, created.content
    address_id = created.json()["id"]
    assert created.json()["is_default"] is True  # the first address becomes the default

    second = send(
        browser, "post", f"{STORE}/me/addresses/", {**NEW_ADDRESS, "label": "Home"}, **browser.csrf
    ).json()
    made_default = send(
        browser, "post", f"{STORE}/me/addresses/{second['id']}/default/", **browser.csrf
    )
    assert made_default.json()["is_default"] is True

    changed = send(
        browser, "patch", f"{STORE}/me/addresses/{address_id}/", {"city": "Astana"}, **browser.csrf
    )
    assert changed.status_code == 200
    assert changed.json()["city"] == "Astana"
    assert changed.json()["street"] == "Dostyk 5"

    deleted = send(browser, "delete", f"{STORE}/me/addresses/{second['id']}/", **browser.csrf)
    assert deleted.status_code == 204
    remaining = browser.get(f"{STORE}/me/addresses/").json()
    assert [(a["label"], a["is_default"]) for a in remaining] == [("Office", True)]


def test_address_errors_are_the_forms_in_the_requested_language(browser):
    response = send(
        browser,
        "post",
        f"{STORE}/me/addresses/?lang=ru",
        {**NEW_ADDRESS, "postal_code": "12", "city": ""},
        **browser.csrf,
    )

    assert response.status_code == 422
    errors = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert errors["postal_code"] == (
        "Введите почтовый индекс в формате, принятом в стране: Казахстан, например 040900."
    )
    assert errors["city"] == "Требуется заполнить это поле."


@pytest.mark.hardening("H09")
@pytest.mark.parametrize(
    ("method", "suffix", "data"),
    [
        ("get", "", None),
        ("patch", "", {"city": "Stolen"}),
        ("delete", "", None),
        ("post", "default/", None),
    ],
)
def test_another_shoppers_address_is_not_found(browser, method, suffix, data):
    other = AddressFactory(user=VerifiedUserFactory(), city="Shymkent", is_default=False)

    response = send(
        browser, method, f"{STORE}/me/addresses/{other.public_id}/{suffix}", data, **browser.csrf
    )

    assert response.status_code == 404
    assert "Shymkent" not in response.content.decode()
    other.refresh_from_db()
    assert (other.city, other.is_default) == ("Shymkent", False)


@pytest.mark.hardening("H09")
def test_the_list_holds_only_the_shoppers_own_addresses(browser, shopper):
    AddressFactory(user=shopper, label="Mine")
    AddressFactory(user=VerifiedUserFactory(), label="Theirs")

    labels = [a["label"] for a in browser.get(f"{STORE}/me/addresses/").json()]

    assert labels == ["Mine"]


@pytest.mark.hardening("H11")
def test_changes_without_the_csrf_token_are_refused(browser, shopper):
    response = send(browser, "post", f"{STORE}/me/addresses/", NEW_ADDRESS)

    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert not shopper.addresses.exists()


@pytest.mark.hardening("H09")
def test_a_basket_token_is_never_a_sign_in(browser, shopper):
    """The owner sees their inquiry with their session; the same browser with a token does not."""
    inquiry = InquiryFactory(user=shopper)
    token = send(browser, "post", f"{STORE}/basket/token/", {}).json()["token"]
    path = f"{STORE}/checkout/inquiries/{inquiry.reference}/"

    assert browser.get(path).status_code == 200
    assert browser.get(path, HTTP_X_BASKET_TOKEN=token).status_code == 404
    assert browser.get(f"{STORE}/me/", HTTP_X_BASKET_TOKEN=token).status_code == 200


def test_address_limit_is_a_409(browser, shopper):
    for _ in range(Address.MAX_ADDRESSES):
        AddressFactory(user=shopper)

    response = send(browser, "post", f"{STORE}/me/addresses/", NEW_ADDRESS, **browser.csrf)

    assert response.status_code == 409
    assert response.json()["code"] == "address_limit_reached"


@pytest.mark.promise("P24")
@pytest.mark.promise("P27")
@pytest.mark.hardening("H05")
@pytest.mark.hardening("H30")
def test_the_export_needs_a_recent_password_and_holds_only_the_shoppers_data(browser, shopper):
    from tests.legal.rights.test_export import validate

    InquiryFactory(email=shopper.email, first_name="Dana")
    InquiryFactory(email="someone.else@example.com", first_name="Zarina")

    refused = browser.get(f"{STORE}/me/export/")
    assert refused.status_code == 403
    assert refused.json()["code"] == "reauthentication_required"

    confirmed = browser.post(
        "/en/account/reauthenticate/", {"password": PASSWORD, **csrf_form(browser)}
    )
    assert confirmed.status_code == 302
    response = browser.get(f"{STORE}/me/export/")

    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["subject"]["email"] == shopper.email
    inquiries = document["sections"]["checkout.inquiry"]["records"]
    assert [row["first_name"] for row in inquiries] == ["Dana"]
    assert "someone.else@example.com" not in response.content.decode()
