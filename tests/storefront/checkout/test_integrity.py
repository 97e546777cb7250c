"""Checkout integrity: simultaneous submits, prices that change under the shopper (H42), lines
withdrawn in the shopper's language, and a guest's confirmation on a shared browser."""

import threading
from decimal import Decimal

import pytest
from django.test import Client
from wagtail.models import Site

from home.models import OperatorSettings
from legal.antispam.models import SpamRecord
from legal.antispam.services import TOKEN_FIELD, issue_token
from storefront.catalogue.models import ProductVariant
from storefront.checkout import services
from storefront.checkout.models import Inquiry
from tests.factories.accounts import PASSWORD, VerifiedUserFactory
from tests.factories.checkout import CHECKOUT_FORM, build_shop
from tests.factories.home import build_site

VALID = CHECKOUT_FORM


def make_shop():
    shop = build_shop(build_site())
    operator = OperatorSettings.for_site(Site.objects.get(is_default_site=True))
    operator.whatsapp_number = "+7 700 000 0000"
    operator.save()
    return shop


@pytest.fixture
def shop(db):
    return make_shop()


def fill_basket(client, shop, language="en"):
    client.post(
        f"/{language}/basket/add/",
        {"product": shop["ring"].pk, "variant": "RING-17", "quantity": 2},
    )
    client.post(f"/{language}/basket/add/", {"product": shop["box"].pk, "quantity": 1})


def checkout_form(client, language="en") -> dict:
    """What the checkout page's hidden fields carry, plus the shopper's details."""
    form = client.get(f"/{language}/checkout/").context["form"]
    return {
        **VALID,
        "token": form["token"].value(),
        # What the page showed (H42); absent on pages that do not carry it.
        "basket_version": form["basket_version"].value() if "basket_version" in form.fields else "",
    }


# Simultaneous submits -------------------------------------------------------------------------


@pytest.mark.hardening("H42")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("schedule", ["together", "one_first"])
def test_four_simultaneous_submits_of_one_form_create_one_inquiry(monkeypatch, schedule):
    """Four requests of the same browser and form token, all past the "already sent?" look-up
    before any of them stores anything. Then either all four go on at once ("together"), or
    one finishes while the other three wait ("one_first"), the two schedules a double-click on
    a busy server produces. Either way the database must let exactly one inquiry through."""
    shop = make_shop()
    browser = Client()
    fill_basket(browser, shop)
    data = checkout_form(browser)
    cookies = browser.cookies

    arrived = threading.Barrier(4)
    first_finished = threading.Event()
    real_lookup = services.recent_submission
    state = threading.local()

    def lookup_then_wait(token):
        found = real_lookup(token)
        if not getattr(state, "held", False):
            state.held = True
            state.first = arrived.wait(timeout=20) == 0
            if schedule == "one_first" and not state.first:
                first_finished.wait(timeout=20)
        return found

    monkeypatch.setattr("storefront.checkout.services.recent_submission", lookup_then_wait)
    responses, errors = [], []

    def submit():
        from django.db import connection

        tab = Client()
        tab.cookies = cookies
        try:
            responses.append(tab.post("/en/checkout/", data))
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            if getattr(state, "first", False):
                first_finished.set()
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)

    assert errors == []
    assert Inquiry.objects.count() == 1
    reference = Inquiry.objects.get().reference
    assert [r.status_code for r in responses] == [302] * 4
    assert {r["Location"] for r in responses} == {f"/en/checkout/done/{reference}/"}
    # The basket was sent: none of the four answers put it back into the session.
    assert browser.get("/en/basket/").context["lines"] == []


@pytest.mark.hardening("H42")
def test_a_double_click_with_the_spam_checks_on_shows_the_first_inquiry(client, shop, settings):
    """The anti-spam timing token is good for one submission, so the second click of a double
    click must find the first inquiry before the form is judged, not be refused as spam."""
    settings.ANTISPAM_FORM_CHECKS = True
    settings.ANTISPAM_MIN_SECONDS = 0
    fill_basket(client, shop)
    data = {**checkout_form(client), TOKEN_FIELD: issue_token()}

    first = client.post("/en/checkout/", data)
    second = client.post("/en/checkout/", data)

    reference = Inquiry.objects.get().reference
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/en/checkout/done/{reference}/"
    assert not SpamRecord.objects.exists()


# Changes under the shopper -------------------------------------------------------------------


