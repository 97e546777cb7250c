"""Anti-spam on the public forms: honeypot, timing token, rate limits, records only when it fires
(P05, P11, H37, H38)."""

from __future__ import annotations

import pickle
import secrets
import time

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client

from legal.antispam import services
from legal.antispam.models import SpamRecord
from storefront.accounts.models import User
from storefront.checkout.models import Inquiry
from tests.factories.accounts import VerifiedUserFactory
from tests.storefront.accounts.conftest import LOGIN_URL, SIGNUP_URL, signup_data
from tests.storefront.checkout.test_checkout import VALID, fill_basket, form_token, shop  # noqa: F401

pytestmark = pytest.mark.django_db

BOT_IP = "95.56.187.203"
NAT_IP = "178.89.12.34"
BOT_AGENT = "curl/8.4.0"


@pytest.fixture(autouse=True)
def protections_on(settings):
    settings.ANTISPAM_FORM_CHECKS = True
    settings.RATELIMIT_ENABLE = True
    settings.ANTISPAM_MIN_SECONDS = 2


def aged_token(seconds: float = 5.0) -> str:
    """A token as if the form had been shown `seconds` ago (what a person's browser sends)."""
    payload = {"n": secrets.token_urlsafe(12), "t": time.time() - seconds}
    return signing.dumps(payload, salt=services._TOKEN_SALT)  # noqa: SLF001


def shopper(ip: str = NAT_IP) -> Client:
    return Client(REMOTE_ADDR=ip, HTTP_USER_AGENT=BOT_AGENT)


def checkout(client: Client, **overrides) -> object:
    data = {**VALID, "token": form_token(client), "form_started": aged_token(), **overrides}
    return client.post("/en/checkout/", data)


@pytest.mark.promise("P11")
def test_a_bot_filling_the_honeypot_is_stopped_and_recorded(shop):  # noqa: F811
    client = shopper(BOT_IP)
    fill_basket(client, shop)

    response = checkout(client, website="http://spam.example")

    assert response.status_code == 200
    body = response.content.decode()
    assert "Something went wrong while sending the form" in body
    assert VALID["street"] in body and VALID["email"] in body  # what was typed is kept
    assert not Inquiry.objects.exists()
    record = SpamRecord.objects.get()
    assert (record.form, record.reason) == ("checkout", "honeypot")
    assert (record.ip, record.email, record.user_agent) == (BOT_IP, VALID["email"], BOT_AGENT)


@pytest.mark.promise("P11")
def test_a_signup_sent_faster_than_a_person_types_is_refused(client):
    response = client.post(
        SIGNUP_URL, {**signup_data(), "form_started": services.issue_token()}, REMOTE_ADDR=BOT_IP
    )
    assert response.status_code == 200
    assert not User.objects.exists()
    assert SpamRecord.objects.get().reason == "too_fast"
    assert 'value="Aigerim"' in response.content.decode()


@pytest.mark.promise("P11")
def test_a_replayed_token_is_refused(shop):  # noqa: F811
    client = shopper()
    fill_basket(client, shop)
    token = aged_token()
    assert checkout(client, form_started=token).status_code == 302

    fill_basket(client, shop)
    response = checkout(client, form_started=token, email="other@example.com")

    assert response.status_code == 200
    assert Inquiry.objects.count() == 1
    assert SpamRecord.objects.get().reason == "replayed"


@pytest.mark.promise("P11")
def test_a_form_without_a_token_is_refused_on_login(client):
    user = VerifiedUserFactory(email="dana@example.com")
    response = client.post(LOGIN_URL, {"login": user.email, "password": "x"}, REMOTE_ADDR=BOT_IP)
    assert response.status_code == 200
    assert SpamRecord.objects.get().reason == "token_missing"


@pytest.mark.promise("P05")
@pytest.mark.promise("P11")
def test_a_normal_shopper_passes_and_leaves_no_record(shop):  # noqa: F811
    client = shopper()
    fill_basket(client, shop)
    page = client.get("/en/checkout/").content.decode()
    assert 'name="website"' in page and 'name="form_started"' in page

    assert checkout(client).status_code == 302
    signup = {**signup_data(), "form_started": aged_token()}
    assert Client(REMOTE_ADDR=NAT_IP).post(SIGNUP_URL, signup).status_code == 302

    assert Inquiry.objects.count() == 1 and User.objects.count() == 1
    assert not SpamRecord.objects.exists()


@pytest.mark.promise("P11")
@pytest.mark.hardening("H37")
def test_a_burst_with_one_email_gets_429_with_retry_after_and_keeps_the_input(shop):  # noqa: F811
    client = shopper(BOT_IP)
    statuses = []
    for _ in range(6):  # the email's limit is 5 in 10 minutes
        fill_basket(client, shop)
        statuses.append(checkout(client).status_code)

    assert statuses == [302] * 5 + [429]
    fill_basket(client, shop)
    response = checkout(client)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    body = response.content.decode()
    assert "Too many attempts from here" in body and VALID["street"] in body
    assert SpamRecord.objects.filter(reason="rate_limit", form="checkout", ip=BOT_IP).count() == 2


@pytest.mark.promise("P11")
@pytest.mark.hardening("H37")
def test_a_burst_of_many_emails_from_one_address_is_stopped(shop, settings):  # noqa: F811
    settings.ANTISPAM_RATE_LIMITS = {
        "checkout": {"email": "5/10m", "session": "10/10m", "ip": "8/10m"}
    }
    statuses = []
    for number in range(10):
        client = shopper(BOT_IP)  # a new session and a new email each time
        fill_basket(client, shop)
        statuses.append(checkout(client, email=f"buyer{number}@example.com").status_code)
    assert statuses == [302] * 8 + [429, 429]
    assert SpamRecord.objects.filter(reason="rate_limit").count() == 2


