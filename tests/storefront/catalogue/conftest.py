from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.factories.catalogue import (
    CategoryPageFactory,
    ProductImageFactory,
    ProductIndexPageFactory,
    ProductPageFactory,
    ProductVariantFactory,
    translate_page,
)


@pytest.fixture(autouse=True)
def english():
    """Requests leave their language active in the thread; each test starts in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def shop(site_pages):
    """An English shop with two categories, published in Russian and Kazakh too."""
    index = ProductIndexPageFactory(parent=site_pages["en"], title="Shop", slug="shop")
    rings = CategoryPageFactory(parent=index, title="Rings", slug="rings")
    scarves = CategoryPageFactory(parent=index, title="Scarves", slug="scarves")
    for code, words in {
        "ru": ("Магазин", "Кольца", "Платки"),
        "kk": ("Дүкен", "Сақиналар", "Орамалдар"),
    }.items():
        translate_page(index, code, {"Shop": words[0]})
        translate_page(rings, code, {"Rings": words[1]})
        translate_page(scarves, code, {"Scarves": words[2]})
    return {"index": index, "rings": rings, "scarves": scarves}


def make_product(parent, *, images: int = 1, variants: int = 0, **fields):
    product = ProductPageFactory(parent=parent, **fields)
    for _ in range(images):
        ProductImageFactory(product=product)
    for _ in range(variants):
        ProductVariantFactory(product=product)
    if images or variants:
        product.save_revision().publish()
    return product


@pytest.fixture
def product_maker():
    return make_product


@pytest.fixture
def kept_content(settings, tmp_path):
    """Page cache off (shoppers with a basket never get it), content remembered per generation
    (cms.memo); call it with the fragment caches to switch on, e.g. CARD_CACHE_SECONDS=300."""

    def keep(**seconds: int) -> None:
        cache.clear()
        settings.PAGE_CACHE_SECONDS = 0
        settings.CONTENT_MEMORY = True
        settings.PAGE_CACHE_STAMP = str(tmp_path / "page-cache.stamp")
        for name, value in seconds.items():
            setattr(settings, name, value)

    return keep


PRICE = Decimal("12500.00")
