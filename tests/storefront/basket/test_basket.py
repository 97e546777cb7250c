"""Basket arithmetic, stale lines and the no-JavaScript basket pages."""

from decimal import Decimal

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import translation

from storefront.basket.services import Basket, line_key
from storefront.catalogue.models import MAX_ORDER_QUANTITY, Availability, ProductPage
from tests.factories.catalogue import ProductPageFactory, ProductVariantFactory
from tests.factories.checkout import build_shop


@pytest.fixture
def shop(site_pages):
    return build_shop(site_pages)


def make_basket() -> Basket:
    session = SessionStore()
    return Basket(session)


def test_totals_are_decimal_sums_of_unit_price_times_quantity(shop):
    basket = make_basket()
    basket.add(shop["ring"], shop["ring_variant"], 2)
    basket.add(shop["box"], None, 3)

    lines = basket.lines()

    assert [(line.sku, line.quantity) for line in lines] == [("RING-17", 2), ("BOX", 3)]
    assert lines[0].line_total == Decimal("25000.00")
    assert lines[1].line_total == Decimal("9001.50")
    assert basket.total(lines) == Decimal("34001.50")
    assert isinstance(basket.total(lines), Decimal)
    assert basket.currency(lines) == "KZT"
    assert basket.count == 5


def test_variant_price_override_is_used(shop):
    variant = ProductVariantFactory(
        product=shop["box"], sku="BOX-XL", price_override=Decimal("4000"), locale=shop["box"].locale
    )
    basket = make_basket()
    basket.add(shop["box"], variant, 1)

    assert basket.lines()[0].unit_price == Decimal("4000")


def test_adding_the_same_product_twice_adds_up_and_changes_and_removes(shop):
    basket = make_basket()
    basket.add(shop["box"], None, 1)
    basket.add(shop["box"], None, 2)
    key = line_key(shop["box"])

    assert basket.lines()[0].quantity == 3
    basket.set_quantity(key, 1)
    assert basket.lines()[0].quantity == 1
    basket.remove(key)
    assert basket.lines() == []
    assert basket.is_empty()


def test_quantity_is_capped_at_stock(shop):
    basket = make_basket()

    assert basket.add(shop["box"], None, 50) == 10
    assert basket.notices  # the shopper is told


def test_made_to_order_is_capped_at_the_maximum(shop):
    shop["box"].availability = Availability.MADE_TO_ORDER
    shop["box"].save_revision().publish()
    basket = make_basket()

    assert basket.add(ProductPage.objects.get(pk=shop["box"].pk), None, 500) == MAX_ORDER_QUANTITY


def test_sold_out_product_cannot_be_added(shop):
    shop["box"].availability = Availability.SOLD_OUT
    shop["box"].save_revision().publish()
    basket = make_basket()

    assert basket.add(ProductPage.objects.get(pk=shop["box"].pk), None, 1) == 0
    assert basket.is_empty()


def test_product_with_variants_needs_a_variant(shop):
    basket = make_basket()

    assert basket.add(shop["ring"], None, 1) == 0
    assert basket.is_empty()


def test_unpublished_product_leaves_the_basket_with_a_notice(shop):
    basket = make_basket()
    basket.add(shop["box"], None, 1)
    basket.add(shop["ring"], shop["ring_variant"], 1)
    for page in ProductPage.objects.filter(translation_key=shop["box"].translation_key):
        page.unpublish()

    lines = basket.lines()

    assert [line.sku for line in lines] == ["RING-17"]
    assert basket.pop_notices() == ["Gift box is no longer available and has left your basket."]
    assert basket.count == 1  # the stale line is gone from the session too


def test_deleted_product_leaves_the_basket(shop):
    basket = make_basket()
    basket.add(shop["box"], None, 1)
    for page in ProductPage.objects.filter(translation_key=shop["box"].translation_key):
        page.delete()

    assert basket.lines() == []
    assert basket.is_empty()


def test_sold_out_variant_leaves_and_stock_drop_caps(shop):
    basket = make_basket()
    basket.add(shop["ring"], shop["ring_variant"], 4)
    basket.add(shop["box"], None, 8)
    ProductPage.objects.filter(translation_key=shop["ring"].translation_key).update(stock=0)
    shop["ring_variant"].__class__.objects.filter(sku="RING-17").update(stock=0)
    ProductPage.objects.filter(translation_key=shop["box"].translation_key).update(stock=3)

    lines = basket.lines()

    assert [(line.sku, line.quantity) for line in lines] == [("BOX", 3)]
    notices = basket.pop_notices()
    assert any("sold out" in notice for notice in notices)
    assert any("Only 3" in notice for notice in notices)


