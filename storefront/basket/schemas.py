"""Shapes of the storefront API's basket (money as decimal strings, never floats)."""

from __future__ import annotations

from decimal import Decimal

from ninja import Field, Schema
from pydantic import ConfigDict

from storefront.catalogue.models import MAX_ORDER_QUANTITY


class LineOut(Schema):
    key: str = Field(description="Identifies the line for PATCH and DELETE.")
    product_id: int
    name: str
    variant: str
    sku: str
    quantity: int
    available: int
    unit_price: Decimal
    line_total: Decimal
    currency: str
    url: str | None


class BasketOut(Schema):
    lines: list[LineOut]
    count: int
    total: Decimal
    currency: str
    notices: list[str] = Field(description="What changed since the last read, for the shopper.")
    version: str = Field(
        description="The lines, quantities and prices shown: send it as the checkout's "
        "basket_version to have a change since then confirmed before the inquiry is stored."
    )


class TokenOut(Schema):
    token: str = Field(description="Send it back as the X-Basket-Token header.")
    basket: BasketOut


class AddLineIn(Schema):
    model_config = ConfigDict(extra="forbid")

    product_id: int = Field(ge=1, le=2**31 - 1)
    variant_sku: str = Field("", max_length=64)
    quantity: int = Field(1, ge=1, le=MAX_ORDER_QUANTITY)


class UpdateLineIn(Schema):
    model_config = ConfigDict(extra="forbid")

    quantity: int = Field(ge=0, le=MAX_ORDER_QUANTITY, description="0 removes the line.")
