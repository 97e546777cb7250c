"""What a shopper may order and is told about it: availability, order limits, stock shown.

No model imports: the product pages, the admin form and the page contexts all build on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from storefront.catalogue.models import ProductPage, ProductVariant

# No shopper orders more than this many of one line; protects stock and the WhatsApp message.
MAX_ORDER_QUANTITY = 99
# Up to this many pieces left, the product page says how many.
LOW_STOCK = 3


class Availability(models.TextChoices):
    IN_STOCK = "in_stock", _("In stock")
    MADE_TO_ORDER = "made_to_order", _("Made to order")
    SOLD_OUT = "sold_out", _("Sold out")


# schema.org ItemAvailability for each of ours (Product JSON-LD offers).
SCHEMA_AVAILABILITY = {
    Availability.IN_STOCK: "https://schema.org/InStock",
    Availability.MADE_TO_ORDER: "https://schema.org/MadeToOrder",
    Availability.SOLD_OUT: "https://schema.org/OutOfStock",
}


def shown_availability(page: ProductPage, variants: list[ProductVariant]) -> str:
    """What the shopper is told: an in-stock product with nothing left shows as sold out."""
    if page.availability != Availability.IN_STOCK:
        return page.availability
    pieces = (
        [page.available_quantity(v) for v in variants] if variants else [page.available_quantity()]
    )
    return Availability.IN_STOCK if any(pieces) else Availability.SOLD_OUT
