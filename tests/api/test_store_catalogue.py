"""Catalogue queries of the storefront API: filters, search, sort, language, pages, budgets."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import STORE
from tests.factories.catalogue import (
    CategoryPageFactory,
    ProductImageFactory,
    ProductPageFactory,
    ProductVariantFactory,
)


@pytest.fixture
def catalogue(shop):
    rings = CategoryPageFactory(parent=shop["shop"], title="Rings", slug="rings")
    gold = ProductPageFactory(parent=rings, title="Gold ring", sku="GOLD", price=Decimal("90000"))
    ProductPageFactory(
        parent=rings,
        title="Made ring",
        sku="MADE",
        price=Decimal("500"),
        availability="made_to_order",
    )
    return {**shop, "rings": rings, "gold": gold}


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sort": "price"}, ["Made ring", "Gift box", "Silver ring", "Gold ring"]),
        ({"sort": "-price"}, ["Gold ring", "Silver ring", "Gift box", "Made ring"]),
        ({"sort": "name"}, ["Gift box", "Gold ring", "Made ring", "Silver ring"]),
        ({"category": "rings", "sort": "name"}, ["Gold ring", "Made ring"]),
        ({"min_price": "1000", "max_price": "20000", "sort": "price"}, ["Gift box", "Silver ring"]),
        ({"availability": "made_to_order"}, ["Made ring"]),
        ({"q": "gold"}, ["Gold ring"]),
        ({"q": "ring", "sort": "price"}, ["Made ring", "Silver ring", "Gold ring"]),
        ({"q": "ring", "category": "rings", "sort": "price"}, ["Made ring", "Gold ring"]),
    ],
)
def test_filters_search_and_sort_match_the_shop_pages(client, catalogue, params, expected):
    assert titles(client.get(f"{STORE}/products/", params)) == expected


def test_categories_and_a_products_category(client, catalogue):
    categories = client.get(f"{STORE}/categories/").json()
    product = client.get(f"{STORE}/products/{catalogue['gold'].pk}/").json()

    assert [c["slug"] for c in categories] == ["rings"]
    assert product["category"] == {
        "id": catalogue["rings"].pk,
        "title": "Rings",
        "slug": "rings",
    }


def test_pages_and_page_size(client, catalogue):
    first = client.get(f"{STORE}/products/", {"page_size": 3, "sort": "name"}).json()
    second = client.get(f"{STORE}/products/", {"page_size": 3, "sort": "name", "page": 2}).json()

    assert (first["count"], first["pages"], len(first["items"])) == (4, 2, 3)
    assert [item["title"] for item in second["items"]] == ["Silver ring"]


@pytest.mark.parametrize(
    "params",
    [{"page_size": 0}, {"page_size": 1000}, {"min_price": "-1"}, {"sort": "random"}, {"page": 0}],
)
def test_out_of_range_parameters_are_422_problems(client, catalogue, params):
    response = client.get(f"{STORE}/products/", params)

    assert response.status_code == 422
    assert response.json()["code"] == "validation_failed"
    assert response.json()["errors"][0]["field"].split(".")[-1] in params


def test_unknown_category_is_a_404(client, catalogue):
    assert client.get(f"{STORE}/products/", {"category": "nope"}).status_code == 404


def test_each_language_lists_its_own_translations(client, translated_shop):
    russian = titles(client.get(f"{STORE}/products/", {"lang": "ru", "sort": "name"}))
    kazakh = titles(
        client.get(f"{STORE}/products/", HTTP_ACCEPT_LANGUAGE="kk", data={"sort": "name"})
    )

    assert russian == ["Подарочная коробка", "Серебряное кольцо"]
    assert sorted(kazakh) == sorted(["Күміс сақина", "Сыйлық қорабы"])


def test_a_product_with_no_variant_left_is_sold_out(client, shop):
    variant = shop["ring_variant"]
    variant.stock = 0
    variant.save()

    listing = client.get(f"{STORE}/products/", {"sort": "name"}).json()["items"]
    detail = client.get(f"{STORE}/products/{shop['ring'].pk}/").json()

    assert [item["availability"] for item in listing] == ["in_stock", "sold_out"]
    assert detail["availability"] == "sold_out"
    assert detail["variants"][0]["orderable"] is False


@pytest.fixture
def kept_entries(settings, tmp_path):
    """Production's memory of content: list entries kept per content generation (cards.py)."""
    cache.clear()
    settings.CONTENT_MEMORY = True
    settings.CARD_CACHE_SECONDS = 300
    settings.PAGE_CACHE_STAMP = str(tmp_path / "page-cache.stamp")


def test_kept_list_entries_follow_stock_prices_and_language(client, translated_shop, kept_entries):
    def listing(**params) -> list[dict]:
        return client.get(f"{STORE}/products/", {"sort": "name", **params}).json()["items"]

    first = listing()
    with CaptureQueriesContext(connection) as queries:
        again = listing()
    assert again == first
    assert len(queries) == 0  # the entries, the count and the page's ids were all kept
    assert [(item["title"], item["availability"]) for item in first] == [
        ("Gift box", "in_stock"),
        ("Silver ring", "in_stock"),
    ]
    assert [item["title"] for item in listing(lang="ru")] == [
        "Подарочная коробка",
        "Серебряное кольцо",
    ]

    variant = translated_shop["ring_variant"]
    variant.stock = 0
    variant.save()
    ring = translated_shop["ring"]
    ring.price = Decimal("13900")
    ring.save_revision().publish()

    ring_entry = listing()[1]
    assert ring_entry["availability"] == "sold_out"
    assert Decimal(str(ring_entry["price"])) == Decimal("13900")


def _listing_queries(client, page_size: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{STORE}/products/", {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["items"]) == page_size
    return len(queries)


def test_the_listing_query_count_does_not_grow_with_the_page_size(client, shop):
    for _ in range(12):
        product = ProductPageFactory(parent=shop["shop"])
        ProductImageFactory(product=product)
        ProductVariantFactory(product=product)
        product.save_revision().publish()
    _listing_queries(client, 12)  # renditions are created on the first listing

    small = _listing_queries(client, 2)
    large = _listing_queries(client, 12)

    assert large == small
    assert large <= 12


def test_the_basket_query_count_does_not_grow_with_its_lines(client, shop):
    from tests.api.test_purchase import post

    token = {"HTTP_X_BASKET_TOKEN": post(client, f"{STORE}/basket/token/", {}).json()["token"]}
    post(client, f"{STORE}/basket/lines/", {"product_id": shop["box"].pk}, **token)
    with CaptureQueriesContext(connection) as one_line:
        client.get(f"{STORE}/basket/", **token)
    post(
        client,
        f"{STORE}/basket/lines/",
        {"product_id": shop["ring"].pk, "variant_sku": "RING-17"},
        **token,
    )
    for _ in range(5):
        extra = ProductPageFactory(parent=shop["shop"])
        post(client, f"{STORE}/basket/lines/", {"product_id": extra.pk}, **token)
    with CaptureQueriesContext(connection) as seven_lines:
        response = client.get(f"{STORE}/basket/", **token)

    assert len(response.json()["lines"]) == 7
    assert len(seven_lines) == len(one_line)
