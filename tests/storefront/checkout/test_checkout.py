"""Checkout: the form (P02), the inquiry, the confirmation page and its WhatsApp link (P08)."""

from decimal import Decimal
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from wagtail.models import Site

from home.models import OperatorSettings
from legal.antispam.services import ANTISPAM_FIELDS
from storefront.checkout.models import Inquiry, InquiryStatus
from tests.factories.accounts import UserFactory
from tests.factories.checkout import CHECKOUT_FORM, InquiryFactory, build_shop

VALID = {**CHECKOUT_FORM, "instructions": "Intercom 15 & call #2"}

P02_FIELDS = {
    "first_name",
    "last_name",
    "email",
    "phone",
    "street",
    "building_type",
    "city",
    "region",
    "postal_code",
    "country",
    "instructions",
}


@pytest.fixture
def shop(site_pages):
    site = Site.objects.get(is_default_site=True)
    operator = OperatorSettings.for_site(site)
    operator.whatsapp_number = "+7 700 000 0000"
    operator.save()
    return build_shop(site_pages)


def fill_basket(client, shop, language="en"):
    client.post(
        f"/{language}/basket/add/",
        {"product": shop["ring"].pk, "variant": "RING-17", "quantity": 2},
    )
    client.post(f"/{language}/basket/add/", {"product": shop["box"].pk, "quantity": 1})


def form_token(client, language="en") -> str:
    return client.get(f"/{language}/checkout/").context["form"]["token"].value()


def wa_text(html: str) -> str:
    start = html.index('href="https://wa.me/') + len('href="')
    url = html[start : html.index('"', start)].replace("&amp;", "&")
    parts = urlsplit(url)
    assert parts.netloc == "wa.me" and parts.path == "/77000000000"
    return parse_qs(parts.query, strict_parsing=True)["text"][0]


@pytest.mark.promise("P02")
def test_form_asks_for_exactly_the_policy_fields(client, shop):
    fill_basket(client, shop)

    form = client.get("/en/checkout/").context["form"]

    # Besides the double-submit token and the basket as shown (H42), only the anti-spam
    # honeypot and timing token (P11).
    assert set(form.fields) - {"token", "basket_version", *ANTISPAM_FIELDS} == P02_FIELDS
    assert form.fields["token"].widget.is_hidden
    assert form.fields["basket_version"].widget.is_hidden


@pytest.mark.promise("P02")
def test_signed_in_shopper_may_also_save_the_address(client, shop):
    client.force_login(UserFactory())
    fill_basket(client, shop)

    form = client.get("/en/checkout/").context["form"]

    hidden = {"token", "basket_version", "save_address", *ANTISPAM_FIELDS}
    assert set(form.fields) - hidden == P02_FIELDS


@pytest.mark.promise("P02")
@pytest.mark.promise("P08")
@pytest.mark.parametrize(
    ("language", "ring", "variant", "greeting"),
    [
        ("en", "Silver ring", "Size 17", "Hello! I would like to order"),
        ("ru", "Серебряное кольцо", "Размер 17", "Здравствуйте! Хочу заказать"),
        ("kk", "Күміс сақина", "17 өлшем", "Сәлеметсіз бе! Тапсырыс бергім келеді"),
    ],
)
def test_happy_path_in_each_language(client, shop, language, ring, variant, greeting):
    fill_basket(client, shop, language)
    token = form_token(client, language)

    response = client.post(f"/{language}/checkout/", {**VALID, "token": token})

    inquiry = Inquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/checkout/done/{inquiry.reference}/"
    assert inquiry.language == language
    assert inquiry.phone == "+77071234567"  # E.164
    assert inquiry.status == InquiryStatus.NEW
    assert inquiry.total == Decimal("28000.50")
    assert inquiry.item_count == 3
    assert inquiry.lines[0] == {
        "name": ring,
        "variant": variant,
        "sku": "RING-17",
        "quantity": 2,
        "unit_price": "12500.00",
        "line_total": "25000.00",
    }
    assert inquiry.lines[1]["sku"] == "BOX"
    assert client.get(f"/{language}/basket/").context["lines"] == []  # the basket is emptied

    html = client.get(response["Location"]).content.decode()
    assert inquiry.reference in html
    text = wa_text(html)
    assert text.startswith(f"{greeting} ({inquiry.reference}):")
    price = "₸25,000" if language == "en" else "25\u00a0000\u00a0₸"
    assert f"{ring} ({variant}) [RING-17] × 2 = {price}" in text
    assert "+77071234567" in text
    assert "Intercom 15 & call #2" in text
    # The email stays in the stored inquiry; WhatsApp gets name, phone, address and items (P08).
    assert inquiry.email == VALID["email"]
    assert VALID["email"] not in text and "@" not in text
    assert '<svg class="qr"' in html  # desktop: QR code drawn on the server
    assert 'id="whatsapp-message"' in html
    assert "data:" not in html.split('<svg class="qr"')[1].split("</svg>")[0]


