"""Shapes of the storefront API's catalogue answers (money as decimal strings, never floats)."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema


class Rendition(Schema):
    url: str
    width: int
    height: int


class ImageOut(Schema):
    alt: str
    thumbnail: Rendition
    medium: Rendition
    large: Rendition


class VariantOut(Schema):
    name: str
    sku: str
    price: Decimal
    stock: int
    orderable: bool


class CategoryOut(Schema):
    id: int
    title: str
    slug: str


class TranslationOut(Schema):
    locale: str
    id: int
    url: str | None


class ProductCard(Schema):
    id: int
    title: str
    slug: str
    url: str | None
    locale: str
    sku: str
    price: Decimal
    compare_at_price: Decimal | None
    currency: str
    availability: str
    short_description: str
    image: ImageOut | None


class ProductDetail(ProductCard):
    stock: int
    category: CategoryOut | None
    variants: list[VariantOut]
    images: list[ImageOut]
    translations: list[TranslationOut]


class ProductPageOut(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    items: list[ProductCard]
