"""The shop's editor opens the admin in the morning: a waiting inquiry and a sold-out product
are on the home; they set the stock of two products from the list, and the shop shows both in
stock in English, Russian and Kazakh."""

import pytest
from wagtail.models import Locale

from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.checkout import InquiryFactory, build_shop
from tests.factories.home import build_site


@pytest.mark.django_db(transaction=True)
def test_editor_sees_the_day_and_restocks_two_products_in_every_language(live_server, browser_page):
    shop = build_shop(build_site())
    ring, box = shop["ring"], shop["box"]
    shop["ring_variant"].stock = 0
    shop["ring_variant"].save()
    box.stock = 0
    box.save_revision().publish()
    inquiry = InquiryFactory(language="ru")
    UserFactory(email="editor@example.com", is_staff=True, is_superuser=True)
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "editor@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    inquiries = page.locator("#shop-inquiries-section")
    assert "1 inquiry waits for a reply" in inquiries.inner_text()
    assert inquiries.get_by_role("link", name=inquiry.reference).is_visible()
    stock = page.locator("#shop-stock-section")
    assert stock.locator("tr.stock-out", has_text="Gift box").is_visible()
    assert stock.locator("tr.stock-out", has_text="Size 17").is_visible()

    stock.get_by_role("link", name="Out of stock: 2").click()
    page.wait_for_url("**/admin/products/?stock=low")
    for product in (ring, box):
        page.locator(f"input[data-bulk-action-checkbox][data-object-id='{product.pk}']").check()
    page.locator("[data-bulk-action-footer] a", has_text="Set stock").click()
    page.wait_for_url("**/admin/bulk/wagtailcore/page/set_stock/**")
    page.fill("input[name=stock]", "6")
    page.get_by_role("button", name="Set stock").click()
    page.wait_for_url("**/admin/products/**")
    assert "Stock of 2 products updated in every language." in page.inner_text("body")

    expected = {"en": "In stock", "ru": "В наличии", "kk": "Қоймада бар"}
    for code, label in expected.items():
        locale = Locale.objects.get(language_code=code)
        for product in (ring, box):
            url = product.get_translation(locale).get_url()
            page.goto(f"{live_server.url}{url}")
            assert page.locator("p.availability").inner_text().strip() == label, (code, url)
    assert errors == []