@pytest.mark.promise("P08")
def test_submitting_sends_no_personal_data_to_analytics(client, shop):
    fill_basket(client, shop)
    token = form_token(client)
    with mock.patch("storefront.checkout.views.capture_event") as capture:
        client.post("/en/checkout/", {**VALID, "token": token})

    (request, event, properties), _kwargs = capture.call_args
    assert event == "checkout_submitted"
    assert set(properties) == {"item_count", "total", "currency", "language"}
    flat = repr(properties)
    for personal in ("Aigerim", "Nurlanovna", "aigerim@", "707", "Abay", "050000"):
        assert personal not in flat


@pytest.mark.promise("P08")
def test_whatsapp_opened_is_counted_without_personal_data(client, shop):
    fill_basket(client, shop)
    client.post("/en/checkout/", {**VALID, "token": form_token(client)})
    inquiry = Inquiry.objects.get()
    with mock.patch("storefront.checkout.views.capture_event") as capture:
        response = client.post(f"/en/checkout/done/{inquiry.reference}/opened/")

    assert response.status_code == 204
    (_request, event, properties), _kwargs = capture.call_args
    assert event == "whatsapp_opened"
    assert "Aigerim" not in repr(properties)


@pytest.mark.promise("P02")
@pytest.mark.hardening("H15")
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"first_name": ""}, "first_name", "This field is required."),
        ({"email": "not-an-email"}, "email", "Enter a valid email address."),
        ({"phone": "12345"}, "phone", "Enter a valid phone number with its country code"),
        ({"phone": "+7 707 123"}, "phone", "Enter a valid phone number"),
        ({"postal_code": "0500"}, "postal_code", "Enter a postal code in the format used in"),
        ({"postal_code": "05000A"}, "postal_code", "Enter a postal code in the format used in"),
        ({"country": "XX"}, "country", "Select a valid choice."),
        ({"building_type": "castle"}, "building_type", "Select a valid choice."),
        ({"street": "x" * 201}, "street", "Ensure this value has at most 200 characters"),
        ({"instructions": "x" * 1001}, "instructions", "at most 1000 characters"),
        ({"city": ""}, "city", "This field is required."),
    ],
)
def test_each_field_is_validated_and_nothing_typed_is_lost(client, shop, changes, field, message):
    fill_basket(client, shop)
    data = {**VALID, **changes, "token": form_token(client)}

    response = client.post("/en/checkout/", data)

    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html  # the error sits next to its field
    assert 'value="Abay avenue 10, apt 5"' in html or field == "street"
    assert "Intercom 15 &amp; call #2" in html or field == "instructions"
    assert not Inquiry.objects.exists()
    assert len(client.get("/en/basket/").context["lines"]) == 2  # the basket survives


@pytest.mark.hardening("H15")
@pytest.mark.parametrize(
    ("country", "postal_code", "phone", "stored_phone"),
    [
        ("KZ", "050000", "87071234567", "+77071234567"),  # national format, read as Kazakh
        ("RU", "101000", "+7 912 345-67-89", "+79123456789"),
        ("DE", "10115", "+49 30 901820", "+4930901820"),
        ("GB", "SW1A 1AA", "+44 20 7946 0958", "+442079460958"),
        ("US", "94103-1234", "+1 415 555 2671", "+14155552671"),
        ("TR", "34000", "+90 212 555 12 34", "+902125551234"),
        ("AE", "", "+971 50 123 4567", "+971501234567"),
        ("NZ", "6011", "+64 21 123 4567", "+64211234567"),  # not listed: loose shape
    ],
)
def test_foreign_addresses_and_phone_numbers(
    client, shop, country, postal_code, phone, stored_phone
):
    fill_basket(client, shop)
    data = {**VALID, "country": country, "postal_code": postal_code, "phone": phone}

    response = client.post("/en/checkout/", {**data, "token": form_token(client)})

    assert response.status_code == 302, response.context["form"].errors
    inquiry = Inquiry.objects.get()
    assert inquiry.phone == stored_phone
    assert str(inquiry.country) == country


@pytest.mark.hardening("H15")
def test_kazakh_postal_code_must_have_six_digits(client, shop):
    fill_basket(client, shop)
    response = client.post(
        "/en/checkout/", {**VALID, "postal_code": "10115", "token": form_token(client)}
    )

    assert "postal_code" in response.context["form"].errors


def test_errors_are_in_the_shoppers_language(client, shop):
    fill_basket(client, shop, "kk")
    response = client.post(
        "/kk/checkout/", {**VALID, "phone": "12", "token": form_token(client, "kk")}
    )

    errors = " ".join(response.context["form"].errors["phone"])
    assert "Enter a valid" not in errors
    assert errors  # translated text


