"""The basket and checkout through the storefront API: CSRF, tokens, errors as problems."""

import json

import pytest
from django.test import override_settings

from storefront.checkout.forms import CheckoutForm
from tests.api.conftest import STORE, csrf_headers
from tests.api.test_purchase import CONTACT, post


def add_box(client, shop, **headers):
    return post(client, f"{STORE}/basket/lines/", {"product_id": shop["box"].pk}, **headers)


@pytest.mark.hardening("H11")
def test_a_browser_change_without_the_csrf_token_is_refused(shop, api_client):
    refused = add_box(api_client, shop)

    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "csrf_failed"
    assert api_client.get(f"{STORE}/basket/").json()["lines"] == []

    accepted = add_box(api_client, shop, **csrf_headers(api_client))

    assert accepted.status_code == 201
    assert api_client.get(f"{STORE}/basket/").json()["count"] == 1


def test_the_api_basket_is_the_browsers_basket(shop, api_client):
    """A product added through the API is in the basket page of the same browser (one service)."""
    add_box(api_client, shop, **csrf_headers(api_client))

    page = api_client.get("/en/basket/")

    assert "Gift box" in page.content.decode()


@pytest.mark.hardening("H09")
def test_one_token_never_sees_another_tokens_basket(shop, api_client):
    first = post(api_client, f"{STORE}/basket/token/", {}).json()["token"]
    second = post(api_client, f"{STORE}/basket/token/", {}).json()["token"]
    add_box(api_client, shop, HTTP_X_BASKET_TOKEN=first)

    assert api_client.get(f"{STORE}/basket/", HTTP_X_BASKET_TOKEN=first).json()["count"] == 1
    assert api_client.get(f"{STORE}/basket/", HTTP_X_BASKET_TOKEN=second).json()["count"] == 0
    assert first != second and len(first) >= 32


def test_a_session_key_is_not_a_basket_token(shop, api_client):
    add_box(api_client, shop, **csrf_headers(api_client))
    session_key = api_client.cookies["sessionid"].value

    response = api_client.get(f"{STORE}/basket/", HTTP_X_BASKET_TOKEN=session_key)

    assert response.status_code == 401
    assert response.json()["code"] == "invalid_basket_token"


@pytest.mark.hardening("H16")
@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ("{not json", 400, "malformed_json"),
        ('{"product_id": "many"}', 422, "validation_failed"),
        ('{"product_id": 1, "colour": "red"}', 422, "validation_failed"),
        ('{"product_id": 1, "quantity": 100000}', 422, "validation_failed"),
        ("[1, 2, 3]", 422, "validation_failed"),
        ('{"product_id": 99999999}', 404, "not_found"),
    ],
)
def test_bad_bodies_get_problems_never_a_500(shop, api_client, body, status, code):
    token = post(api_client, f"{STORE}/basket/token/", {}).json()["token"]

    response = api_client.post(
        f"{STORE}/basket/lines/", body, content_type="application/json", HTTP_X_BASKET_TOKEN=token
    )

    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == code
    assert problem["status"] == status
    assert problem["type"] == f"urn:nera:problem:{code}"


@pytest.mark.hardening("H16")
def test_a_huge_body_is_refused_before_it_is_read(shop, api_client):
    token = post(api_client, f"{STORE}/basket/token/", {}).json()["token"]
    body = json.dumps({**CONTACT, "instructions": "x" * 200_000})

    response = api_client.post(
        f"{STORE}/checkout/", body, content_type="application/json", HTTP_X_BASKET_TOKEN=token
    )

    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


