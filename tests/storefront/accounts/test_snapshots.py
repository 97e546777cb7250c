"""Corrections (P25) change the profile and the address book, never what an inquiry or order
recorded at the time (H33): the shop must be able to show what was actually ordered."""

import pytest

from tests.factories.accounts import AddressFactory
from tests.factories.checkout import InquiryFactory, OrderFactory
from tests.storefront.accounts.test_addresses import address_data

pytestmark = pytest.mark.django_db


@pytest.mark.hardening("H33")
def test_corrections_leave_inquiry_and_order_snapshots_as_they_were(signed_in, shopper):
    address = AddressFactory(user=shopper, street="Abay Avenue 10", city="Almaty")
    inquiry = InquiryFactory(
        user=shopper, first_name="Dana", last_name="Ospan", street="Abay Avenue 10"
    )
    order = OrderFactory(
        user=shopper, first_name="Dana", last_name="Ospan", street="Abay Avenue 10"
    )

    assert (
        signed_in.post("/en/account/", {"first_name": "Dina", "last_name": "Abenova"}).status_code
        == 302
    )
    response = signed_in.post(
        f"/en/account/addresses/{address.public_id}/",
        address_data(street="Satpayev 1", city="Astana", region="Astana", postal_code="010000"),
    )
    assert response.status_code == 302

    shopper.refresh_from_db()
    address.refresh_from_db()
    assert shopper.get_full_name() == "Dina Abenova"
    assert (address.street, address.city) == ("Satpayev 1", "Astana")
    for snapshot in (inquiry, order):
        snapshot.refresh_from_db()
        assert (snapshot.first_name, snapshot.last_name) == ("Dana", "Ospan")
        assert (snapshot.street, snapshot.city) == ("Abay Avenue 10", "Almaty")