def test_double_submit_gives_one_inquiry(client, shop):
    fill_basket(client, shop)
    data = {**VALID, "token": form_token(client)}

    first = client.post("/en/checkout/", data)
    second = client.post("/en/checkout/", data)  # the basket is empty by now

    assert Inquiry.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_double_submit_from_another_tab_of_the_same_browser_is_one_inquiry(shop):
    first_tab = Client()
    fill_basket(first_tab, shop)
    data = {**VALID, "token": form_token(first_tab)}
    first_tab.post("/en/checkout/", data)
    session_cookie = first_tab.cookies

    other = Client()
    other.cookies = session_cookie
    response = other.post("/en/checkout/", data)

    assert Inquiry.objects.count() == 1
    assert response.status_code == 302


def test_a_new_checkout_after_the_first_is_a_new_inquiry(client, shop):
    fill_basket(client, shop)
    client.post("/en/checkout/", {**VALID, "token": form_token(client)})
    fill_basket(client, shop)
    client.post("/en/checkout/", {**VALID, "token": form_token(client)})

    assert Inquiry.objects.count() == 2


def test_empty_basket_goes_back_to_the_basket(client, shop):
    assert client.get("/en/checkout/")["Location"] == "/en/basket/"
    response = client.post("/en/checkout/", {**VALID, "token": "0" * 32})
    assert response["Location"] == "/en/basket/"
    assert not Inquiry.objects.exists()


@pytest.mark.promise("P04")
def test_signed_in_shopper_gets_prefill_and_can_save_the_address(client, shop):
    from storefront.accounts.services import add_address

    user = UserFactory(first_name="Dana", last_name="Serik", email="dana@example.com")
    add_address(
        user, label="Home", street="Dostyk 5", city="Almaty", postal_code="050010", country="KZ"
    )
    client.force_login(user)
    fill_basket(client, shop)

    form = client.get("/en/checkout/").context["form"]
    assert form.initial["first_name"] == "Dana"
    assert form.initial["email"] == "dana@example.com"
    assert form.initial["street"] == "Dostyk 5"

    client.post(
        "/en/checkout/",
        {**VALID, "street": "Tole bi 1", "save_address": "on", "token": form["token"].value()},
    )

    inquiry = Inquiry.objects.get()
    assert inquiry.user == user
    assert set(user.addresses.values_list("street", flat=True)) == {"Dostyk 5", "Tole bi 1"}


def test_phone_country_code_is_preselected_from_the_visitor_country(client, shop):
    fill_basket(client, shop)
    with mock.patch("storefront.checkout.views.visitor_country", return_value="DE"):
        form = client.get("/en/checkout/").context["form"]

    assert form.initial["phone"] == "+49 "
    assert form.initial["country"] == "DE"


@pytest.mark.hardening("H09")
@pytest.mark.hardening("H10")
def test_confirmation_is_only_for_the_browser_that_submitted(client, shop):
    fill_basket(client, shop)
    client.post("/en/checkout/", {**VALID, "token": form_token(client)})
    inquiry = Inquiry.objects.get()
    url = f"/en/checkout/done/{inquiry.reference}/"

    assert client.get(url).status_code == 200
    assert Client().get(url).status_code == 404
    other = Client()
    other.force_login(UserFactory())
    assert other.get(url).status_code == 404
    assert Client().post(f"{url}opened/").status_code == 404
    assert client.get("/en/checkout/done/NR-AAAAAA/").status_code == 404
    assert client.get(f"/en/checkout/done/{inquiry.pk}/").status_code == 404


@pytest.mark.hardening("H09")
def test_signed_in_owner_sees_their_inquiry_from_another_browser(shop):
    user = UserFactory()
    inquiry = InquiryFactory(user=user)
    client = Client()
    client.force_login(user)

    assert client.get(f"/en/checkout/done/{inquiry.reference}/").status_code == 200


def test_confirmation_is_not_cached(client, shop):
    fill_basket(client, shop)
    response = client.post("/en/checkout/", {**VALID, "token": form_token(client)})

    page = client.get(response["Location"])

    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]


@pytest.mark.hardening("H11")
def test_checkout_needs_csrf(shop):
    client = Client(enforce_csrf_checks=True)
    fill_basket(client, shop)  # refused too: no token

    assert client.post("/en/checkout/", VALID).status_code == 403


def test_without_a_whatsapp_number_the_page_says_so(client, shop):
    operator = OperatorSettings.for_site(Site.objects.get(is_default_site=True))
    operator.whatsapp_number = ""
    operator.save()
    fill_basket(client, shop)
    response = client.post("/en/checkout/", {**VALID, "token": form_token(client)})

    html = client.get(response["Location"]).content.decode()

    assert "wa.me" not in html
    assert "WhatsApp ordering is not available right now" in html
