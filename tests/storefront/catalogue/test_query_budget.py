"""Listing, category, search and product pages run a fixed number of SQL queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.catalogue import (
    ProductImageFactory,
    ProductPageFactory,
    ProductVariantFactory,
)

# Upper bounds with production's per-process memory of sites and settings (cms/memo.py): the
# measured numbers are in docs/performance.md.
LISTING_BUDGET = 10
PRODUCT_BUDGET = 10


@pytest.fixture(autouse=True, params=[600, 0], ids=["cards-cached", "cards-rendered"])
def content_memory(request, settings, tmp_path):
    """With the product cards from the cache, and rendered (after any content change)."""
    settings.CONTENT_MEMORY = True
    settings.CARD_CACHE_SECONDS = request.param
    settings.PAGE_CACHE_STAMP = str(tmp_path / "page-cache.stamp")


def add_products(parent, count: int, start: int = 0) -> list:
    products = []
    for number in range(start, start + count):
        product = ProductPageFactory(
            parent=parent,
            title=f"Ring {number:03d}",
            slug=f"ring-{number:03d}",
            price=Decimal(1000 + number),
        )
        ProductImageFactory(product=product)
        ProductImageFactory(product=product)
        ProductVariantFactory(product=product)
        products.append(product)
    return products


def count_queries(client, url: str) -> int:
    client.get(url)  # the first view creates the image renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_listing_query_count_does_not_grow_with_products(client, shop):
    urls = [
        "/en/shop/",
        "/en/shop/rings/",
        "/en/shop/?sort=price&min_price=1",
        "/en/search/?q=ring",
    ]
    add_products(shop["rings"], 5)
    with_five = [count_queries(client, url) for url in urls]

    add_products(shop["rings"], 95, start=5)
    with_hundred = [count_queries(client, url) for url in urls]

    print("listing queries (shop, category, filtered, search):", with_five, with_hundred)
    assert with_five == with_hundred
    assert max(with_hundred) <= LISTING_BUDGET


def test_product_page_query_count_does_not_grow_with_images_variants_or_products(client, shop):
    small = add_products(shop["rings"], 5)[0]
    small_count = count_queries(client, small.url)

    add_products(shop["rings"], 95, start=5)
    large = ProductPageFactory(parent=shop["rings"], title="Big ring", slug="big-ring")
    for _ in range(8):
        ProductImageFactory(product=large)
    for _ in range(10):
        ProductVariantFactory(product=large)
    large_count = count_queries(client, large.url)

    print(
        "product page queries (1 image + 1 variant, 8 images + 10 variants):",
        small_count,
        large_count,
    )
    assert small_count == large_count
    assert large_count <= PRODUCT_BUDGET


def test_every_shopper_page_and_the_api_list_cost_the_same_for_10_and_1000_products(client, shop):
    from wagtail_factories import ImageFactory

    from storefront.catalogue.bulk import add_products as bulk_add_products

    photos = [ImageFactory(), ImageFactory()]
    bulk_add_products(10, photos)
    urls = {
        "shop listing": "/en/shop/",
        "category listing": "/en/shop/rings/?sort=price&min_price=1",
        "product page": "/en/shop/rings/bench-00000/",
        "search": "/en/search/?q=ring",
        "API product list": "/api/store/v1/products/?page_size=24",
    }
    with_ten = {name: count_queries(client, url) for name, url in urls.items()}

    bulk_add_products(990, photos, start=10)
    with_thousand = {name: count_queries(client, url) for name, url in urls.items()}

    print("queries with 10 and 1,000 products:", with_ten, with_thousand)
    assert with_ten == with_thousand
    assert max(with_thousand.values()) <= LISTING_BUDGET
    listing = client.get("/en/shop/").content.decode()
    assert "1000 products" in listing
    assert listing.count('class="product-card"') == 24
