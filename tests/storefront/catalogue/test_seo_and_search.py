import json
import re
from decimal import Decimal

import pytest

from storefront.catalogue.models import Availability
from tests.factories.catalogue import (
    ProductImageFactory,
    ProductPageFactory,
    ProductVariantFactory,
    translate_page,
)


@pytest.fixture
def ring(shop):
    product = ProductPageFactory(
        parent=shop["rings"],
        title="Silver ring </script><script>alert(1)</script>",
        slug="silver-ring",
        short_description="Handmade & polished",
        sku="RING-S",
        price=Decimal("15000"),
        compare_at_price=Decimal("18000"),
    )
    ProductVariantFactory(product=product, name="Size 17", sku="RING-S-17", stock=0)
    ProductVariantFactory(product=product, name="Size 18", sku="RING-S-18", stock=2)
    ProductImageFactory(product=product, alt_text="Ring")
    product.save_revision().publish()
    translate_page(product, "ru", {"Handmade & polished": "Ручная работа"})
    translate_page(product, "kk", {})
    return product


def json_ld_nodes(html: str) -> list[dict]:
    """Every schema.org node of the page's JSON-LD blocks (graphs flattened)."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert blocks, "no JSON-LD block"
    nodes = []
    for block in blocks:
        data = json.loads(block)
        nodes += data.get("@graph", [data])
    return nodes


def json_ld(html: str) -> dict:
    """The product node (Product or ProductGroup)."""
    return next(n for n in json_ld_nodes(html) if n["@type"] in {"Product", "ProductGroup"})


@pytest.mark.hardening("H17")
def test_product_json_ld_has_offers_and_cannot_break_out_of_its_script(client, ring):
    html = client.get("/en/shop/rings/silver-ring/").content.decode()

    data = json_ld(html)
    assert data["@type"] == "ProductGroup"
    assert data["name"] == "Silver ring </script><script>alert(1)</script>"
    assert data["productGroupID"] == "RING-S"
    assert data["description"] == "Handmade & polished"
    assert [
        (
            v["sku"],
            v["offers"]["price"],
            v["offers"]["priceCurrency"],
            v["offers"]["availability"],
        )
        for v in data["hasVariant"]
    ] == [
        ("RING-S-17", "15000.00", "KZT", "https://schema.org/OutOfStock"),
        ("RING-S-18", "15000.00", "KZT", "https://schema.org/InStock"),
    ]
    assert data["image"][0].endswith(".jpg")
    assert "<script>alert(1)" not in html  # escaped in the title and the JSON-LD alike


def test_json_ld_of_a_product_without_variants(client, shop):
    ProductPageFactory(
        parent=shop["rings"],
        slug="plain",
        price=Decimal("500"),
        availability=Availability.MADE_TO_ORDER,
    )

    data = json_ld(client.get("/en/shop/rings/plain/").content.decode())

    assert data["offers"]["price"] == "500.00"
    assert data["@type"] == "Product"
    assert data["offers"]["availability"] == "https://schema.org/MadeToOrder"


def test_hreflang_alternates_canonical_and_open_graph(client, ring):
    html = client.get("/ru/shop/rings/silver-ring/").content.decode()

    assert '<link rel="canonical" href="http://localhost/ru/shop/rings/silver-ring/">' in html
    for code in ("en", "ru", "kk"):
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://localhost/{code}/shop/rings/silver-ring/">'
            in html
        )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://localhost/en/shop/rings/silver-ring/">'
        in html
    )
    assert '<meta property="og:type" content="product">' in html
    assert '<meta property="og:locale" content="ru_RU">' in html
    assert '<meta property="og:description" content="Ручная работа">' in html
    assert '<meta name="description" content="Ручная работа">' in html
    assert re.search(r'<meta property="og:image" content="http://[^"]+\.jpg">', html)


def test_unpublished_translation_is_not_an_alternate(client, ring):
    ring.get_translation(ring.locale.__class__.objects.get(language_code="kk")).unpublish()

    html = client.get("/en/shop/rings/silver-ring/").content.decode()

    assert '<link rel="alternate" hreflang="kk"' not in html
    assert '<link rel="alternate" hreflang="ru"' in html


def test_product_page_shows_gallery_breadcrumbs_price_and_variants(client, ring):
    html = client.get("/en/shop/rings/silver-ring/").content.decode()

    assert re.search(r'<source[^>]+srcset="[^"]+\.webp 100w[^"]*"[^>]+type="image/webp"', html)
    assert 'alt="Ring"' in html
    assert '<a href="/en/shop/">Shop</a>' in html
    assert '<a href="/en/shop/rings/">Rings</a>' in html
    assert "₸15,000" in html
    assert "<del" in html and "₸18,000" in html
    assert "Size 17" in html and "Size 18" in html
    assert "only 2 left" in html


def test_sitemap_covers_every_language(client, ring):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    xml = response.content.decode()
    for code in ("en", "ru", "kk"):
        assert f"<loc>http://localhost/{code}/shop/rings/silver-ring/</loc>" in xml
        assert f"<loc>http://localhost/{code}/shop/</loc>" in xml


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_search_finds_products_in_the_current_language_only(client, ring):
    english = client.get("/en/search/?q=polished")
    russian = client.get("/ru/search/?q=Ручная")
    russian_for_english_word = client.get("/ru/search/?q=polished")

    assert english.status_code == 200
    assert 'href="/en/shop/rings/silver-ring/"' in english.content.decode()
    assert 'href="/ru/shop/rings/silver-ring/"' in russian.content.decode()
    assert "silver-ring" not in russian_for_english_word.content.decode()


def test_search_by_sku_and_empty_or_odd_queries(client, ring):
    assert "silver-ring" in client.get("/en/search/?q=RING-S").content.decode()
    for query in ("", "   ", "%00", "a" * 1000, "\"'<>", "AND OR NOT"):
        response = client.get("/en/search/", {"q": query})
        assert response.status_code == 200
    assert "&lt;&gt;" in client.get("/en/search/", {"q": "<>"}).content.decode()


def test_search_page_is_not_indexed(client, db):
    assert (
        '<meta name="robots" content="noindex">' in client.get("/en/search/?q=x").content.decode()
    )
