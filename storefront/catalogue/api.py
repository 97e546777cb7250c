"""Catalogue queries of the storefront API: the same filters, sort and search as the shop pages.

Products come in the requested language (`?lang=`, else Accept-Language); listings run a fixed
number of queries whatever the page size (the listing prefetches of models.py), and each
product's entry is kept per language and content generation like the shop's cards (cards.py).
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Literal

from django.db.models import Case, IntegerField, When
from django.http import Http404, HttpRequest
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema

from cms.memo import remembered
from cms.tree import children_q
from storefront.catalogue.cards import kept_per_product
from storefront.catalogue.listing import (
    PRODUCTS_PER_PAGE,
    ListingPaginator,
    annotate_cards,
    filter_products,
    listing_key,
)
from storefront.catalogue.models import (
    CategoryPage,
    ProductIndexPage,
    ProductPage,
    with_listing_data,
)
from storefront.catalogue.product import product_facts
from storefront.catalogue.schemas import CategoryOut, ProductDetail, ProductPageOut
from storefront.catalogue.search import search_results

router = Router(tags=["catalogue"])

MAX_PAGE_SIZE = 48
MAX_SEARCH_RESULTS = 500
IMAGE_SPECS = {"thumbnail": "fill-320x320", "medium": "fill-640x640", "large": "fill-1200x1200"}


class ProductFilters(Schema):
    category: str | None = Field(None, max_length=255, description="A category's slug.")
    min_price: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    max_price: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    availability: Literal["in_stock", "made_to_order", "sold_out"] | None = None
    q: str | None = Field(None, max_length=200, description="Words to search for.")
    sort: Literal["newest", "price", "-price", "name"] | None = None
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(PRODUCTS_PER_PAGE, ge=1, le=MAX_PAGE_SIZE)


def shop_for_language() -> ProductIndexPage:
    """The live shop index in the active language (else the default language's), remembered
    per content generation (cms.memo) like the routed pages above a product."""

    def find() -> ProductIndexPage | None:
        shops = ProductIndexPage.objects.live().select_related("locale")
        return shops.filter(locale__language_code=get_language()).first() or shops.first()

    shop = remembered(("api-shop", get_language()), find)
    if shop is None:
        raise Http404
    return copy.copy(shop)


def _image(item) -> dict | None:
    if item is None:
        return None
    out: dict = {"alt": item.alt}
    # All sizes at once: get_renditions() uses the listing's prefetch and, unlike one
    # get_rendition() per size, does not write every rendition back to the cache.
    renditions = item.image.get_renditions(*IMAGE_SPECS.values())
    for name, spec in IMAGE_SPECS.items():
        rendition = renditions[spec]
        out[name] = {"url": rendition.url, "width": rendition.width, "height": rendition.height}
    return out


def _card(request: HttpRequest, product: ProductPage, image=None) -> dict:
    return {
        "id": product.pk,
        "title": product.title,
        "slug": product.slug,
        # With the request, Wagtail takes the sites' root paths from it (cms.memo) instead of
        # asking the cache once per product.
        "url": product.get_url(request=request),
        "locale": product.locale.language_code,
        "sku": product.sku,
        "price": product.price,
        "compare_at_price": product.compare_at_price,
        "currency": product.currency,
        "availability": getattr(product, "shown_availability", product.availability),
        "short_description": product.short_description,
        "image": _image(image),
    }


@router.get("/categories/", response=list[CategoryOut], summary="Categories of the shop")
def list_categories(request: HttpRequest):
    shop = shop_for_language()
    return list(CategoryPage.objects.filter(children_q(shop)).live().only("title", "slug"))


@router.get("/products/", response=ProductPageOut, summary="Products: filter, search, sort, pages")
def list_products(request: HttpRequest, filters: Query[ProductFilters]):
    shop = shop_for_language()
    within = shop
    if filters.category:
        within = (
            CategoryPage.objects.filter(children_q(shop))
            .live()
            .filter(slug=filters.category)
            .first()
        )
        if within is None:
            raise Http404
    values = filters.dict(exclude_none=True, exclude={"q", "page", "page_size", "category"})
    products = within.listed_products().select_related("locale")
    if filters.q:
        results = search_results(filters.q, products)
        ids = [page.pk for page in results[:MAX_SEARCH_RESULTS]] if results is not None else []
        products = products.filter(pk__in=ids)
        if "sort" not in values:  # most relevant first
            relevance = Case(
                *[When(pk=pk, then=rank) for rank, pk in enumerate(ids)],
                output_field=IntegerField(),
            )
            products = filter_products(products, values).order_by(relevance, "pk")
        else:
            products = filter_products(products, values)
    else:
        products = filter_products(products, values)
    paginator = ListingPaginator(
        products,
        filters.page_size,
        # A search's order comes from the search backend, which runs on every request anyway.
        remember_as="" if filters.q else f"api:{listing_key(within, values)}",
        load=list,  # the products' ids: the entries not in the cache are read below
    )
    page = paginator.get_page(filters.page)
    ids = list(page.object_list)
    entries = kept_per_product(
        request, lambda pk: "api-item", ids, lambda missing: _entries(request, missing)
    )
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "page_size": filters.page_size,
        "items": [entries[pk] for pk in ids if pk in entries],
    }


def _entries(request: HttpRequest, ids: list[int]) -> dict[int, dict]:
    """The list entries of these products, in three queries (the listing prefetches)."""
    products = list(
        with_listing_data(
            ProductPage.objects.filter(pk__in=ids).select_related("locale"),
            IMAGE_SPECS.values(),
        )
    )
    annotate_cards(products)
    return {
        product.pk: _card(
            request, product, product.listing_images[0] if product.listing_images else None
        )
        for product in products
    }


@router.get("/products/{product_id}/", response=ProductDetail, summary="One product")
def get_product(request: HttpRequest, product_id: int):
    """A live product by id (ids differ per language; `translations` lists the others)."""
    if not 0 < product_id < 2**31:
        raise Http404
    product = ProductPage.objects.live().select_related("locale").filter(pk=product_id).first()
    if product is None:
        raise Http404
    context = product_facts(product)
    images = product.gallery()
    return {
        **_card(request, product, images[0] if images else None),
        "availability": context["availability"],
        "stock": product.stock,
        "category": product.category,
        "variants": [
            {
                "name": variant.name,
                "sku": variant.sku,
                "price": variant.price,
                "stock": variant.stock,
                "orderable": variant.orderable,
            }
            for variant in context["variants"]
        ],
        "images": [_image(item) for item in images],
        "translations": product.translations,
    }
