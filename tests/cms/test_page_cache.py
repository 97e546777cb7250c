"""The page cache serves anonymous visitors fast without ever mixing up what is personal."""

import re

import pytest
from django.test import Client

from tests.factories.accounts import UserFactory
from tests.factories.checkout import build_shop

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CONTENT_MEMORY = True
    settings.PAGE_CACHE_STAMP = str(tmp_path / "page-cache.stamp")


@pytest.fixture
def shop(site_pages):
    return build_shop(site_pages, translate=False)


def fresh_client() -> Client:
    return Client(enforce_csrf_checks=True)


def basket_count(response) -> str:
    return re.search(r'class="basket-count"[^>]*>(\d+)<', response.content.decode()).group(1)


def test_an_anonymous_page_is_stored_once_and_then_served_from_the_cache(shop):
    url = shop["ring"].url

    first = fresh_client().get(url)
    second = fresh_client().get(url)

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert "Silver ring" in second.content.decode()
    assert "Cookie" in second["Vary"]


def test_each_visitor_gets_their_own_csrf_token_and_the_forms_work_without_javascript(shop):
    url = shop["ring"].url
    first, second = fresh_client(), fresh_client()

    stored = first.get(url)
    served = second.get(url)

    assert served["X-Page-Cache"] == "hit"
    first_tokens = set(TOKEN.findall(stored.content.decode()))
    second_tokens = set(TOKEN.findall(served.content.decode()))
    assert second_tokens and not first_tokens & second_tokens
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert "__NERA_CSRF_TOKEN__" not in served.content.decode()
    # The second visitor adds to the basket with the token from the cached page (no JavaScript).
    response = second.post(
        "/en/basket/add/",
        {
            "csrfmiddlewaretoken": second_tokens.pop(),
            "product": shop["ring"].pk,
            "variant": "RING-17",
            "quantity": 2,
        },
    )
    assert response.status_code == 302
    assert basket_count(second.get(url)) == "2"
    # The first visitor's token does not work with the second visitor's cookie.
    refused = second.post(
        "/en/basket/add/",
        {"csrfmiddlewaretoken": first_tokens.pop(), "product": shop["box"].pk, "quantity": 1},
    )
    assert refused.status_code == 403


def test_a_shopper_with_a_basket_never_gets_the_empty_basket_page_and_never_leaks_theirs(shop):
    url = shop["box"].url
    shopper = Client()
    shopper.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": 3})
    shopper.get("/en/basket/")  # any message about the add is shown and gone
    assert "messages" not in shopper.cookies or not shopper.cookies["messages"].value

    stranger_before = fresh_client().get(url)  # stores the page with an empty basket
    mine = shopper.get(url)
    stranger_after = fresh_client().get(url)

    assert basket_count(stranger_before) == "0"
    assert basket_count(mine) == "3"
    assert "X-Page-Cache" not in mine
    assert stranger_after["X-Page-Cache"] == "hit"
    assert basket_count(stranger_after) == "0"


def test_sign_in_state_is_never_shared(shop):
    url = shop["ring"].url
    user = UserFactory()
    member = Client()
    member.force_login(user)

    signed_in = member.get(url)  # rendered for the member: must not be stored
    stranger = fresh_client().get(url)
    member_again = member.get(url)

    assert "Sign out" in signed_in.content.decode()
    assert stranger["X-Page-Cache"] == "miss"
    assert "Sign out" not in stranger.content.decode()
    assert "Sign in" in stranger.content.decode()
    assert "Sign out" in member_again.content.decode()
    assert "X-Page-Cache" not in member_again


def test_messages_are_shown_to_their_visitor_only(shop, settings):
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
    url = shop["ring"].url
    visitor = Client()
    fresh_client().get(url)  # the page is stored

    # An unknown product makes the basket add a message, kept in a cookie until shown.
    visitor.post("/en/basket/add/", {"product": 999999, "quantity": 1})
    with_message = visitor.get(url)
    stranger = fresh_client().get(url)

    assert "no longer available" in with_message.content.decode()
    assert "X-Page-Cache" not in with_message
    assert stranger["X-Page-Cache"] == "hit"
    assert "no longer available" not in stranger.content.decode()


# The elements, not the class names (the inline stylesheet names them too).
BANNER = '<section class="consent-banner"'
NOTICE = '<section class="consent-notice"'


def test_consent_banner_follows_each_visitors_jurisdiction_and_choice(shop, settings):
    settings.POSTHOG_KEY = "phc_test"
    settings.COUNTRY_HEADER = "CF-IPCountry"
    url = shop["ring"].url

    eu = fresh_client().get(url, HTTP_CF_IPCOUNTRY="DE")
    kz = fresh_client().get(url, HTTP_CF_IPCOUNTRY="KZ")
    eu_again = fresh_client().get(url, HTTP_CF_IPCOUNTRY="FR")
    kz_again = fresh_client().get(url, HTTP_CF_IPCOUNTRY="KZ")

    assert BANNER in eu.content.decode()
    assert BANNER not in kz.content.decode()
    assert NOTICE in kz.content.decode()
    assert eu_again["X-Page-Cache"] == "hit"
    assert BANNER in eu_again.content.decode()
    assert kz_again["X-Page-Cache"] == "hit"
    assert NOTICE in kz_again.content.decode()
    assert BANNER not in kz_again.content.decode()


def test_publishing_a_change_is_shown_at_once(shop):
    url = shop["ring"].url
    fresh_client().get(url)
    assert fresh_client().get(url)["X-Page-Cache"] == "hit"

    ring = shop["ring"]
    ring.title = "Golden ring"
    ring.save_revision().publish()
    after = fresh_client().get(url)

    assert after["X-Page-Cache"] == "miss"
    assert "Golden ring" in after.content.decode()


def test_unpublishing_a_product_removes_it_from_the_cached_listing(shop):
    listing = "/en/shop/"
    assert "Gift box" in fresh_client().get(listing).content.decode()
    assert fresh_client().get(listing)["X-Page-Cache"] == "hit"

    shop["box"].unpublish()

    assert "Gift box" not in fresh_client().get(listing).content.decode()
    assert fresh_client().get(shop["box"].url).status_code == 404


def test_a_stock_change_is_shown_at_once(shop):
    url = shop["ring"].url
    assert "Sold out" not in fresh_client().get(url).content.decode()
    assert fresh_client().get(url)["X-Page-Cache"] == "hit"

    variant = shop["ring_variant"]
    variant.stock = 0
    variant.save()
    after = fresh_client().get(url)

    assert after["X-Page-Cache"] == "miss"
    assert "Sold out" in after.content.decode()


def test_languages_are_cached_apart(shop):
    english = fresh_client().get("/en/")
    russian = fresh_client().get("/ru/")
    russian_again = fresh_client().get("/ru/")

    assert english["Content-Language"] == "en"
    assert russian_again["X-Page-Cache"] == "hit"
    assert russian_again["Content-Language"] == "ru"
    assert 'lang="ru"' in russian_again.content.decode()
    assert russian.content.decode().count("<html") == 1


def test_the_cache_can_be_switched_off(shop, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = shop["ring"].url

    fresh_client().get(url)

    assert "X-Page-Cache" not in fresh_client().get(url)
