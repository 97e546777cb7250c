"""The products and categories an editor features on the home page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail.blocks import StreamValue
from wagtail.models import Locale

from storefront.catalogue.models import CategoryPage, ProductPage


def featured_context(request: HttpRequest, featured: StreamValue) -> dict[str, Any]:
    """The products and categories an editor features on the home page, in the shopper's
    language, live ones only, in the editor's order."""
    chosen: dict[str, list[int]] = {"product": [], "category": []}
    for block in featured:
        if block.value is not None and block.block_type in chosen:
            chosen[block.block_type].append(block.value.translation_key)
    locale = Locale.get_active()
    products = {
        product.translation_key: product
        for product in ProductPage.objects.live().filter(
            locale=locale, translation_key__in=chosen["product"]
        )
    }
    categories = {
        category.translation_key: category
        for category in CategoryPage.objects.live().filter(
            locale=locale, translation_key__in=chosen["category"]
        )
    }
    return {
        # The cards load their photos and variants themselves, only for cards not in the cache
        # (storefront.catalogue.cards).
        "featured_products": [products[key] for key in chosen["product"] if key in products],
        "featured_categories": [categories[key] for key in chosen["category"] if key in categories],
    }
