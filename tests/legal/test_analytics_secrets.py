"""H40: no analytics on pages whose address carries a secret or reference, and no such path in
any event."""

import json
import re

import pytest
from django.core import mail

from analytics.client import _before_send, scrub_url
from storefront.checkout.services import remember_reference
from tests.factories.accounts import VerifiedUserFactory
from tests.factories.checkout import InquiryFactory

from .conftest import US_IPV4
from .fake_posthog import RecordingPostHog

KEY = "phc_testkey"
PH_COOKIE = f"ph_{KEY}_posthog"

pytestmark = pytest.mark.hardening("H40")


@pytest.fixture
def analytics_on(settings, cookie_groups, site_pages):
    settings.POSTHOG_KEY = KEY
    settings.POSTHOG_HOST = "https://eu.i.posthog.com"


def has_analytics(html: str) -> bool:
    return "js/analytics.js" in html or "nera-analytics-config" in html


def inquiry_of(client) -> str:
    inquiry = InquiryFactory()
    session = client.session
    remember_reference(session, inquiry.reference)
    session.save()
    return inquiry.reference


def reset_key_path(client) -> str:
    VerifiedUserFactory(email="shopper@example.com")
    client.post("/en/account/password/reset/", {"email": "shopper@example.com"})
    (message,) = mail.outbox
    return re.search(r"https?://[^/\s]+(/en/account/password/reset/key/\S+/)", message.body)[1]


def test_pages_with_a_key_or_reference_load_no_analytics(client, analytics_on):
    # A visitor outside the opt-in region: analytics is on by default everywhere else.
    assert has_analytics(client.get("/en/", REMOTE_ADDR=US_IPV4).content.decode())
    reference = inquiry_of(client)
    pages = [
        f"/en/checkout/done/{reference}/",
        "/en/account/confirm-email/MQ:1xSecretKey:abcdef/",
        reset_key_path(client),
        "/ru/account/confirm-email/MQ:1xSecretKey:abcdef/",
    ]
    for path in pages:
        response = client.get(path, REMOTE_ADDR=US_IPV4, follow=True)  # reset: to its form
        assert response.status_code == 200, path
        assert not has_analytics(response.content.decode()), path


def test_server_side_events_never_carry_the_reference(client, analytics_on, settings):
    reference = inquiry_of(client)
    done = f"http://testserver/en/checkout/done/{reference}/"
    client.cookies[PH_COOKIE] = json.dumps({"distinct_id": "0192anonymous-visitor"})
    with RecordingPostHog() as fake:
        settings.POSTHOG_HOST = fake.url
        settings.POSTHOG_TIMEOUT = 0.5
        response = client.post(
            f"/en/checkout/done/{reference}/opened/", REMOTE_ADDR=US_IPV4, HTTP_REFERER=done
        )
        assert response.status_code == 204
        (event,) = fake.wait_for_events(1)

    assert event["event"] == "whatsapp_opened"
    properties = event["properties"]
    assert properties["$current_url"] == "http://testserver/en/checkout/done/:reference/opened/"
    assert properties["$referrer"] == "http://testserver/en/checkout/done/:reference/"
    assert reference not in b"".join(fake.raw).decode()


@pytest.mark.parametrize(
    ("url", "scrubbed"),
    [
        (
            "https://shop.example.com/en/account/confirm-email/MQ:1x:abc/?next=/x#y",
            "https://shop.example.com/en/account/confirm-email/:key/",
        ),
        (
            "https://shop.example.com/kk/account/password/reset/key/1-set-password/",
            "https://shop.example.com/kk/account/password/reset/key/:key/",
        ),
        (
            "https://shop.example.com/ru/checkout/done/NR-7K2P-9QXA/opened/",
            "https://shop.example.com/ru/checkout/done/:reference/opened/",
        ),
        ("/en/checkout/done/NR-7K2P-9QXA/", "/en/checkout/done/:reference/"),
        (
            "https://shop.example.com/en/shop/rings/?page=2",
            "https://shop.example.com/en/shop/rings/",
        ),
    ],
)
def test_every_url_property_of_an_event_is_scrubbed(url, scrubbed):
    assert scrub_url(url) == scrubbed
    event = _before_send(
        {
            "event": "x",
            "properties": {key: url for key in ("$current_url", "$referrer", "$pathname")},
        }
    )
    assert {event["properties"][key] for key in ("$current_url", "$referrer", "$pathname")} == {
        scrubbed
    }


def test_the_browser_gets_the_same_list_of_secret_paths(client, analytics_on):
    html = client.get("/en/", REMOTE_ADDR=US_IPV4).content.decode()
    config = json.loads(
        re.search(r'id="nera-analytics-config" type="application/json">(.*?)</script>', html)[1]
    )
    patterns = [re.compile(pattern) for pattern, _replacement in config["secretPaths"]]
    assert any(p.match("/en/account/confirm-email/MQ:1x:abc/") for p in patterns)
    assert any(p.match("/kk/account/password/reset/key/1-abc/") for p in patterns)
    assert any(p.match("/ru/checkout/done/NR-7K2P-9QXA/") for p in patterns)
    assert not any(p.match("/en/shop/") for p in patterns)
