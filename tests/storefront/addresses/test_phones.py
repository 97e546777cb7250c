"""Phones are parsed in one place: the checkout field and the operator's WhatsApp number agree."""

import pytest
from django.core.exceptions import ValidationError

from home.models import OperatorSettings
from storefront.addresses.phones import PhoneNumberField

NUMBERS = [
    "+7 707 762 8700",
    "+7 (707) 762-87-00",
    "+44 20 7946 0958",
    "+7 707 CALL NOW",  # letters are not keypad digits
    "+1 415 555 2671 ext. 5",  # WhatsApp cannot dial an extension
    "8 707 762 8700",  # no country code: nothing to dial from abroad
    "12",
]


@pytest.mark.hardening("H41")
@pytest.mark.parametrize("number", NUMBERS)
def test_the_whatsapp_number_is_read_like_a_shoppers_phone(number):
    try:
        expected = PhoneNumberField().clean(number).removeprefix("+")
    except ValidationError:
        expected = ""

    assert OperatorSettings(whatsapp_number=number).whatsapp_digits == expected


@pytest.mark.hardening("H41")
def test_staff_cannot_save_a_whatsapp_number_checkout_would_refuse():
    with pytest.raises(ValidationError) as refused:
        OperatorSettings(whatsapp_number="+7 707 CALL NOW").clean()

    with pytest.raises(ValidationError) as form_refused:
        PhoneNumberField().clean("+7 707 CALL NOW")
    assert refused.value.message_dict["whatsapp_number"] == form_refused.value.messages
    OperatorSettings(whatsapp_number="+7 707 762 8700").clean()
