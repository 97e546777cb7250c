"""Demo inquiries for the staff screens: one new (Kazakh), one turned into an order (Russian).

Idempotent: found by reference. The people are invented; the data follows the usual retention
rules like any other inquiry.
"""

from decimal import Decimal

from django.db import transaction

from storefront.checkout.models import Inquiry, Order
from storefront.checkout.services import record_order

DEMO_INQUIRIES = [
    {
        "reference": "NR-DEM234",
        "language": "kk",
        "first_name": "Әлия",
        "last_name": "Құрманғазы",
        "email": "aliya.demo@example.com",
        "phone": "+77071234567",
        "street": "Абай даңғылы 10, 5-пәтер",
        "building_type": "apartment",
        "city": "Алматы",
        "region": "Алматы",
        "postal_code": "050000",
        "country": "KZ",
        "instructions": "Домофон 15",
        "lines": [
            {
                "name": "Күміс сақина",
                "variant": "17 өлшем",
                "sku": "DEMO-RING-17",
                "quantity": 1,
                "unit_price": "12500.00",
                "line_total": "12500.00",
            }
        ],
        "item_count": 1,
        "total": Decimal("12500.00"),
    },
    {
        "reference": "NR-DEM246",
        "language": "ru",
        "first_name": "Ирина",
        "last_name": "Ким",
        "email": "irina.demo@example.com",
        "phone": "+77017654321",
        "street": "ул. Панфилова 98",
        "building_type": "office",
        "city": "Алматы",
        "region": "",
        "postal_code": "050010",
        "country": "KZ",
        "instructions": "",
        "lines": [
            {
                "name": "Подарочная коробка",
                "variant": "",
                "sku": "DEMO-BOX",
                "quantity": 2,
                "unit_price": "3000.00",
                "line_total": "6000.00",
            }
        ],
        "item_count": 2,
        "total": Decimal("6000.00"),
    },
]


@transaction.atomic
def seed(command) -> None:
    created = 0
    for data in DEMO_INQUIRIES:
        _inquiry, was_created = Inquiry.objects.get_or_create(
            reference=data["reference"], defaults=data
        )
        created += was_created
    ordered = Inquiry.objects.get(reference="NR-DEM246")
    if not Order.objects.filter(reference=ordered.reference).exists():
        record_order(ordered)
    command.stdout.write(f"Demo inquiries in place ({created} new), one recorded as an order.")