@pytest.mark.parametrize(
    ("language", "name", "variant"),
    [
        ("en", "Silver ring", "Size 17"),
        ("ru", "Серебряное кольцо", "Размер 17"),
        ("kk", "Күміс сақина", "17 өлшем"),
    ],
)
def test_lines_are_named_in_the_current_language(shop, language, name, variant):
    basket = make_basket()
    basket.add(shop["ring"], shop["ring_variant"], 1)

    with translation.override(language):
        line = basket.lines()[0]

    assert (line.name, line.variant_name) == (name, variant)


def test_reading_the_basket_takes_the_same_queries_for_many_products(
    shop, django_assert_max_num_queries
):
    basket = make_basket()
    for _ in range(12):
        basket.add(ProductPageFactory(parent=shop["shop"]), None, 1)

    with django_assert_max_num_queries(4):
        assert len(basket.lines()) == 12


# The pages -------------------------------------------------------------------------------------


def test_add_update_and_remove_work_without_javascript(client, shop):
    response = client.post(
        "/en/basket/add/", {"product": shop["ring"].pk, "variant": "RING-17", "quantity": 2}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/basket/"

    page = client.get("/en/basket/").content.decode()
    assert "Silver ring" in page
    assert "₸25,000" in page

    key = line_key(shop["ring"], shop["ring_variant"])
    client.post("/en/basket/update/", {"line": key, "quantity": 3})
    assert "₸37,500" in client.get("/en/basket/").content.decode()

    client.post("/en/basket/remove/", {"line": key})
    assert "Your basket is empty." in client.get("/en/basket/").content.decode()


def test_adding_from_a_translated_page_keeps_one_line(client, shop):
    kk_box = shop["box"].get_translation(
        shop["box"].locale.__class__.objects.get(language_code="kk")
    )
    client.post("/kk/basket/add/", {"product": kk_box.pk, "quantity": 1})
    client.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": 1})

    html = client.get("/kk/basket/").content.decode()

    assert "Сыйлық қорабы" in html
    assert 'value="2"' in html


def test_header_shows_the_count_on_every_page(client, shop):
    client.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": 3})

    html = client.get("/en/").content.decode()

    assert 'class="basket-count"' in html
    assert '<span class="basket-count" aria-hidden="true">3</span>' in html
    assert '<span class="visually-hidden">3 items</span>' in html


def test_basket_page_is_translated(client, shop):
    html = client.get("/kk/basket/").content.decode()

    assert "Себетіңіз бос." in html


def test_add_to_basket_include_renders_variant_picker(client, shop):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/en/shop/silver-ring/")
    html = render_to_string(
        "basket/includes/add_to_basket.html",
        {"page": shop["ring"], "variants": list(shop["ring"].variants.all())},
        request=request,
    )

    assert '<option value="RING-17">Size 17</option>' in html
    assert 'name="quantity"' in html


def test_bad_quantity_is_refused_cleanly(client, shop):
    response = client.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": "lots"})

    assert response.status_code == 302
    assert client.get("/en/basket/").context["lines"] == []


@pytest.mark.hardening("H13")
def test_add_never_redirects_off_site(client, shop):
    response = client.post(
        "/en/basket/add/",
        {"product": shop["ring"].pk, "quantity": 1, "next": "https://evil.example/"},
    )

    assert response["Location"].startswith("/")


@pytest.mark.hardening("H11")
@pytest.mark.parametrize("path", ["/en/basket/add/", "/en/basket/update/", "/en/basket/remove/"])
def test_basket_changes_need_post_with_csrf(shop, path):
    client = Client(enforce_csrf_checks=True)

    assert client.post(path, {"product": shop["box"].pk, "quantity": 1}).status_code == 403
    assert client.get(path).status_code == 405


def test_basket_page_queries_do_not_grow_with_the_number_of_products(client, shop):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_basket_page() -> int:
        client.get("/en/basket/")  # shows (and so clears) the "added" messages; warms caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/basket/").status_code == 200
        return len(captured)

    client.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": 1})
    client.post(
        "/en/basket/add/", {"product": shop["ring"].pk, "variant": "RING-17", "quantity": 1}
    )
    with_two = queries_for_basket_page()
    for _ in range(10):
        product = ProductPageFactory(parent=shop["shop"])
        client.post("/en/basket/add/", {"product": product.pk, "quantity": 1})
    with_twelve = queries_for_basket_page()

    assert len(client.get("/en/basket/").context["lines"]) == 12
    assert with_twelve == with_two
