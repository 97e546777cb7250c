"""H08: who reaches what through the APIs. No caller ever gets another person's addresses,
inquiries, orders or consent records, nor a draft, whatever their role."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.api.conftest import STORE
from tests.factories.accounts import AddressFactory, VerifiedUserFactory
from tests.factories.catalogue import ProductPageFactory
from tests.factories.checkout import InquiryFactory, OrderFactory

ROLES = ["anonymous", "shopper_a", "shopper_b", "editor", "superuser"]


@pytest.fixture
def people(db):
    a = VerifiedUserFactory(email="a@example.com")
    editor = VerifiedUserFactory(email="editor@example.com", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    return {
        "shopper_a": a,
        "shopper_b": VerifiedUserFactory(email="b@example.com"),
        "editor": editor,
        "superuser": VerifiedUserFactory(
            email="root@example.com", is_staff=True, is_superuser=True
        ),
        "address": AddressFactory(user=a, city="Taraz"),
        "inquiry": InquiryFactory(user=a, first_name="Secretname"),
        "order": OrderFactory(user=a, first_name="Secretname"),
    }


def client_for(role: str, people) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(people[role])
    return client


# (path template, {role: expected status}); only shopper A owns the data.
MATRIX = [
    (
        "/me/",
        {"anonymous": 401, "shopper_a": 200, "shopper_b": 200, "editor": 200, "superuser": 200},
    ),
    (
        "/me/addresses/{address}/",
        {"anonymous": 401, "shopper_a": 200, "shopper_b": 404, "editor": 404, "superuser": 404},
    ),
    (
        "/checkout/inquiries/{inquiry}/",
        {"anonymous": 404, "shopper_a": 200, "shopper_b": 404, "editor": 404, "superuser": 404},
    ),
    # Orders are recorded by staff; no API endpoint shows them, to anybody.
    (
        "/checkout/inquiries/{order}/",
        {"anonymous": 404, "shopper_a": 404, "shopper_b": 404, "editor": 404, "superuser": 404},
    ),
]


@pytest.mark.hardening("H08")
@pytest.mark.hardening("H09")
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("template", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_access_matrix(site_pages, people, role, template, expected):
    path = STORE + template.format(
        address=people["address"].public_id,
        inquiry=people["inquiry"].reference,
        order=people["order"].reference,
    )

    response = client_for(role, people).get(path)

    assert response.status_code == expected[role], (role, path, response.content[:200])
    if expected[role] != 200:
        body = response.content.decode()
        assert "Secretname" not in body and "Taraz" not in body and "a@example.com" not in body


@pytest.mark.hardening("H08")
@pytest.mark.parametrize("role", ROLES)
def test_lists_hold_only_the_callers_own_data(site_pages, people, role):
    response = client_for(role, people).get(f"{STORE}/me/addresses/")

    if role == "anonymous":
        assert response.status_code == 401
    elif role == "shopper_a":
        assert [a["city"] for a in response.json()] == ["Taraz"]
    else:
        assert response.json() == []


@pytest.mark.hardening("H08")
@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_staff_sessions_do_not_reveal_drafts_in_the_content_api(site_pages, people, role):
    draft = ProductPageFactory(parent=site_pages["en"], title="Unreleased", live=False)
    client = client_for(role, people)

    for path in (f"/api/v2/pages/{draft.pk}/", f"/api/v3/pages/{draft.pk}/"):
        assert client.get(path).status_code == 404
    assert (
        "Unreleased" not in client.get("/api/v3/pages/", {"search": "Unreleased"}).content.decode()
    )
    assert (
        "Unreleased" not in client.get("/api/v2/pages/", {"search": "Unreleased"}).content.decode()
    )


@pytest.mark.hardening("H08")
def test_no_content_api_exposes_inquiries_orders_or_consent(site_pages, people):
    client = client_for("superuser", people)

    assert client.get("/api/v2/pages/", {"type": "checkout.Inquiry"}).status_code == 400
    assert client.get("/api/v3/pages/", {"type": "checkout.Inquiry"}).status_code == 422
    for schema_path in ("/api/v3/openapi.json", f"{STORE}/openapi.json"):
        schema = client.get(schema_path).json()
        paths = " ".join(schema["paths"])
        components = set(schema["components"]["schemas"])
        assert "orders" not in paths and "records" not in paths and "spam" not in paths
        assert not components & {"Inquiry", "Order", "ConsentRecord", "SpamRecord"}
