"""Product cards are kept per product, language and content generation, and hold nothing personal."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Rendition

from storefront.catalogue.images import CARD_FILTERS, PRODUCT_FILTERS
from storefront.catalogue.models import ProductImage, ProductPage
from storefront.catalogue.sync import set_stock
from tests.factories.catalogue import ProductImageFactory, ProductPageFactory, translate_page

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def card_cache_on(kept_content):
    kept_content(CARD_CACHE_SECONDS=300)


@pytest.fixture
def ring(shop, product_maker):
    return product_maker(
        shop["rings"], title="Amber ring", price=Decimal("8000"), images=1, variants=1
    )


def card_of(html: str, title: str) -> str:
    for card in re.findall(r'<li class="product-card">.*?</li>', html, re.S):
        if title in card:
            return card
    raise AssertionError(f"no card for {title!r}")


def shop_page(client: Client, language: str = "en") -> str:
    response = client.get(f"/{language}/shop/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_listing_takes_its_cards_from_the_cache_without_loading_photos(client, ring):
    shop_page(client)
    with CaptureQueriesContext(connection) as first:
        shop_page(client)
    # Changed behind the application's back (no signal): the stored card is still shown, which
    # proves it came from the cache, and the photos, renditions and variants were not loaded.
    ProductPage.objects.filter(pk=ring.pk).update(title="Renamed behind the back")
    with CaptureQueriesContext(connection) as second:
        html = shop_page(client)

    assert "Amber ring" in card_of(html, "Amber ring")
    assert len(second) == len(first)
    tables = " ".join(query["sql"] for query in second.captured_queries)
    assert "catalogue_productvariant" not in tables
    assert "wagtailimages_rendition" not in tables


def test_a_listing_whose_cards_and_results_are_kept_reads_no_product_row(client, ring, settings):
    settings.LISTING_CACHE_SECONDS = 300
    shop_page(client)
    with CaptureQueriesContext(connection) as queries:
        html = shop_page(client)

    assert "Amber ring" in card_of(html, "Amber ring")
    assert not [q["sql"] for q in queries.captured_queries if "catalogue_productpage" in q["sql"]]


def test_a_card_loads_only_its_first_photo_in_the_editors_order_at_the_card_sizes(
    client, shop, settings
):
    """A listing loaded every photo of its 24 products with nine renditions each, to show one
    photo per card at six sizes."""
    settings.CARD_CACHE_SECONDS = 0
    product = ProductPageFactory(parent=shop["rings"], title="Layered ring", slug="layered-ring")
    for order, alt in ((2, "Third photo"), (0, "First photo"), (1, "Second photo")):
        item = ProductImageFactory(product=product, sort_order=order, alt_text=alt)
        item.image.get_renditions(*CARD_FILTERS, *PRODUCT_FILTERS)  # as publishing makes them
    loaded = []

    def record(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(record, sender=ProductImage)
    post_init.connect(record, sender=Rendition)
    try:
        card = card_of(shop_page(client), "Layered ring")
    finally:
        post_init.disconnect(record, sender=ProductImage)
        post_init.disconnect(record, sender=Rendition)

    assert 'alt="First photo"' in card
    assert "Second photo" not in card and "Third photo" not in card
    assert [i.alt_text for i in loaded if isinstance(i, ProductImage)] == ["First photo"]
    assert sorted(r.filter_spec for r in loaded if isinstance(r, Rendition)) == sorted(CARD_FILTERS)


def test_a_published_price_shows_at_once(client, ring):
    assert "8,000" in card_of(shop_page(client), "Amber ring")

    ring.price = Decimal("9500")
    ring.save_revision().publish()

    card = card_of(shop_page(client), "Amber ring")
    assert "9,500" in card
    assert "8,000" not in card


def test_a_stock_change_shows_at_once(client, ring):
    assert "Sold out" not in card_of(shop_page(client), "Amber ring")

    set_stock([ring], stock=0)

    assert "Sold out" in card_of(shop_page(client), "Amber ring")


def test_each_language_gets_its_own_cards(client, ring):
    translate_page(ring, "ru", {"Amber ring": "Янтарное кольцо"})
    set_stock([ring], stock=0)
    english = card_of(shop_page(client), "Amber ring")

    russian = card_of(shop_page(client, "ru"), "Янтарное кольцо")

    assert "Amber ring" not in russian
    assert 'href="/ru/shop/' in russian
    assert "Нет в наличии" in russian
    assert 'href="/en/shop/' in english


def test_a_card_holds_nothing_of_the_visitor_who_rendered_it(ring):
    shopper = Client()
    response = shopper.post(
        "/en/basket/add/", {"product": ring.pk, "variant": ring.variants.first().sku, "quantity": 3}
    )
    assert response.status_code == 302
    shopper_html = shop_page(shopper)  # rendered (and stored) for a shopper with a basket
    assert 'class="basket-count" aria-hidden="true">3<' in shopper_html
    shopper_tokens = set(TOKEN.findall(shopper_html))
    assert shopper_tokens

    visitor_html = shop_page(Client())
    card = card_of(visitor_html, "Amber ring")

    assert card == card_of(shopper_html, "Amber ring")  # the stored card
    assert not any(token in visitor_html for token in shopper_tokens)
    assert 'class="basket-count" aria-hidden="true">0<' in visitor_html
    for personal in ("csrfmiddlewaretoken", "basket-count", "sessionid", "<form"):
        assert personal not in card


def test_only_the_first_row_of_cards_loads_its_photo_at_once_whichever_the_order(client, shop):
    from tests.storefront.catalogue.conftest import make_product

    for letter in "ABCDE":
        make_product(shop["rings"], title=f"Ring {letter}", price=Decimal("1000"), images=1)

    newest_first = shop_page(client)  # Ring E first, Ring A fifth
    by_name = client.get("/en/shop/?sort=name").content.decode()  # Ring A first

    assert 'loading="lazy"' in card_of(newest_first, "Ring A")
    assert 'loading="lazy"' not in card_of(by_name, "Ring A")
    assert 'loading="lazy"' not in card_of(newest_first, "Ring B")
    card = card_of(by_name, "Ring A")
    webp = re.search(r'<source sizes="[^"]+" srcset="([^"]+)" type="image/webp">', card)
    jpeg = re.search(r'<img alt="[^"]*" class="product-card-image" [^>]*srcset="([^"]+)"', card)
    # Each size once, smallest first (the factory's photo is 100 px wide: no size upscales it).
    for srcset, extension in (
        (webp.group(1), "format-webp.webp"),
        (jpeg.group(1), "format-jpeg.jpg"),
    ):
        files = [part.split()[0] for part in srcset.split(", ")]
        assert [re.search(r"fill-(\d+)x", name).group(1) for name in files] == ["240", "480", "640"]
        assert all(name.endswith(extension) for name in files)
