"""One postal-code rule per country (H15): checkout and the address book, pages and API, agree."""

import socket

import pytest

from storefront.addresses.postal_codes import postal_code_error, postal_code_rule
from storefront.checkout.models import Inquiry
from tests.storefront.addresses.conftest import (
    address_api_errors,
    address_page_errors,
    checkout_api_errors,
    checkout_page_errors,
)

pytestmark = pytest.mark.django_db

TAJIK_EN = "Enter a postal code in the format used in Tajikistan, for example 735450."


@pytest.mark.hardening("H15")
@pytest.mark.parametrize(
    ("country", "postal_code", "error"),
    [
        ("TJ", "7340", TAJIK_EN),  # six digits in Tajikistan
        ("AM", "00100", "Enter a postal code in the format used in Armenia, for example 375010."),
        (
            "AZ",
            "AZ-1000",
            "Enter a postal code in the format used in Azerbaijan, for example 1000.",
        ),
        ("KZ", "050000", None),
        (
            "AE",
            "12345",
            "Leave the postal code empty: United Arab Emirates does not use postal codes.",
        ),
        ("AE", "", None),
    ],
)
def test_checkout_and_address_book_give_the_same_answer(
    client, shop, signed_in, country, postal_code, error
):
    data = {"country": country, "postal_code": postal_code}
    expected = {"postal_code": [error]} if error else {}

    answers = {
        "checkout page": checkout_page_errors(client, shop, data),
        "checkout API": checkout_api_errors(shop, data),
        "address book page": address_page_errors(signed_in, data),
        "address book API": address_api_errors(signed_in, data),
    }

    assert answers == dict.fromkeys(answers, expected)


@pytest.mark.hardening("H15")
@pytest.mark.parametrize(
    ("language", "tajik", "emirates"),
    [
        (
            "en",
            TAJIK_EN,
            "Leave the postal code empty: United Arab Emirates does not use postal codes.",
        ),
        (
            "ru",
            "Введите почтовый индекс в формате, принятом в стране: Таджикистан, например 735450.",
            "Оставьте почтовый индекс пустым: в стране «ОАЭ» почтовые индексы не используются.",
        ),
        (
            "kk",
            "Пошта индексін мына елде қабылданған пішімде енгізіңіз: Тәжікстан, мысалы, 735450.",
            "Пошта индексін бос қалдырыңыз: «Біріккен Араб Әмірліктері» елінде пошта индекстері "
            "қолданылмайды.",
        ),
    ],
)
def test_the_message_names_the_country_in_the_shoppers_language(
    client, shop, signed_in, language, tajik, emirates
):
    tajik_code = {"country": "TJ", "postal_code": "7340"}
    emirates_code = {"country": "AE", "postal_code": "12345"}

    assert checkout_page_errors(client, shop, tajik_code, language)["postal_code"] == [tajik]
    assert address_api_errors(signed_in, tajik_code, language)["postal_code"] == [tajik]
    assert address_page_errors(signed_in, emirates_code, language)["postal_code"] == [emirates]
    assert checkout_api_errors(shop, emirates_code, language)["postal_code"] == [emirates]


def test_a_valid_code_is_stored_in_capitals_without_spaces_around(client, shop):
    data = {"country": "GB", "postal_code": "  sw1a 1aa "}

    assert checkout_page_errors(client, shop, data) == {}
    assert Inquiry.objects.get().postal_code == "SW1A 1AA"


@pytest.mark.hardening("H15")
def test_the_rules_are_read_from_the_installed_package_without_a_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    postal_code_rule.cache_clear()

    assert postal_code_error("KG", "720001") is None
    assert postal_code_error("KG", "7200") == (
        "Enter a postal code in the format used in Kyrgyzstan, for example 720001."
    )
