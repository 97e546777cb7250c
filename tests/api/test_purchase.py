"""A whole purchase through the storefront API only: browse, basket, checkout, WhatsApp link."""

import json
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from storefront.checkout.models import Inquiry
from tests.api.conftest import STORE

CONTACT = {
    "first_name": "Aigerim",
    "last_name": "Nurlanovna",
    "email": "aigerim@example.com",
    "phone": "+7 707 123 4567",
    "street": "Abay avenue 10, apt 5",
    "building_type": "apartment",
    "city": "Almaty",
    "region": "Almaty",
    "postal_code": "050000",
    "country": "KZ",
    "instructions": "Call before delivery",
}


def post(client, path, data, **headers):
    return client.post(path, json.dumps(data), content_type="application/json", **headers)


@pytest.mark.promise("P08")
def test_a_cookieless_client_buys_through_the_api_alone(translated_shop):
    app = Client(enforce_csrf_checks=True)  # a native app: never sends cookies back
    # Browse: the shop in Russian, then the ring's details.
    listing = app.get(f"{STORE}/products/", {"lang": "ru", "sort": "price"}).json()
    titles = [item["title"] for item in listing["items"]]
    assert titles == ["Подарочная коробка", "Серебряное кольцо"]
    ring = next(item for item in listing["items"] if item["sku"] == "RING")
    detail = app.get(f"{STORE}/products/{ring['id']}/", {"lang": "ru"}).json()
    assert detail["variants"] == [
        {"name": "Размер 17", "sku": "RING-17", "price": "12500.00", "stock": 5, "orderable": True}
    ]

    # Basket: a token, two rings and a box, then one ring fewer.
    token = post(app, f"{STORE}/basket/token/", {}).json()["token"]
    auth = {"HTTP_X_BASKET_TOKEN": token}
    app.cookies.clear()
    added = post(
        app,
        f"{STORE}/basket/lines/?lang=ru",
        {"product_id": ring["id"], "variant_sku": "RING-17", "quantity": 2},
        **auth,
    )
    assert added.status_code == 201, added.content
    box_id = next(item["id"] for item in listing["items"] if item["sku"] == "BOX")
    post(app, f"{STORE}/basket/lines/", {"product_id": box_id, "quantity": 1}, **auth)
    app.cookies.clear()
    ring_key = added.json()["lines"][0]["key"]
    changed = app.patch(
        f"{STORE}/basket/lines/{ring_key}/?lang=ru",
        json.dumps({"quantity": 1}),
        content_type="application/json",
        **auth,
    ).json()
    assert [(line["sku"], line["quantity"]) for line in changed["lines"]] == [
        ("RING-17", 1),
        ("BOX", 1),
    ]
    assert changed["total"] == "15500.50"

    # Checkout: the reference, the message and the wa.me link to the shop's number.
    answer = post(app, f"{STORE}/checkout/?lang=ru", CONTACT, **auth)
    assert answer.status_code == 201, answer.content
    inquiry = answer.json()
    stored = Inquiry.objects.get(reference=inquiry["reference"])
    assert stored.phone == "+77071234567"
    assert stored.total == inquiry_total(inquiry)
    assert stored.language == "ru"
    link = urlparse(inquiry["whatsapp_url"])
    assert (link.scheme, link.netloc, link.path) == ("https", "wa.me", "/77077628700")
    text = parse_qs(link.query)["text"][0]
    assert text == inquiry["message"]
    assert inquiry["reference"] in text
    assert "Серебряное кольцо (Размер 17)" in text

    # The basket is empty now; the inquiry can be read again with the same token only.
    assert app.get(f"{STORE}/basket/", **auth).json()["lines"] == []
    again = app.get(f"{STORE}/checkout/inquiries/{inquiry['reference']}/", **auth)
    assert again.json()["whatsapp_url"] == inquiry["whatsapp_url"]
    other_token = post(app, f"{STORE}/basket/token/", {}).json()["token"]
    stranger = app.get(
        f"{STORE}/checkout/inquiries/{inquiry['reference']}/", HTTP_X_BASKET_TOKEN=other_token
    )
    assert stranger.status_code == 404
    assert "Aigerim" not in stranger.content.decode()


def inquiry_total(inquiry):
    from decimal import Decimal

    return Decimal(inquiry["total"])
