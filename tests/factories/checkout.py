from decimal import Decimal

import factory
from django.utils import timezone

from storefront.checkout.models import Inquiry, Order
from storefront.checkout.reference import new_reference
from tests.factories.catalogue import (
    ProductIndexPageFactory,
    ProductPageFactory,
    ProductVariantFactory,
    translate_page,
)

LINE = {
    "name": "Silver ring",
    "variant": "Size 17",
    "sku": "RING-17",
    "quantity": 2,
    "unit_price": "12500.00",
    "line_total": "25000.00",
}


# What a shopper types into the checkout form (P02 fields), valid everywhere.
CHECKOUT_FORM = {
    "first_name": "Aigerim",
    "last_name": "Nurlanovna",
    "email": "aigerim@example.com",
    "phone": "+7 707 123 45 67",
    "street": "Abay avenue 10, apt 5",
    "building_type": "apartment",
    "city": "Almaty",
    "region": "Almaty",
    "postal_code": "050000",
    "country": "KZ",
    "instructions": "Call first",
}


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    reference = factory.LazyFunction(new_reference)
    first_name = "Aigerim"
    last_name = "Nurlanovna"
    email = factory.Sequence(lambda n: f"guest{n}@example.com")
    phone = "+77071234567"
    street = "Abay avenue 10, apt 5"
    building_type = "apartment"
    city = "Almaty"
    region = "Almaty"
    postal_code = "050000"
    country = "KZ"
    instructions = "Call before delivery"
    lines = factory.LazyFunction(lambda: [dict(LINE)])
    item_count = 2
    total = Decimal("25000.00")
    currency = "KZT"
    language = "en"
    created_at = factory.LazyFunction(timezone.now)


class OrderFactory(InquiryFactory):
    class Meta:
        model = Order

    inquiry = None


PRODUCT_TEXT = {
    "ru": {
        "Silver ring": "Серебряное кольцо",
        "Size 17": "Размер 17",
        "Gift box": "Подарочная коробка",
    },
    "kk": {"Silver ring": "Күміс сақина", "Size 17": "17 өлшем", "Gift box": "Сыйлық қорабы"},
}


def build_shop(site_pages, *, translate: bool = True):
    """A shop index with two products (a ring with one variant, a box without) in en/ru/kk.

    Returns a dict with the English pages and variant: shop, ring, ring_variant, box.
    """
    shop = ProductIndexPageFactory(parent=site_pages["en"])
    ring = ProductPageFactory(parent=shop, title="Silver ring", sku="RING", price=Decimal("12500"))
    variant = ProductVariantFactory(
        product=ring, name="Size 17", sku="RING-17", stock=5, locale=ring.locale
    )
    ring.save_revision().publish()
    box = ProductPageFactory(
        parent=shop, title="Gift box", sku="BOX", price=Decimal("3000.50"), stock=10
    )
    if translate:
        for code, strings in PRODUCT_TEXT.items():
            translate_page(shop, code, {})
            translate_page(ring, code, strings)
            translate_page(box, code, strings)
    return {"shop": shop, "ring": ring, "ring_variant": variant, "box": box}
