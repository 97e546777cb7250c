"""A shopper with something of every kind of personal data, and another one beside them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from legal.rights.models import RightsRequest
from storefront.checkout.services import record_order
from tests.factories.accounts import PASSWORD, AddressFactory, VerifiedUserFactory
from tests.factories.checkout import InquiryFactory

US_IPV4 = "8.8.8.8"


@dataclass
class Shopper:
    user: object
    client: Client
    email: str
    first_name: str
    last_name: str
    phone: str
    street: str
    order: object


def sign_in(email: str, password: str = PASSWORD) -> Client:
    client = Client()
    response = client.post("/en/account/login/", {"login": email, "password": password})
    assert response.status_code == 302, response.content.decode()[:1000]
    return client


def reauthenticate(client: Client, password: str = PASSWORD) -> None:
    response = client.post("/en/account/reauthenticate/", {"password": password})
    assert response.status_code == 302


def build_shopper(*, email: str, first: str, last: str, phone: str, street: str) -> Shopper:
    """Account, two addresses, a guest and a signed-in inquiry, an order, consent, a request."""
    user = VerifiedUserFactory(email=email, first_name=first, last_name=last)
    AddressFactory(user=user, label="Home", street=street, is_default=True)
    AddressFactory(user=user, label="Work", street=f"{street} office")
    contact = {"first_name": first, "last_name": last, "phone": phone, "street": street}
    InquiryFactory(email=email.upper(), **contact)  # a guest checkout before signing up
    InquiryFactory(user=user, email=email, **contact)
    order = record_order(InquiryFactory(user=user, email=email, **contact))
    client = sign_in(email)
    # A consent choice while signed in: our record and the cookie library's log rows.
    response = client.post(
        "/en/cookies/", {"action": "accept_all"}, REMOTE_ADDR=US_IPV4, HTTP_USER_AGENT="test"
    )
    assert response.status_code == 302
    RightsRequest.objects.create(requester_email=email, kind="access")
    return Shopper(user, client, email, first, last, phone, street, order)


@pytest.fixture
def dana(db, cookie_groups):
    return build_shopper(
        email="dana.ospan@example.com",
        first="Dana",
        last="Ospanova",
        phone="+77071112233",
        street="Dostyk avenue 5",
    )


@pytest.fixture
def marat(db, cookie_groups):
    return build_shopper(
        email="marat.bekov@example.org",
        first="Marat",
        last="Bekovich",
        phone="+77019998877",
        street="Satpaev street 90",
    )
