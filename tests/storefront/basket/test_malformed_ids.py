"""Ids that name nothing: the shopper gets "not available", staff get a 404, never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from tests.factories.accounts import UserFactory
from tests.factories.checkout import InquiryFactory, build_shop

NOT_AVAILABLE = "This product is no longer available."


@pytest.fixture
def shop(site_pages):
    return build_shop(site_pages, translate=False)


@pytest.mark.parametrize(
    "product",
    [
        str(2**31),
        str(2**63),
        str(2**64 + 1),
        "9" * 40,
        "-1",
        "0",
        "None",
        "1e3",
        "",
        "٣",
        "1\x00",
    ],
)
def test_adding_a_malformed_product_id_answers_not_available(client, shop, product):
    response = client.post("/en/basket/add/", {"product": product, "quantity": 1})

    assert response.status_code == 302
    assert response["Location"] == "/en/basket/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [NOT_AVAILABLE]
    assert client.get("/en/basket/").context["lines"] == []


@pytest.mark.parametrize("variant", ["RING-17\x00", "X" * 65])
def test_adding_a_malformed_variant_answers_not_available(client, shop, variant):
    response = client.post(
        "/en/basket/add/", {"product": shop["ring"].pk, "variant": variant, "quantity": 1}
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [NOT_AVAILABLE]


@pytest.fixture
def staff(db):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("action", ["record-order", "mark-contacted", "close", "reopen"])
@pytest.mark.parametrize("pk", ["None", "abc", str(2**31), str(2**63), "9" * 30, "-1", "1.0"])
def test_staff_actions_on_malformed_ids_are_404(staff, action, pk):
    InquiryFactory()

    url = f"/admin/checkout/inquiries/{action}/{pk}/"

    # The site's 404 handling may first redirect to a language prefix; the end is a 404.
    assert staff.get(url, follow=True).status_code == 404
    assert staff.post(url, follow=True).status_code == 404


def test_staff_actions_on_a_real_inquiry_still_work(staff):
    inquiry = InquiryFactory()

    response = staff.get(f"/admin/checkout/inquiries/record-order/{inquiry.pk}/")

    assert response.status_code == 200
