"""A product page's gallery, share image, schema.org data, variants and translations' addresses
are kept per product, language and content generation; its form and everything per visitor are
rendered on every request."""

import json
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from storefront.catalogue.models import ProductPage
from storefront.catalogue.sync import set_stock
from tests.factories.catalogue import ProductImageFactory, translate_page

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def parts_kept(kept_content):
    kept_content(PRODUCT_CACHE_SECONDS=300)


@pytest.fixture
def ring(shop, product_maker):
    return product_maker(
        shop["rings"], title="Amber ring", price=Decimal("8000"), images=2, variants=2
    )


def page_of(client: Client, product: ProductPage) -> str:
    response = client.get(product.url)
    assert response.status_code == 200
    return response.content.decode()


def product_data(html: str) -> dict:
    for block in JSON_LD.findall(html):
        data = json.loads(block)
        for node in data.get("@graph", [data]):
            if node.get("@type") in {"Product", "ProductGroup"}:
                return node
    raise AssertionError("no product data")


def test_a_second_view_takes_the_photos_and_data_from_the_cache(client, ring):
    first_html = page_of(client, ring)
    # Changed behind the application's back (no signal): the kept gallery and data still show
    # the old alt text and name, which proves they came from the cache without loading photos.
    ring.gallery_images.update(alt_text="Changed behind the back")
    ring.variants.update(name="Renamed variant")
    ProductPage.objects.filter(pk=ring.pk).update(title="Renamed behind the back")
    with CaptureQueriesContext(connection) as queries:
        html = page_of(client, ring)

    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "catalogue_productimage" not in tables
    assert "wagtailimages_rendition" not in tables
    assert "catalogue_productvariant" not in tables
    assert "Renamed variant" not in html
    # The variants' table and the form's choices, as the first view showed them.
    variants = list(ring.variants.order_by("sort_order", "pk"))
    assert [f'<option value="{v.sku}"' in html for v in variants] == [True, True]
    assert html.count('<tr><th scope="row">') == first_html.count('<tr><th scope="row">') == 2
    assert "Changed behind the back" not in html
    assert product_data(html)["name"] == "Amber ring"
    assert 'property="og:image"' in html
    assert html.count("<picture>") == first_html.count("<picture>") == 4  # 2 photos, 2 thumbs


def test_a_new_photo_and_a_published_name_show_at_once(client, ring):
    page_of(client, ring)

    ProductImageFactory(product=ring, alt_text="A third photo", sort_order=9)
    ring.title = "Amber ring, polished"
    ring.save_revision().publish()
    html = page_of(client, ProductPage.objects.get(pk=ring.pk))

    assert 'alt="A third photo"' in html
    assert product_data(html)["name"] == "Amber ring, polished"


def test_a_stock_change_shows_in_the_data_at_once(client, ring):
    offers = [
        v["offers"]["availability"] for v in product_data(page_of(client, ring))["hasVariant"]
    ]
    assert offers == ["https://schema.org/InStock"] * 2

    set_stock([ring], stock=0)

    html = page_of(client, ring)
    assert {v["offers"]["availability"] for v in product_data(html)["hasVariant"]} == {
        "https://schema.org/OutOfStock"
    }
    assert 'class="availability availability-sold_out"' in html


def test_each_language_gets_its_own_parts(client, ring):
    russian = translate_page(ring, "ru", {"Amber ring": "Янтарное кольцо"})
    english = page_of(client, ring)

    html = page_of(client, russian)

    assert product_data(html)["name"] == "Янтарное кольцо"
    assert 'aria-label="Фотографии товара"' in html
    assert 'aria-label="Product images"' in english
    assert product_data(english)["name"] == "Amber ring"


def translation_links(html: str) -> tuple[set[str], set[str]]:
    """The hreflang languages and the language switcher's addresses of a page."""
    switcher = re.search(r'<nav class="lang-switcher".*?</nav>', html, re.S).group(0)
    return set(re.findall(r'hreflang="([a-z]{2})"', html)), set(
        re.findall(r'name="next" value="([^"]+)"', switcher)
    )


def test_the_translations_addresses_are_kept_and_a_new_translation_shows_at_once(client, ring):
    assert translation_links(page_of(client, ring)) == ({"en"}, {"/ru/", "/kk/"})

    russian = translate_page(ring, "ru", {"Amber ring": "Янтарное кольцо"})
    page_of(client, ring)  # kept again, in the new generation
    with CaptureQueriesContext(connection) as queries:
        html = page_of(client, ring)

    assert translation_links(html) == ({"en", "ru"}, {russian.url, "/kk/"})
    assert re.search(r'hreflang="ru" href="([^"]+)"', html).group(1).endswith(russian.url)
    assert not [q for q in queries.captured_queries if '"translation_key" = ' in q["sql"]]

    russian.unpublish()
    assert translation_links(page_of(client, ring)) == ({"en"}, {"/ru/", "/kk/"})


def test_the_form_and_basket_stay_with_each_visitor(ring):
    shopper = Client()
    variant = ring.variants.order_by("sort_order", "pk").first()
    response = shopper.post(
        "/en/basket/add/", {"product": ring.pk, "variant": variant.sku, "quantity": 3}
    )
    assert response.status_code == 302
    shopper_html = page_of(shopper, ring)  # the parts are rendered and kept for this shopper
    shopper_tokens = set(TOKEN.findall(shopper_html))
    assert shopper_tokens
    assert 'class="basket-count" aria-hidden="true">3<' in shopper_html

    visitor = Client(enforce_csrf_checks=True)
    visitor_html = visitor.get(f"{ring.url}?variant={variant.sku}").content.decode()

    assert 'class="basket-count" aria-hidden="true">0<' in visitor_html
    assert not any(token in visitor_html for token in shopper_tokens)
    visitor_token = TOKEN.search(visitor_html).group(1)
    assert f'<option value="{variant.sku}" selected>' in visitor_html  # its own choice
    # The form still works without JavaScript, with the visitor's own token.
    added = visitor.post(
        "/en/basket/add/",
        {
            "product": ring.pk,
            "variant": variant.sku,
            "quantity": 1,
            "csrfmiddlewaretoken": visitor_token,
        },
    )
    assert added.status_code == 302


def test_a_preview_of_a_draft_is_never_kept(client, ring):
    page_of(client, ring)
    cache.clear()  # nothing kept: the preview renders first
    draft = ProductPage.objects.get(pk=ring.pk)
    draft.title = "Draft name nobody published"

    preview = draft.make_preview_request()
    assert product_data(preview.content.decode())["name"] == "Draft name nobody published"

    # A shopper on the host the preview was made for.
    live = client.get(ring.url, HTTP_HOST=urlsplit(ring.get_full_url()).netloc)
    assert live.status_code == 200
    assert product_data(live.content.decode())["name"] == "Amber ring"


def test_nothing_is_kept_when_switched_off(client, ring, settings):
    settings.PRODUCT_CACHE_SECONDS = 0
    page_of(client, ring)
    ring.gallery_images.update(alt_text="Changed behind the back")

    assert 'alt="Changed behind the back"' in page_of(client, ring)
