"""A listing's count and each page's products are kept per content generation, and follow every
change an editor or the stock makes at once."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storefront.catalogue.models import ProductPage
from tests.factories.catalogue import ProductPageFactory


@pytest.fixture(autouse=True)
def listing_cache_on(kept_content):
    kept_content(LISTING_CACHE_SECONDS=300)


@pytest.fixture
def rings(shop):
    for title, price in (("Amber ring", "8000"), ("Coral ring", "30000"), ("Jade ring", "15000")):
        ProductPageFactory(parent=shop["rings"], title=title, price=Decimal(price))
    return shop["rings"]


def listing(client, url: str = "/en/shop/?sort=price") -> tuple[int, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    count = re.search(r'<p class="result-count" role="status">(\d+)\s', html)
    titles = re.findall(r'<span class="product-card-title">([^<]+)</span>', html)
    return int(count.group(1)), titles


def test_the_count_and_the_order_come_from_the_cache(client, rings):
    assert listing(client) == (3, ["Amber ring", "Jade ring", "Coral ring"])
    # Changed behind the application's back (no signal, no new generation): the kept order is
    # still used, which proves it came from the cache, and neither count nor sort ran.
    ProductPage.objects.filter(title="Coral ring").update(price=Decimal("1"))
    with CaptureQueriesContext(connection) as queries:
        count, titles = listing(client)

    assert (count, titles) == (3, ["Amber ring", "Jade ring", "Coral ring"])
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "COUNT(" not in sql
    assert '"catalogue_productpage"."price" ASC' not in sql


def test_a_published_product_joins_the_count_and_the_order_at_once(client, rings):
    assert listing(client) == (3, ["Amber ring", "Jade ring", "Coral ring"])

    cheap = ProductPageFactory(parent=rings, title="Bone ring", price=Decimal("500"))
    cheap.save_revision().publish()

    assert listing(client) == (4, ["Bone ring", "Amber ring", "Jade ring", "Coral ring"])


def test_a_published_price_reorders_the_listing_at_once(client, rings):
    assert listing(client) == (3, ["Amber ring", "Jade ring", "Coral ring"])

    coral = ProductPage.objects.get(title="Coral ring")
    coral.price = Decimal("100")
    coral.save_revision().publish()

    assert listing(client) == (3, ["Coral ring", "Amber ring", "Jade ring"])


def test_an_unpublished_product_leaves_the_listing_at_once(client, rings):
    assert listing(client)[0] == 3

    ProductPage.objects.get(title="Jade ring").unpublish()

    assert listing(client) == (2, ["Amber ring", "Coral ring"])


def test_filters_sort_orders_and_pages_are_kept_apart(client, rings, monkeypatch):
    monkeypatch.setattr("storefront.catalogue.listing.PRODUCTS_PER_PAGE", 2)
    assert listing(client) == (3, ["Amber ring", "Jade ring"])
    assert listing(client, "/en/shop/?sort=price&page=2") == (3, ["Coral ring"])
    assert listing(client, "/en/shop/?sort=-price") == (3, ["Coral ring", "Jade ring"])
    assert listing(client, "/en/shop/?sort=price&min_price=10000") == (
        2,
        ["Jade ring", "Coral ring"],
    )
    assert listing(client, "/en/shop/rings/?sort=name") == (3, ["Amber ring", "Coral ring"])
    assert listing(client, "/en/shop/?sort=price&category=scarves")[0] == 0


def test_each_language_lists_its_own_products(client, rings):
    from tests.factories.catalogue import translate_page

    amber = ProductPage.objects.get(title="Amber ring")
    translate_page(amber, "ru", {"Amber ring": "Янтарное кольцо"})

    assert listing(client)[0] == 3
    assert listing(client, "/ru/shop/?sort=price") == (1, ["Янтарное кольцо"])


def test_nothing_is_kept_when_switched_off(client, rings, settings):
    settings.LISTING_CACHE_SECONDS = 0
    listing(client)
    ProductPage.objects.filter(title="Coral ring").update(price=Decimal("1"))

    assert listing(client) == (3, ["Coral ring", "Amber ring", "Jade ring"])


def category_choices(client) -> list[str]:
    html = client.get("/en/shop/").content.decode()
    select = re.search(r'<select name="category"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r"<option value=\"([^\"]*)\"", select.group(1))


def test_the_shops_categories_are_read_once_per_content_generation(client, rings, shop):
    assert category_choices(client) == ["", "rings", "scarves"]
    with CaptureQueriesContext(connection) as queries:
        assert category_choices(client) == ["", "rings", "scarves"]
    assert not [q for q in queries.captured_queries if "catalogue_categorypage" in q["sql"]]

    from tests.factories.catalogue import CategoryPageFactory

    CategoryPageFactory(parent=shop["index"], title="Brooches", slug="brooches")

    assert category_choices(client) == ["", "rings", "scarves", "brooches"]
    # A category chosen from the remembered list lists its own products.
    assert listing(client, "/en/shop/?category=rings&sort=price")[1] == [
        "Amber ring",
        "Jade ring",
        "Coral ring",
    ]
    assert listing(client, "/en/shop/?category=brooches")[0] == 0
