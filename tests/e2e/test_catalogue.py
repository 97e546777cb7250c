"""A Russian-speaking shopper browses the shop, opens a category and then a product."""

from decimal import Decimal

import pytest

from tests.factories.catalogue import (
    CategoryPageFactory,
    ProductImageFactory,
    ProductIndexPageFactory,
    ProductPageFactory,
    ProductVariantFactory,
    translate_page,
)
from tests.factories.home import build_site


@pytest.mark.django_db(transaction=True)
def test_browse_shop_category_and_product_in_russian(live_server, browser_page):
    home = build_site()["en"]
    shop = ProductIndexPageFactory(parent=home, title="Shop", slug="shop")
    rings = CategoryPageFactory(parent=shop, title="Rings", slug="rings")
    scarves = CategoryPageFactory(parent=shop, title="Scarves", slug="scarves")
    ring = ProductPageFactory(
        parent=rings,
        title="Silver ring",
        slug="silver-ring",
        short_description="Handmade in Almaty",
        price=Decimal("15000"),
    )
    ProductImageFactory(product=ring, alt_text="Ring on a hand")
    ProductVariantFactory(product=ring, name="Size 17")
    ring.save_revision().publish()
    ProductPageFactory(parent=scarves, title="Silk scarf", slug="silk-scarf")
    translate_page(shop, "ru", {"Shop": "Магазин"})
    translate_page(rings, "ru", {"Rings": "Кольца"})
    translate_page(scarves, "ru", {"Scarves": "Платки"})
    translate_page(
        ring,
        "ru",
        {
            "Silver ring": "Серебряное кольцо",
            "Handmade in Almaty": "Сделано вручную в Алматы",
            "Ring on a hand": "Кольцо на руке",
            "Size 17": "Размер 17",
        },
    )
    page = browser_page
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(f"{live_server.url}/ru/shop/")
    assert page.locator("h1").inner_text() == "Магазин"
    assert page.locator("html").get_attribute("lang") == "ru"
    page.get_by_role("navigation", name="Категории").get_by_role("link", name="Кольца").click()

    page.wait_for_url("**/ru/shop/rings/")
    assert page.locator("h1").inner_text() == "Кольца"
    cards = page.locator(".product-card-title")
    assert cards.all_inner_texts() == ["Серебряное кольцо"]
    cards.first.click()

    page.wait_for_url("**/ru/shop/rings/silver-ring/")
    assert page.locator("h1").inner_text() == "Серебряное кольцо"
    assert "15 000 ₸" in page.locator(".product-price").inner_text().replace("\u00a0", " ")
    assert page.get_by_alt_text("Кольцо на руке").first.is_visible()
    assert page.get_by_role("row", name="Размер 17").count() == 1
    breadcrumb = page.get_by_role("navigation", name="Навигационная цепочка")
    assert breadcrumb.get_by_role("link", name="Кольца").is_visible()
    # the gallery's WebP source was chosen and loaded
    assert page.evaluate("document.querySelector('.gallery img').currentSrc").endswith(".webp")
    # the JSON-LD data block is no script to run: nothing breaks the Content-Security-Policy
    assert page.locator('script[type="application/ld+json"]').count() == 2  # product, breadcrumbs
    assert problems == []
