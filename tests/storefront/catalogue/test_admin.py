import re
from decimal import Decimal

import pytest
from django.urls import reverse

from storefront.catalogue.models import Availability
from tests.factories.accounts import UserFactory
from tests.factories.catalogue import ProductPageFactory


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_products_listing_shows_price_stock_and_status(editor_client, shop):
    ProductPageFactory(
        parent=shop["rings"], title="Gold ring", sku="GOLD-1", price=Decimal("42000"), stock=7
    )

    response = editor_client.get(reverse("products:index"))

    assert response.status_code == 200
    html = re.sub(r"\s+", " ", response.content.decode().replace("\u00a0", " "))
    for heading in ("SKU", "Price", "Stock", "Status", "Availability"):
        assert f"> {heading} </a>" in html, heading
    assert "Gold ring" in html
    assert "<td > GOLD-1 </td> <td > ₸42,000 </td> <td > 7 </td> <td > In stock </td>" in html


def test_products_listing_filters_and_search(editor_client, shop):
    ProductPageFactory(parent=shop["rings"], title="Gold ring", availability=Availability.SOLD_OUT)
    ProductPageFactory(parent=shop["rings"], title="Silk scarf")

    sold_out = editor_client.get(reverse("products:index"), {"availability": "sold_out"})
    searched = editor_client.get(reverse("products:index"), {"q": "scarf"})

    assert "Gold ring" in sold_out.content.decode()
    assert "Silk scarf" not in sold_out.content.decode()
    assert "Silk scarf" in searched.content.decode()
    assert "Gold ring" not in searched.content.decode()


def test_product_editor_has_tabs(editor_client, shop):
    product = ProductPageFactory(parent=shop["rings"])

    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[product.pk])).content.decode()

    tabs = re.findall(r'role="tab"[^>]*>\s*(.*?)\s*<', html, re.S)
    for tab in ("Content", "Price and stock", "Images", "SEO"):
        assert tab in tabs, (tab, tabs)


def test_admin_shows_the_duplicate_sku_message_on_save(editor_client, shop):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    ProductPageFactory(parent=shop["rings"], title="Gold ring", sku="GOLD-1")
    product = ProductPageFactory(parent=shop["rings"], title="Silver ring", sku="SILVER-1")
    data = nested_form_data(
        {
            "title": "Silver ring",
            "slug": product.slug,
            "short_description": "",
            "body": streamfield([]),
            "sku": "GOLD-1",
            "price": "1000",
            "compare_at_price": "",
            "currency": "KZT",
            "availability": "in_stock",
            "stock": "1",
            "seo_title": "",
            "search_description": "",
            "gallery_images": inline_formset([]),
            "variants": inline_formset([]),
        }
    )

    response = editor_client.post(reverse("wagtailadmin_pages:edit", args=[product.pk]), data)

    assert response.status_code == 200
    assert "SKU GOLD-1 is already used by «Gold ring»." in response.content.decode()
    product.refresh_from_db()
    assert product.sku == "SILVER-1"


def test_products_listing_filters_by_language(editor_client, shop):
    from tests.factories.catalogue import translate_page

    ring = ProductPageFactory(parent=shop["rings"], title="Gold ring")
    translate_page(ring, "ru", {"Gold ring": "Золотое кольцо"})

    russian = editor_client.get(reverse("products:index"), {"locale": "ru"}).content.decode()

    assert "Золотое кольцо" in russian
    assert "Gold ring" not in russian