@pytest.mark.hardening("H16")
@override_settings(STORE_API_MAX_BODY=10**9, DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_djangos_own_limit_is_a_413_too(shop, api_client):
    token = post(api_client, f"{STORE}/basket/token/", {}).json()["token"]
    body = json.dumps({**CONTACT, "instructions": "x" * 5000})

    response = api_client.post(
        f"{STORE}/checkout/", body, content_type="application/json", HTTP_X_BASKET_TOKEN=token
    )

    assert response.status_code == 413


def test_unknown_lines_and_products_are_404_problems(shop, api_client):
    token = {"HTTP_X_BASKET_TOKEN": post(api_client, f"{STORE}/basket/token/", {}).json()["token"]}

    missing_line = api_client.delete(f"{STORE}/basket/lines/nope:x/", **token)
    missing_product = api_client.get(f"{STORE}/products/424242/")

    assert missing_line.status_code == 404
    assert missing_line.json()["code"] == "not_found"
    assert missing_product.status_code == 404
    assert missing_product["Content-Type"] == "application/problem+json"


def test_a_sold_out_product_is_a_409_with_the_reason(shop, api_client):
    shop["box"].stock = 0
    shop["box"].save_revision().publish()
    token = post(api_client, f"{STORE}/basket/token/", {}).json()["token"]

    response = add_box(api_client, shop, HTTP_X_BASKET_TOKEN=token)

    assert response.status_code == 409
    assert response.json()["code"] == "not_added"
    assert "Gift box is sold out." in response.json()["detail"]


@pytest.mark.hardening("H14")
@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_checkout_errors_are_the_forms_field_by_field_in_the_requested_language(
    shop, api_client, language
):
    token = post(api_client, f"{STORE}/basket/token/", {}).json()["token"]
    add_box(api_client, shop, HTTP_X_BASKET_TOKEN=token)
    data = {**CONTACT, "phone": "12", "email": "not-an-email", "postal_code": "ABC"}

    response = post(
        api_client, f"{STORE}/checkout/?lang={language}", data, HTTP_X_BASKET_TOKEN=token
    )

    from django.utils import translation

    with translation.override(language):
        form = CheckoutForm(data)
        form.is_valid()
        expected = {name: [str(m) for m in errors] for name, errors in form.errors.items()}
    assert response.status_code == 422
    got: dict[str, list[str]] = {}
    for error in response.json()["errors"]:
        got.setdefault(error["field"], []).append(error["message"])
    assert got == expected
    assert set(got) == {"phone", "email", "postal_code"}


def test_checkout_with_an_empty_basket_is_a_409(shop, api_client):
    token = post(api_client, f"{STORE}/basket/token/", {}).json()["token"]

    response = post(api_client, f"{STORE}/checkout/", CONTACT, HTTP_X_BASKET_TOKEN=token)

    assert response.status_code == 409
    assert response.json()["code"] == "empty_basket"


@pytest.mark.hardening("H42")
def test_the_same_checkout_sent_twice_stores_one_inquiry(shop, api_client):
    token = post(api_client, f"{STORE}/basket/token/", {}).json()["token"]
    add_box(api_client, shop, HTTP_X_BASKET_TOKEN=token)
    data = {**CONTACT, "token": "0123456789abcdef0123456789abcdef"}

    first = post(api_client, f"{STORE}/checkout/", data, HTTP_X_BASKET_TOKEN=token)
    second = post(api_client, f"{STORE}/checkout/", data, HTTP_X_BASKET_TOKEN=token)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["reference"] == second.json()["reference"]
    assert second.json()["created"] is False


@pytest.mark.hardening("H38")
def test_checkout_is_rate_limited_per_client_with_a_hashed_key(shop, api_client, settings):
    from django.core.cache import cache
    from django.test import RequestFactory

    from cms.api_throttles import hashed_client

    settings.STORE_API_RATE_LIMITS = {**settings.STORE_API_RATE_LIMITS, "checkout": "2/m"}
    token = post(api_client, f"{STORE}/basket/token/", {}).json()["token"]
    answers = [
        post(api_client, f"{STORE}/checkout/", CONTACT, HTTP_X_BASKET_TOKEN=token).status_code
        for _ in range(3)
    ]
    other_client = post(
        api_client, f"{STORE}/checkout/", CONTACT, HTTP_X_BASKET_TOKEN=token, REMOTE_ADDR="10.0.0.9"
    )

    assert answers == [409, 409, 429]  # empty basket twice, then the limit
    assert other_client.status_code == 409  # another client is not limited
    key = f"api-throttle:checkout:{hashed_client(RequestFactory().get('/'))}"
    assert len(cache.get(key)) == 2  # the two counted requests, under a key without the IP
    assert "127.0.0.1" not in key


@pytest.mark.hardening("H42")
def test_a_price_change_since_the_basket_was_shown_is_a_409_and_stores_nothing(shop, api_client):
    from decimal import Decimal

    from storefront.catalogue.models import ProductPage
    from storefront.checkout.models import Inquiry

    token = post(api_client, f"{STORE}/basket/token/", {}).json()["token"]
    shown = add_box(api_client, shop, HTTP_X_BASKET_TOKEN=token).json()
    ProductPage.objects.filter(pk=shop["box"].pk).update(price=Decimal("3500"))
    data = {**CONTACT, "basket_version": shown["version"]}

    changed = post(api_client, f"{STORE}/checkout/", data, HTTP_X_BASKET_TOKEN=token)

    assert changed.status_code == 409
    assert changed.json()["code"] == "basket_changed"
    assert "The price of Gift box changed from ₸3,000.50 to ₸3,500." in changed.json()["detail"]
    assert not Inquiry.objects.exists()
    again = api_client.get(f"{STORE}/basket/", HTTP_X_BASKET_TOKEN=token).json()
    confirmed = post(
        api_client,
        f"{STORE}/checkout/",
        {**data, "basket_version": again["version"]},
        HTTP_X_BASKET_TOKEN=token,
    )
    assert confirmed.status_code == 201
    assert Inquiry.objects.get().total == Decimal("3500.00")
