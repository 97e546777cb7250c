import json

import pytest
from django.test import Client
from django.utils import translation
from wagtail.models import Site

from home.models import OperatorSettings
from tests.factories.accounts import VerifiedUserFactory
from tests.factories.checkout import CHECKOUT_FORM, build_shop

STORE = "/api/store/v1"


@pytest.fixture(autouse=True)
def english():
    """Requests leave their language active in the thread; each test starts in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def shop(site_pages):
    operator = OperatorSettings.for_site(Site.objects.get(is_default_site=True))
    operator.whatsapp_number = "+7 700 000 0000"
    operator.save()
    return build_shop(site_pages)


@pytest.fixture
def shopper(db):
    return VerifiedUserFactory(email="shopper@example.com")


@pytest.fixture
def signed_in(shopper):
    client = Client()
    client.force_login(shopper)
    return client


def send_json(client: Client, path: str, data: dict, **headers):
    return client.post(path, json.dumps(data), content_type="application/json", **headers)


def checkout_page_errors(client: Client, shop, data: dict, language: str = "en") -> dict:
    """The checkout page's errors for `data` (an empty dict when the inquiry was stored)."""
    client.post(f"/{language}/basket/add/", {"product": shop["box"].pk, "quantity": 1})
    token = client.get(f"/{language}/checkout/").context["form"]["token"].value()
    response = client.post(f"/{language}/checkout/", {**CHECKOUT_FORM, **data, "token": token})
    if response.status_code == 302:
        return {}
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def checkout_api_errors(shop, data: dict, language: str = "en") -> dict:
    client = Client()
    token = send_json(client, f"{STORE}/basket/token/", {}).json()["token"]
    send_json(
        client, f"{STORE}/basket/lines/", {"product_id": shop["box"].pk}, HTTP_X_BASKET_TOKEN=token
    )
    response = send_json(
        client,
        f"{STORE}/checkout/?lang={language}",
        {**CHECKOUT_FORM, **data},
        HTTP_X_BASKET_TOKEN=token,
    )
    return _problem_errors(response)


def address_page_errors(client: Client, data: dict, language: str = "en") -> dict:
    address = {**CHECKOUT_FORM, "label": "Home", **data}
    response = client.post(f"/{language}/account/addresses/new/", address)
    if response.status_code == 302:
        return {}
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def address_api_errors(client: Client, data: dict, language: str = "en") -> dict:
    address = {
        name: CHECKOUT_FORM[name]
        for name in ("street", "building_type", "city", "region", "postal_code", "country")
    }
    response = send_json(
        client, f"{STORE}/me/addresses/?lang={language}", {**address, "label": "Home", **data}
    )
    return _problem_errors(response)


def _problem_errors(response) -> dict:
    if response.status_code in (200, 201):
        return {}
    assert response.status_code == 422, response.content
    errors: dict[str, list[str]] = {}
    for error in response.json()["errors"]:
        errors.setdefault(error["field"], []).append(error["message"])
    return errors
