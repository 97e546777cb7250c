"""Shapes of the signed-in shopper's profile and address book in the storefront API."""

from __future__ import annotations

from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict


class ProfileOut(Schema):
    email: str
    first_name: str
    last_name: str


class ProfileIn(Schema):
    """Names only: the email changes through the account pages, with re-verification (P25)."""

    model_config = ConfigDict(extra="forbid")

    first_name: str = Field(max_length=1000)
    last_name: str = Field(max_length=1000)


class AddressOut(Schema):
    id: UUID = Field(alias="public_id")
    label: str
    street: str
    building_type: str
    city: str
    region: str
    postal_code: str
    country: str
    instructions: str
    is_default: bool

    @staticmethod
    def resolve_country(obj) -> str:
        return str(obj.country)


class AddressIn(Schema):
    """An address to save; checked by the address book's own form (messages in your language)."""

    model_config = ConfigDict(extra="forbid")

    label: str = Field("", max_length=1000)
    street: str = Field("", max_length=1000)
    building_type: str = Field("apartment", max_length=100)
    city: str = Field("", max_length=1000)
    region: str = Field("", max_length=1000)
    postal_code: str = Field("", max_length=1000)
    country: str = Field("KZ", max_length=100)
    instructions: str = Field("", max_length=5000)
    make_default: bool = False


class AddressPatch(Schema):
    """Only the fields to change."""

    model_config = ConfigDict(extra="forbid")

    label: str | None = Field(None, max_length=1000)
    street: str | None = Field(None, max_length=1000)
    building_type: str | None = Field(None, max_length=100)
    city: str | None = Field(None, max_length=1000)
    region: str | None = Field(None, max_length=1000)
    postal_code: str | None = Field(None, max_length=1000)
    country: str | None = Field(None, max_length=100)
    instructions: str | None = Field(None, max_length=5000)
    make_default: bool | None = None