@pytest.mark.hardening("H42")
def test_a_price_change_is_shown_and_confirmed_before_anything_is_stored(client, shop):
    fill_basket(client, shop)
    data = checkout_form(client)  # the page shows the ring at ₸12,500
    ProductVariant.objects.filter(sku="RING-17").update(
        price_override=Decimal("14000")
    )  # an editor

    response = client.post("/en/checkout/", data)

    assert response.status_code == 200
    assert not Inquiry.objects.exists()
    shown = [str(m) for m in response.context["messages"]]
    assert "The price of Silver ring (Size 17) changed from ₸12,500 to ₸14,000." in shown
    html = response.content.decode()
    assert "The price of Silver ring (Size 17) changed from ₸12,500 to ₸14,000." in html
    # What was typed is still there.
    form = response.context["form"]
    assert form["first_name"].value() == "Aigerim"
    assert form["street"].value() == "Abay avenue 10, apt 5"

    confirmed = client.post(
        "/en/checkout/", {**data, "basket_version": form["basket_version"].value()}
    )

    assert confirmed.status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.lines[0]["unit_price"] == "14000.00"
    assert inquiry.total == Decimal("31000.50")


@pytest.mark.hardening("H42")
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ru",
            "Цена товара «Серебряное кольцо (Размер 17)» изменилась: было 12\u00a0500\u00a0₸, стало 14\u00a0000\u00a0₸.",
        ),
        (
            "kk",
            "«Күміс сақина (17 өлшем)» бағасы өзгерді: 12\u00a0500\u00a0₸ болды, енді 14\u00a0000\u00a0₸.",
        ),
    ],
)
def test_the_price_change_is_told_in_the_shoppers_language(client, shop, language, expected):
    fill_basket(client, shop, language)
    data = checkout_form(client, language)
    ProductVariant.objects.filter(sku="RING-17").update(price_override=Decimal("14000"))

    response = client.post(f"/{language}/checkout/", data)

    assert expected in [str(m) for m in response.context["messages"]]
    assert not Inquiry.objects.exists()


@pytest.mark.hardening("H42")
def test_less_stock_is_shown_and_confirmed_before_anything_is_stored(client, shop):
    fill_basket(client, shop)  # two rings
    data = checkout_form(client)
    ProductVariant.objects.filter(sku="RING-17").update(stock=1)

    response = client.post("/en/checkout/", data)

    assert response.status_code == 200
    assert not Inquiry.objects.exists()
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "The quantity of Silver ring (Size 17) changed from 2 to 1." in shown
    assert response.context["form"]["email"].value() == "aigerim@example.com"

    version = response.context["form"]["basket_version"].value()
    client.post("/en/checkout/", {**data, "basket_version": version})

    assert Inquiry.objects.get().lines[0]["quantity"] == 1


def test_an_unchanged_basket_is_stored_at_the_first_submit(client, shop):
    fill_basket(client, shop)

    response = client.post("/en/checkout/", checkout_form(client))

    assert response.status_code == 302
    assert Inquiry.objects.get().total == Decimal("28000.50")


# Lines withdrawn in the shopper's language ----------------------------------------------------


def test_a_product_unpublished_in_the_shoppers_language_leaves_the_basket(client, shop):
    fill_basket(client, shop, "ru")
    shop["box"].get_translation(_locale("ru")).unpublish()

    basket = client.get("/ru/basket/")
    names = [line.name for line in basket.context["lines"]]
    shown = [str(m) for m in basket.context["messages"]]

    assert names == ["Серебряное кольцо"]  # not the English "Gift box" in its place
    assert "Товар «Подарочная коробка» больше недоступен и удалён из корзины." in shown
    client.post("/ru/checkout/", checkout_form(client, "ru"))
    inquiry = Inquiry.objects.get()
    assert [line["sku"] for line in inquiry.lines] == ["RING-17"]
    assert inquiry.total == Decimal("25000.00")


def test_an_unpublished_translation_leaves_the_basket_even_at_checkout(client, shop):
    fill_basket(client, shop, "kk")
    data = checkout_form(client, "kk")
    shop["box"].get_translation(_locale("kk")).unpublish()

    shown = client.post("/kk/checkout/", data)  # the change is shown first (H42)

    assert shown.status_code == 200
    assert not Inquiry.objects.exists()
    client.post("/kk/checkout/", checkout_form(client, "kk"))
    assert [line["sku"] for line in Inquiry.objects.get().lines] == ["RING-17"]


def _locale(code):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=code)


# A shared browser ---------------------------------------------------------------------------


def test_signing_in_forgets_the_guests_confirmation(client, shop):
    fill_basket(client, shop)
    done = client.post("/en/checkout/", checkout_form(client))["Location"]
    assert client.get(done).status_code == 200  # the guest who sent it sees it

    someone = VerifiedUserFactory(email="next@example.com")
    login = client.post("/en/account/login/", {"login": someone.email, "password": PASSWORD})
    assert login.status_code == 302

    assert client.get(done).status_code == 404


def test_a_signed_in_shopper_keeps_seeing_their_own_inquiries(client, shop):
    shopper = VerifiedUserFactory(email="owner@example.com")
    client.post("/en/account/login/", {"login": shopper.email, "password": PASSWORD})
    fill_basket(client, shop)
    done = client.post("/en/checkout/", checkout_form(client))["Location"]
    client.post("/en/account/logout/")
    client.post("/en/account/login/", {"login": shopper.email, "password": PASSWORD})

    assert client.get(done).status_code == 200
