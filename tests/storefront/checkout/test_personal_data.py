"""Inquiries and orders in the personal data registry: export, erasure, retention."""

import json
from datetime import timedelta

import pytest

from legal.registry import Person, entries, retention_rules
from storefront.checkout.models import Inquiry, Order
from storefront.checkout.services import record_order
from tests.factories.accounts import UserFactory
from tests.factories.checkout import InquiryFactory


def entry(key):
    return next(e for e in entries() if e.key == key)


@pytest.mark.promise("P24")
@pytest.mark.hardening("H30")
def test_export_covers_guest_and_account_inquiries_and_nobody_else(db):
    user = UserFactory(email="dana@example.com")
    InquiryFactory(email="DANA@example.com")  # guest checkout, other case
    InquiryFactory(user=user, email="work@example.com")
    InquiryFactory(email="someone@example.com")
    record_order(InquiryFactory(user=user, email="dana@example.com"))

    person = Person(email="dana@example.com", user=user)
    inquiries = entry("checkout.inquiry").export(person)
    orders = entry("checkout.order").export(person)

    assert len(inquiries) == 3
    assert len(orders) == 1
    assert {row["email"] for row in inquiries} == {
        "DANA@example.com",
        "work@example.com",
        "dana@example.com",
    }
    json.dumps(inquiries + orders)  # plain JSON


@pytest.mark.promise("P21")
@pytest.mark.promise("P26")
@pytest.mark.hardening("H31")
def test_erasure_removes_inquiries_and_keeps_orders_unlinked(db):
    user = UserFactory(email="dana@example.com")
    order = record_order(InquiryFactory(user=user, email="dana@example.com"))
    InquiryFactory(email="dana@example.com")
    other = InquiryFactory(email="someone@example.com")
    person = Person(email="dana@example.com", user=user)

    removed = entry("checkout.inquiry").erase(person)
    kept = entry("checkout.order").erase(person)

    assert removed.removed == 2
    assert list(Inquiry.objects.all()) == [other]
    assert kept.retained == 1 and kept.removed == 0
    assert kept.messages
    order.refresh_from_db()
    assert order.user is None
    # What the sale's accounting record needs stays; the contact details go.
    assert (order.first_name, order.street, order.total) == (
        "Aigerim",
        "Abay avenue 10, apt 5",
        25000,
    )
    assert (order.email, order.phone, order.instructions) == ("", "", "")

    user.delete()
    assert Order.objects.filter(pk=order.pk).exists()  # account deletion keeps the order


@pytest.mark.promise("P21")
def test_orders_are_kept_seven_years(db):
    rule = next(r for r in retention_rules() if r.model is Order)

    assert timedelta(days=7 * 365) <= rule.keep_for <= timedelta(days=7 * 366)
    assert rule.age_field == "created_at"
