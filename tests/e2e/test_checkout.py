"""A shopper adds two products, checks out in Kazakh and gets the WhatsApp link (P02, P08)."""

from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from wagtail.models import Locale, Site

from home.models import OperatorSettings
from storefront.checkout.models import Inquiry
from tests.factories.checkout import build_shop
from tests.factories.home import build_site


@pytest.mark.promise("P02")
@pytest.mark.promise("P08")
def test_two_products_checkout_in_kazakh_opens_whatsapp_with_the_order(
    live_server, transactional_db, browser_page
):
    pages = build_site()
    operator = OperatorSettings.for_site(Site.objects.get(is_default_site=True))
    operator.whatsapp_number = "+7 700 000 0000"
    operator.save()
    shop = build_shop(pages)
    kk = Locale.objects.get(language_code="kk")
    ring_url = shop["ring"].get_translation(kk).get_url()
    box_url = shop["box"].get_translation(kk).get_url()
    errors: list[str] = []
    browser_page.on("pageerror", lambda exc: errors.append(str(exc)))
    browser_page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page = browser_page

    page.goto(f"{live_server.url}{ring_url}")
    page.select_option("form.add-to-basket select[name=variant]", "RING-17")
    page.fill("form.add-to-basket input[name=quantity]", "2")
    page.click("form.add-to-basket button[type=submit]")
    page.wait_for_url("**/kk/basket/")
    page.goto(f"{live_server.url}{box_url}")
    page.click("form.add-to-basket button[type=submit]")
    page.wait_for_url("**/kk/basket/")

    assert page.locator(".basket-count").inner_text() == "3"
    assert page.locator(".basket-line").count() == 2
    page.click("a[href='/kk/checkout/']")

    page.fill("#id_first_name", "Әлия")
    page.fill("#id_last_name", "Құрманғазы")
    page.fill("#id_email", "aliya@example.com")
    page.fill("#id_phone", "+7 707 123 45 67")
    page.fill("#id_street", "Абай даңғылы 10, 5-пәтер")
    page.select_option("#id_building_type", "apartment")
    page.fill("#id_city", "Алматы")
    page.fill("#id_postal_code", "050000")
    page.select_option("#id_country", "KZ")
    page.fill("#id_instructions", "Домофон #15 & қоңырау шалыңыз + рахмет")
    page.click("form.checkout-form button[type=submit]")
    page.wait_for_url("**/kk/checkout/done/NR-*/")

    inquiry = Inquiry.objects.get()
    href = page.locator("#whatsapp-link").get_attribute("href")
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/77000000000")
    text = parse_qs(parts.query, strict_parsing=True)["text"][0]
    assert text == page.locator("#whatsapp-message").input_value()
    lines = text.splitlines()
    assert lines[0] == f"Сәлеметсіз бе! Тапсырыс бергім келеді ({inquiry.reference}):"
    assert lines[1] == "1. Күміс сақина (17 өлшем) [RING-17] × 2 = 25\u00a0000\u00a0₸"
    assert lines[2] == "2. Сыйлық қорабы [BOX] × 1 = 3\u00a0000,50\u00a0₸"
    assert lines[3] == "Барлығы: 28\u00a0000,50\u00a0₸"
    assert "Аты-жөні: Әлия Құрманғазы" in lines
    assert "Телефон: +77071234567" in lines
    assert "Жеткізу нұсқаулары: Домофон #15 & қоңырау шалыңыз + рахмет" in lines
    assert page.locator("svg.qr").count() == 1
    assert page.locator(".basket-count").inner_text() == "0"

    # The button counts the click (no personal data) and opens WhatsApp; the test stops the
    # browser at wa.me, which it must never reach.
    page.context.route("https://wa.me/**", lambda route: route.abort())
    with (
        mock.patch("storefront.checkout.views.capture_event") as capture,
        page.expect_response("**/opened/") as opened,
    ):
        page.click("#whatsapp-link")
    assert opened.value.status == 204
    assert capture.call_args.args[1] == "whatsapp_opened"
    assert "Әлия" not in repr(capture.call_args)
    assert errors == []
