"""One rule for prices (storefront.money): the product page, the basket, the checkout and the
WhatsApp message write the same amount the same way, in each language's own style."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from wagtail.models import Locale

from storefront.money import format_money
from tests.factories.checkout import build_shop

BOX = {"en": "₸3,000.50", "ru": "3\u00a0000,50\u00a0₸", "kk": "3\u00a0000,50\u00a0₸"}


@pytest.mark.parametrize(
    ("language", "amount", "expected"),
    [
        ("en", "1234567.005", "₸1,234,567.01"),
        ("ru", "1234567.005", "1\u00a0234\u00a0567,01\u00a0₸"),
        ("kk", "1234567.005", "1\u00a0234\u00a0567,01\u00a0₸"),
        ("en", "12500", "₸12,500"),
        ("ru", "12500.00", "12\u00a0500\u00a0₸"),
        ("kk", "0.5", "0,50\u00a0₸"),
    ],
)
def test_amounts_round_half_up_and_use_each_languages_separators(language, amount, expected):
    assert format_money(Decimal(amount), "KZT", language) == expected


def test_other_currencies_keep_their_own_symbol():
    assert format_money(Decimal("10"), "RUB", "kk") == "10\u00a0₽"
    assert format_money(Decimal("10"), "USD", "ru") == "10\u00a0$"


def test_the_template_filter_is_the_same_rule_in_the_active_language():
    template = Template("{% load money %}[{{ price|money:'KZT' }}][{{ nothing|money }}]")
    for language in ("en", "ru", "kk"):
        with translation.override(language):
            rendered = template.render(Context({"price": Decimal("3000.5"), "nothing": None}))
        assert rendered == f"[{BOX[language]}][]"


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_product_page_basket_and_checkout_agree_and_never_wrap(client, site_pages, language):
    shop = build_shop(site_pages)
    box = shop["box"].get_translation(Locale.objects.get(language_code=language))

    product_page = client.get(box.url).content.decode()
    client.post(f"/{language}/basket/add/", {"product": shop["box"].pk, "quantity": 1})
    basket_page = client.get(f"/{language}/basket/").content.decode()
    checkout_page = client.get(f"/{language}/checkout/").content.decode()

    for html in (product_page, basket_page, checkout_page):
        assert BOX[language] in html
        assert "3 000" not in html and "3000.50 ₸" not in html
