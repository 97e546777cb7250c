"""Shapes of the storefront API's checkout: contact and address in; reference and link out."""

from __future__ import annotations

from decimal import Decimal

from ninja import Field, Schema
from pydantic import ConfigDict


class CheckoutIn(Schema):
    """The checkout form's fields (P02). Lengths and shapes are checked by the same form as the
    HTML checkout, so its messages come back field by field in the requested language."""

    model_config = ConfigDict(extra="forbid")

    first_name: str = Field("", max_length=1000)
    last_name: str = Field("", max_length=1000)
    email: str = Field("", max_length=1000)
    phone: str = Field("", max_length=1000, description="With country code, e.g. +7 707 123 4567")
    street: str = Field("", max_length=1000)
    building_type: str = Field("apartment", max_length=100)
    city: str = Field("", max_length=1000)
    region: str = Field("", max_length=1000)
    postal_code: str = Field("", max_length=1000)
    country: str = Field("KZ", max_length=100, description="ISO 3166-1 alpha-2")
    instructions: str = Field("", max_length=5000)
    save_address: bool = Field(False, description="Signed-in shoppers: keep it in the book.")
    token: str = Field(
        "",
        max_length=64,
        description="32 hex digits, random per checkout: sending it twice gives one inquiry.",
    )
    basket_version: str = Field(
        "",
        max_length=20000,
        description="The basket's `version` as shown to the shopper: when prices, quantities or "
        "lines changed since, the answer is a 409 basket_changed and nothing is stored.",
    )


class LineOut(Schema):
    name: str
    variant: str
    sku: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal


class InquiryOut(Schema):
    reference: str
    created: bool = Field(description="False when the same checkout (token) was sent before.")
    item_count: int
    total: Decimal
    currency: str
    language: str
    lines: list[LineOut]
    message: str = Field(description="The WhatsApp message, in the inquiry's language.")
    whatsapp_url: str | None = Field(description="wa.me link; null when no number is set.")
    shortened: bool
    notices: list[str]
