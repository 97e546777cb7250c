"""One country list, named in the shopper's language (CLDR), in checkout, the address book and
the WhatsApp message."""

import re
from decimal import Decimal

import pytest

from storefront.addresses.countries import country_name
from storefront.checkout.whatsapp import InquiryMessage, full_text
from tests.factories.accounts import AddressFactory
from tests.factories.checkout import CHECKOUT_FORM

pytestmark = pytest.mark.django_db


def country_options(html: str) -> list[tuple[str, str]]:
    select = re.search(r'<select name="country".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([A-Z]{2})"[^>]*>([^<]+)</option>', select)


@pytest.mark.parametrize(
    ("language", "kazakhstan", "before", "after"),
    [
        ("ru", "Казахстан", "Австрия", "Азербайджан"),
        # Ә sorts after А, not after Я (code-point order); Å with A, not after Z.
        ("kk", "Қазақстан", "Әзірбайжан", "Бахрейн"),
        ("en", "Kazakhstan", "Åland Islands", "Albania"),
    ],
)
def test_checkout_and_address_book_offer_one_list_in_the_shoppers_language(
    client, shop, signed_in, language, kazakhstan, before, after
):
    client.post(f"/{language}/basket/add/", {"product": shop["box"].pk, "quantity": 1})
    checkout = country_options(client.get(f"/{language}/checkout/").content.decode())
    address_book = country_options(
        signed_in.get(f"/{language}/account/addresses/new/").content.decode()
    )

    assert checkout == address_book
    names = dict(checkout)
    assert names["KZ"] == kazakhstan
    assert len(names) == 249  # every ISO 3166-1 country
    order = [name for _, name in checkout]
    assert order.index(before) < order.index(after)
    assert order[0].upper().startswith(("A", "А"))


@pytest.mark.promise("P08")
@pytest.mark.parametrize(
    ("language", "name"), [("en", "Kazakhstan"), ("ru", "Казахстан"), ("kk", "Қазақстан")]
)
def test_the_whatsapp_message_names_the_country_in_its_language(language, name):
    message = InquiryMessage(
        reference="NR-7K3F9Q",
        language=language,
        currency="KZT",
        total=Decimal("3000"),
        **{field: CHECKOUT_FORM[field] for field in CHECKOUT_FORM if field != "email"},
    )

    address_row = full_text(message).splitlines()[-2]

    assert address_row.endswith(f", 050000, {name}")
    assert country_name("KZ", language) == name


def test_the_confirmation_page_names_the_country_in_the_page_language(client, shop):
    client.post("/kk/basket/add/", {"product": shop["box"].pk, "quantity": 1})
    token = client.get("/kk/checkout/").context["form"]["token"].value()

    response = client.post(
        "/kk/checkout/", {**CHECKOUT_FORM, "country": "KG", "token": token}, follow=True
    )

    page = response.content.decode()
    assert "Қырғызстан" in page
    assert "Kyrgyzstan" not in page


def test_the_address_book_names_a_saved_country_in_the_page_language(signed_in, shopper):
    AddressFactory(user=shopper, country="TJ", postal_code="735450")

    assert "Tajikistan" in signed_in.get("/en/account/addresses/").content.decode()
    assert "Таджикистан" in signed_in.get("/ru/account/addresses/").content.decode()
    assert "Тәжікстан" in signed_in.get("/kk/account/addresses/").content.decode()