@pytest.mark.hardening("H37")
def test_shoppers_behind_one_carrier_nat_are_not_blocked(shop):  # noqa: F811
    """Forty different shoppers checking out from one address within minutes, default limits."""
    for number in range(40):
        client = shopper(NAT_IP)
        fill_basket(client, shop)
        assert checkout(client, email=f"shopper{number}@example.com").status_code == 302
    assert Inquiry.objects.count() == 40
    assert not SpamRecord.objects.exists()


def cache_contents() -> list[str]:
    """Every key and value in the cache, as text (local memory or Redis)."""
    backend = cache._cache  # noqa: SLF001
    if isinstance(backend, dict):  # LocMemCache keeps pickled values
        return [f"{key} {pickle.loads(value)!r}" for key, value in backend.items()]  # noqa: S301
    client = backend.get_client()  # Django's RedisCache
    return [f"{key!r} {client.get(key)!r}" for key in client.keys("*")]


@pytest.mark.promise("P05")
@pytest.mark.hardening("H38")
def test_after_a_burst_the_cache_holds_no_ip_and_no_email(shop):  # noqa: F811
    cache.clear()
    user = VerifiedUserFactory(email="dana@example.com")
    for _ in range(7):  # failed logins: allauth's own limits, per address and per account
        shopper(BOT_IP).post(
            LOGIN_URL, {"login": user.email, "password": "wrong", "form_started": aged_token()}
        )
    client = shopper(BOT_IP)
    for _ in range(7):
        fill_basket(client, shop)
        checkout(client)
    shopper(BOT_IP).post(SIGNUP_URL, {**signup_data(), "form_started": aged_token()})

    contents = "\n".join(cache_contents())
    assert "allauth" in contents and "antispam" in contents  # the limits did count
    for secret in (
        BOT_IP,
        BOT_IP.replace(".", ""),
        user.email,
        VALID["email"],
        "aigerim@example.com",
    ):
        assert secret not in contents, secret


def test_keyed_ip_changes_every_day_and_groups_ipv6_households():
    from datetime import date

    assert services.keyed_ip("95.56.187.203", day=date(2026, 11, 26)) != services.keyed_ip(
        "95.56.187.203", day=date(2026, 11, 27)
    )
    assert services.keyed_ip("2a02:db8::1") == services.keyed_ip("2a02:db8::ffff")
    assert services.keyed_ip("2a02:db8::1") != services.keyed_ip("2a02:db8:0:1::1")
    assert "95.56" not in services.keyed_ip("95.56.187.203")


@pytest.mark.hardening("H08")
def test_spam_records_are_read_only_in_the_admin(admin_client):
    services.record(None, form="checkout", reason="honeypot", email="bot@example.com")
    assert admin_client.get("/admin/spam_records/").status_code == 200
    assert (
        "bot@example.com"
        in admin_client.get("/admin/spam_records/?reason=honeypot").content.decode()
    )
    assert admin_client.get("/admin/spam_records/new/").status_code in (302, 403)


@pytest.mark.promise("P11")
def test_the_api_checkout_has_the_forms_limits_and_records_a_burst(shop):  # noqa: F811
    """The storefront API checks out through the same form: same limits, same records."""
    import json

    def api_checkout(number: int):
        token = client.post("/api/store/v1/basket/token/", "{}", content_type="application/json")
        auth = {"HTTP_X_BASKET_TOKEN": token.json()["token"]}
        client.post(
            "/api/store/v1/basket/lines/",
            json.dumps({"product_id": shop["box"].pk, "quantity": 1}),
            content_type="application/json",
            **auth,
        )
        body = {key: VALID[key] for key in VALID}
        return client.post(
            "/api/store/v1/checkout/", json.dumps(body), content_type="application/json", **auth
        )

    client = Client(REMOTE_ADDR=BOT_IP)
    statuses = [api_checkout(number).status_code for number in range(6)]

    assert statuses == [201] * 5 + [429]  # the email's limit, as on the HTML form
    assert Inquiry.objects.count() == 5
    record = SpamRecord.objects.get()
    assert (record.reason, record.ip, record.email) == ("rate_limit", BOT_IP, VALID["email"])


@pytest.mark.promise("P24")
@pytest.mark.promise("P26")
def test_a_persons_spam_records_are_in_their_export_and_go_with_the_erasure():
    from legal.rights.services import erase_person, export_person, person_for_email

    services.record(None, form="signup", reason="too_fast", email="Aigerim@example.com")
    services.record(None, form="signup", reason="too_fast", email="someone@example.com")

    person = person_for_email("aigerim@example.com")
    records = export_person(person)["sections"]["legal.spam_records"]["records"]
    assert [(r["form"], r["email"]) for r in records] == [("signup", "Aigerim@example.com")]
    erase_person(person)
    assert list(SpamRecord.objects.values_list("email", flat=True)) == ["someone@example.com"]


@pytest.mark.promise("P11")
def test_the_api_address_book_works_with_the_protections_on():
    """A JSON client has no page to carry the honeypot or the token: the API checks limits only."""
    import json

    user = VerifiedUserFactory()
    client = Client()
    client.force_login(user)
    client.get("/api/store/v1/session/")
    address = {
        "label": "Home",
        "street": "Dostyk 5",
        "building_type": "apartment",
        "city": "Almaty",
        "region": "",
        "postal_code": "050010",
        "country": "KZ",
        "instructions": "",
    }
    response = client.post(
        "/api/store/v1/me/addresses/",
        json.dumps(address),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )
    assert response.status_code == 201, response.content
    assert not SpamRecord.objects.exists()
