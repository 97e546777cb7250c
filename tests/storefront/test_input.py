"""What shoppers type (H41): phone numbers with letters or extensions, and text with hidden
direction controls or nothing visible, in checkout, the address book, the profile and the API."""

import pytest
from django.test import Client
from wagtail.models import Site

from home.models import OperatorSettings
from storefront.accounts.models import Address
from storefront.checkout.models import Inquiry
from storefront.validators import validate_visible_text
from tests.factories.accounts import VerifiedUserFactory
from tests.factories.checkout import CHECKOUT_FORM, build_shop
from tests.storefront.accounts.test_addresses import address_data

VALID = CHECKOUT_FORM
ADDRESS = address_data()
BIDI = "Remove the hidden text-direction characters: they change how the text is shown to us."
INVISIBLE = "Enter visible letters or digits, not only spaces or invisible characters."
LETTERS = (
    "A phone number may contain only digits, spaces, brackets, dashes and a leading +, not letters."
)
EXTENSION = (
    "Extensions are not accepted: enter a number that reaches you directly, without an extension."
)

# Every character the rule names: overrides and embeddings, isolates, marks, the Arabic mark.
BIDI_CONTROLS = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
]
INVISIBLE_ONLY = [
    "\u200b",
    "\u200b\u200b",
    " \u200b ",
    "\ufeff",
    "\u2060",
    "\u3164",
    "\u00a0\u200b",
]


@pytest.fixture
def shop(site_pages):
    operator = OperatorSettings.for_site(Site.objects.get(is_default_site=True))
    operator.whatsapp_number = "+7 700 000 0000"
    operator.save()
    return build_shop(site_pages)


def checkout(client, shop, **changes):
    client.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": 1})
    return client.post("/en/checkout/", {**VALID, **changes})


def errors_of(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


# Phone numbers ------------------------------------------------------------------------------


@pytest.mark.hardening("H41")
@pytest.mark.parametrize("phone", ["+7 707 CALL NOW", "+7 707 123 45 6O", "+7 707 ТЕЛЕФОН"])
def test_a_phone_number_with_letters_is_refused(client, shop, phone):
    response = checkout(client, shop, phone=phone)

    assert response.status_code == 200
    assert errors_of(response, "phone") == [LETTERS]
    assert response.context["form"]["phone"].value() == phone  # kept to correct
    assert not Inquiry.objects.exists()


@pytest.mark.hardening("H41")
@pytest.mark.parametrize(
    "phone", ["+7 707 123 4567 ext. 12", "+7 707 123 4567 x12", "+7 707 123 4567 #12"]
)
def test_a_phone_number_with_an_extension_is_refused_saying_so(client, shop, phone):
    response = checkout(client, shop, phone=phone)

    assert errors_of(response, "phone") == [EXTENSION]
    assert not Inquiry.objects.exists()


def test_the_phone_help_says_extensions_are_not_taken(client, shop):
    client.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": 1})

    html = client.get("/en/checkout/").content.decode()

    assert "without an extension" in html


@pytest.mark.parametrize("phone", ["+7 707 123 45 67", "+7 (707) 123-45-67", "8 707 123 4567"])
def test_ordinary_ways_of_writing_a_number_still_work(client, shop, phone):
    assert checkout(client, shop, phone=phone).status_code == 302
    assert Inquiry.objects.get().phone == "+77071234567"


@pytest.mark.hardening("H41")
def test_phone_messages_are_translated(client, shop):
    client.post("/ru/basket/add/", {"product": shop["box"].pk, "quantity": 1})
    response = client.post("/ru/checkout/", {**VALID, "phone": "+7 707 CALL NOW"})

    assert errors_of(response, "phone")
    assert errors_of(response, "phone") != [LETTERS]


# Hidden direction controls and invisible text -------------------------------------------------


@pytest.mark.hardening("H41")
@pytest.mark.parametrize("control", BIDI_CONTROLS)
@pytest.mark.parametrize("field", ["first_name", "last_name", "street", "city", "region"])
def test_checkout_refuses_bidi_controls(client, shop, control, field):
    response = checkout(client, shop, **{field: f"Abay{control} 10"})

    assert response.status_code == 200
    assert errors_of(response, field) == [BIDI]
    assert not Inquiry.objects.exists()


@pytest.mark.hardening("H41")
@pytest.mark.parametrize("value", INVISIBLE_ONLY)
@pytest.mark.parametrize("field", ["first_name", "last_name", "street", "city", "region"])
def test_checkout_refuses_invisible_only_text(client, shop, value, field):
    response = checkout(client, shop, **{field: value})

    assert response.status_code == 200
    assert errors_of(response, field) == [INVISIBLE]
    assert not Inquiry.objects.exists()


@pytest.mark.hardening("H41")
def test_checkout_instructions_refuse_bidi_controls(client, shop):
    response = checkout(client, shop, instructions="Gate \u202e4321\u202c")

    assert errors_of(response, "instructions") == [BIDI]


@pytest.mark.parametrize(
    "value", ["Ömer", "Әлия", "Жан-Поль", "O'Brien", "محمد", "אברהם", "Zoë\u200d", "Abay 10/2"]
)
def test_real_names_in_any_script_are_accepted(value):
    validate_visible_text(value)  # no error


@pytest.mark.hardening("H41")
def test_the_text_messages_are_translated(client, shop):
    client.post("/kk/basket/add/", {"product": shop["box"].pk, "quantity": 1})
    response = client.post("/kk/checkout/", {**VALID, "city": "\u200b", "street": "A\u202eB"})

    city, street = errors_of(response, "city"), errors_of(response, "street")
    assert city and city != [INVISIBLE]
    assert street and street != [BIDI]


@pytest.fixture
def signed_in(db):
    user = VerifiedUserFactory(email="book@example.com")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.hardening("H41")
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("street", "Dostyk \u202e5", BIDI),
        ("city", "\u2066Almaty\u2069", BIDI),
        ("label", "\u200f", BIDI),
        ("city", "\u200b\u200b", INVISIBLE),
        ("street", "\u3164", INVISIBLE),
        ("label", "\u200b", INVISIBLE),
    ],
)
def test_the_address_book_refuses_the_same(signed_in, field, value, message):
    response = signed_in.post("/en/account/addresses/new/", {**ADDRESS, field: value})

    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].errors[field]] == [message]
    assert not Address.objects.exists()


