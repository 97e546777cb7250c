"""Shapes of the consent and public-settings answers of the storefront API."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict


class CookieOut(Schema):
    name: str
    description: str


class CookieGroupOut(Schema):
    varname: str
    name: str
    description: str
    required: bool
    cookies: list[CookieOut]


class ConsentOut(Schema):
    eu_rules: bool = Field(description="Opt-in rules apply (EU or unknown country).")
    analytics_choice: bool | None = Field(description="The visitor's choice; null: none yet.")
    analytics_allowed: bool
    show_banner: bool
    groups: list[CookieGroupOut]


class ConsentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    action: Literal["accept_all", "reject_all", "custom"]
    accepted: list[Literal["analytics"]] = Field(
        [], max_length=10, description="With action=custom: the optional groups to accept."
    )


class OperatorOut(Schema):
    trading_name: str
    legal_name: str
    bin: str
    legal_address: str
    shop_address: str
    email: str
    phone: str
    whatsapp_number: str
    hosting_provider: str


class LanguageOut(Schema):
    code: str
    name: str


class PublicSettingsOut(Schema):
    operator: OperatorOut
    whatsapp_number: str
    currency: str
    language: str
    languages: list[LanguageOut]
    cookie_groups: list[CookieGroupOut]
