"""Inquiries and orders in the personal data registry (legal.registry)."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from legal.registry import (
    ErasureResult,
    Person,
    PersonalDataEntry,
    RetentionRule,
    clear_links,
    delete_rows,
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


def _forget_admin_log(model, pks) -> None:
    """Wagtail's action log labels a row with its name (str()): those log lines go too."""
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ).delete()


def erase_inquiries(person: Person) -> ErasureResult:
    """Inquiries go entirely; an order recorded from one keeps its own copy (see orders)."""
    pks = list(Inquiry.objects.filter(_whose(person)).values_list("pk", flat=True))
    _forget_admin_log(Inquiry, pks)
    removed, _detail = Inquiry.objects.filter(pk__in=pks).delete()
    return ErasureResult(removed=removed)


def purge_inquiries(pks: list[int]) -> int:
    """One batch of the 90-day purge (P19): orders keep their own copy, only the link goes."""
    clear_links(Order, "inquiry", pks)
    delete_rows(
        ModelLogEntry,
        [str(pk) for pk in pks],
        field_name="object_id",
        content_type=ContentType.objects.get_for_model(Inquiry).pk,
    )
    return delete_rows(Inquiry, pks)


def export_orders(person: Person) -> list[dict]:
    return [
        _as_dict(order, {"recorded_at": order.created_at.isoformat()})
        for order in Order.objects.filter(_whose(person)).order_by("created_at")
    ]


# What an order keeps when its customer is erased (P21, H31): what the sale's accounting
# record needs under Kazakhstan's tax law -- reference, dates, items, amounts and currency, and
# the buyer with the delivery address as on the invoice and waybill (name, street, building
# type, city, region, postal code, country). Contact details are not part of that record and go:
ERASED_ORDER_FIELDS = {"email": "", "phone": "", "instructions": ""}


def erase_orders(person: Person) -> ErasureResult:
    """Orders are kept for tax law (P21): unlinked from the account, contact details removed."""
    orders = Order.objects.filter(_whose(person))
    pks = list(orders.values_list("pk", flat=True))
    Order.objects.filter(pk__in=pks).update(user=None, **ERASED_ORDER_FIELDS)
    messages = []
    if pks:
        messages.append(
            str(
                _(
                    "Orders are kept for 7 years under Kazakhstan's tax law, with the name, "
                    "delivery address, items and amounts; they are no longer linked to an "
                    "account and lose the email, phone and delivery instructions."
                )
            )
        )
    return ErasureResult(removed=0, retained=len(pks), messages=messages)


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
            batch_size=5000,
            delete_batch=purge_inquiries,
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
