"""Inquiries and orders in the personal data registry (legal.registry)."""

from datetime import timedelta

from django.db.models import Q

from legal.registry import (
    ErasureResult,
    Person,
    PersonalDataEntry,
    RetentionRule,
    register,
)
from storefront.checkout.models import Inquiry, Order

INQUIRY_RETENTION = timedelta(days=90)  # P19
ORDER_RETENTION = timedelta(days=7 * 365 + 2)  # P21: seven years, leap days included

SNAPSHOT_FIELDS = [
    "reference",
    "language",
    "first_name",
    "last_name",
    "email",
    "phone",
    "street",
    "building_type",
    "city",
    "region",
    "postal_code",
    "instructions",
    "item_count",
    "currency",
]


def _whose(person: Person) -> Q:
    query = Q(email__iexact=person.email) if person.email else Q(pk__in=[])
    if person.user is not None:
        query |= Q(user=person.user)
    return query


def _as_dict(obj, extra: dict) -> dict:
    data = {name: getattr(obj, name) for name in SNAPSHOT_FIELDS}
    data["country"] = str(obj.country)
    data["total"] = str(obj.total)
    data["lines"] = obj.lines
    return {**data, **extra}


def export_inquiries(person: Person) -> list[dict]:
    return [
        _as_dict(
            inquiry,
            {"status": inquiry.status, "submitted_at": inquiry.created_at.isoformat()},
        )
        for inquiry in Inquiry.objects.filter(_whose(person)).order_by("created_at")
    ]


def erase_inquiries(person: Person) -> ErasureResult:
    """Inquiries go entirely; an order recorded from one keeps its own copy (see orders)."""
    removed, _detail = Inquiry.objects.filter(_whose(person)).delete()
    return ErasureResult(removed=removed)


def export_orders(person: Person) -> list[dict]:
    return [
        _as_dict(order, {"recorded_at": order.created_at.isoformat()})
        for order in Order.objects.filter(_whose(person)).order_by("created_at")
    ]


def erase_orders(person: Person) -> ErasureResult:
    """Orders are kept for tax law (P21): only the link to the account is removed."""
    orders = Order.objects.filter(_whose(person))
    kept = orders.count()
    orders.filter(user__isnull=False).update(user=None)
    messages = []
    if kept:
        messages.append(
            "Orders are kept for 7 years under Kazakhstan's tax law; they are no longer linked "
            "to an account."
        )
    return ErasureResult(removed=0, retained=kept, messages=messages)


register(
    PersonalDataEntry(
        key="checkout.inquiry",
        description="Checkout inquiries: contact details, delivery address and items",
        export=export_inquiries,
        erase=erase_inquiries,
        retention=RetentionRule(
            model=Inquiry,
            age_field="created_at",
            keep_for=INQUIRY_RETENTION,
            # All inquiries: one that led to a purchase has its copy in the order, which is kept.
            description=(
                "Checkout inquiries: 90 days after submission (a purchase is kept as an order)"
            ),
        ),
    )
)

register(
    PersonalDataEntry(
        key="checkout.order",
        description="Orders: the purchase with contact details and delivery address",
        export=export_orders,
        erase=erase_orders,
        retention=RetentionRule(
            model=Order,
            age_field="created_at",
            keep_for=ORDER_RETENTION,
            description="Orders: 7 years (Kazakhstan tax law), also after the account is deleted",
        ),
    )
)