@pytest.mark.hardening("H41")
def test_the_profile_refuses_the_same(signed_in):
    response = signed_in.post("/en/account/", {"first_name": "\u202eDana", "last_name": "\u200b"})

    form = response.context["form"]
    assert [str(e) for e in form.errors["first_name"]] == [BIDI]
    assert [str(e) for e in form.errors["last_name"]] == [INVISIBLE]


@pytest.mark.hardening("H41")
def test_sign_up_refuses_the_same(client, db):
    data = {
        "first_name": "\u202eDana",
        "last_name": "\u200b\u200b",
        "email": "dana@example.com",
        "password1": "Steppe-Wind-1987",
        "password2": "Steppe-Wind-1987",
        "age_confirmed": "on",
    }
    response = client.post("/en/account/signup/", data)

    form = response.context["form"]
    assert [str(e) for e in form.errors["first_name"]] == [BIDI]
    assert [str(e) for e in form.errors["last_name"]] == [INVISIBLE]
    assert form["email"].value() == "dana@example.com"  # what was typed stays


@pytest.mark.hardening("H41")
def test_the_api_refuses_the_same(signed_in, shop):
    signed_in.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": 1})
    checkout_answer = signed_in.post(
        "/api/store/v1/checkout/",
        {**VALID, "city": "\u200b", "first_name": "A\u202eB", "phone": "+7 707 CALL NOW"},
        content_type="application/json",
    )
    address_answer = signed_in.post(
        "/api/store/v1/me/addresses/",
        {**ADDRESS, "street": "\u2067x"},
        content_type="application/json",
    )

    assert checkout_answer.status_code == 422
    problems = {e["field"]: e["message"] for e in checkout_answer.json()["errors"]}
    assert problems["city"] == INVISIBLE
    assert problems["first_name"] == BIDI
    assert problems["phone"] == LETTERS
    assert address_answer.status_code == 422
    assert address_answer.json()["errors"][0]["message"] == BIDI
    assert not Inquiry.objects.exists() and not Address.objects.exists()
