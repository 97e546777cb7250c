import json
import time

import pytest

from analytics.client import scrub_properties
from tests.factories.accounts import UserFactory

from .conftest import EU_IPV4, US_IPV4
from .fake_posthog import HangingServer, RecordingPostHog, refusing_url

KEY = "phc_testkey"
PH_COOKIE = f"ph_{KEY}_posthog"
PERSONAL = ("shopper@example.com", "+77070000000", "Almaty", "Aigerim", "+7 707 000 0000")

pytestmark = pytest.mark.urls("tests.legal.capture_urls")


@pytest.fixture
def posthog_at(settings, cookie_groups):
    def configure(url):
        settings.POSTHOG_KEY = KEY
        settings.POSTHOG_HOST = url
        settings.POSTHOG_TIMEOUT = 0.5

    return configure


def browser_cookie(client, distinct_id="0192anonymous-visitor"):
    client.cookies[PH_COOKIE] = json.dumps({"distinct_id": distinct_id})


@pytest.mark.promise("P12")
@pytest.mark.hardening("H26")
def test_events_carry_the_browser_id_and_nothing_personal(client, posthog_at):
    with RecordingPostHog() as fake:
        posthog_at(fake.url)
        browser_cookie(client)
        assert client.get("/checkout-like/", REMOTE_ADDR=US_IPV4).status_code == 200
        events = fake.wait_for_events(3)

    assert sorted(event["event"] for event in events) == [
        "basket_add",
        "checkout_submitted",
        "whatsapp_opened",
    ]
    assert {event["distinct_id"] for event in events} == {"0192anonymous-visitor"}
    submitted = next(event for event in events if event["event"] == "checkout_submitted")
    assert submitted["properties"]["items"] == 2
    assert submitted["properties"]["$process_person_profile"] is False
    raw = b"".join(fake.raw).decode()
    for value in PERSONAL + (US_IPV4,):
        assert value not in raw
    for forbidden in ('"email"', '"phone"', '"city"', '"first_name"', '"$ip"', '"$set"'):
        assert forbidden not in raw


@pytest.mark.promise("P15")
def test_signed_in_shopper_is_known_by_the_opaque_analytics_id(client, posthog_at):
    user = UserFactory(email="aigerim@example.com")
    client.force_login(user)
    with RecordingPostHog() as fake:
        posthog_at(fake.url)
        browser_cookie(client)
        client.get("/checkout-like/", REMOTE_ADDR=US_IPV4)
        events = fake.wait_for_events(3)
    assert {event["distinct_id"] for event in events} == {str(user.analytics_id)}
    raw = b"".join(fake.raw).decode()
    assert user.email not in raw
    assert f'"distinct_id": "{user.pk}"' not in raw


@pytest.mark.promise("P16")
@pytest.mark.hardening("H26")
def test_nothing_is_sent_without_consent(client, posthog_at):
    with RecordingPostHog() as fake:
        posthog_at(fake.url)
        browser_cookie(client)
        client.get("/checkout-like/", REMOTE_ADDR=EU_IPV4)  # EU, no choice yet
        client.get("/checkout-like/", REMOTE_ADDR="127.0.0.1")  # unknown counts as EU
        time.sleep(1.0)
    assert fake.payloads == []


@pytest.mark.promise("P17")
@pytest.mark.promise("P28")
@pytest.mark.hardening("H26")
def test_opt_out_stops_server_side_events(client, posthog_at, settings):
    with RecordingPostHog() as fake:
        posthog_at(fake.url)
        browser_cookie(client)
        client.cookies["nera_consent"] = "analytics=-1"
        client.get("/checkout-like/", REMOTE_ADDR=US_IPV4)
        time.sleep(1.0)
    assert fake.payloads == []


def test_no_key_no_client(client, settings, cookie_groups):
    settings.POSTHOG_KEY = ""
    browser_cookie(client)
    from analytics.client import _client

    client.get("/checkout-like/", REMOTE_ADDR=US_IPV4)
    assert _client.cache_info().currsize == 0


@pytest.mark.hardening("H34")
@pytest.mark.hardening("H28")
@pytest.mark.parametrize("kind", ["refuses", "hangs"])
def test_dead_posthog_never_slows_a_request(client, posthog_at, caplog, kind):
    browser_cookie(client)
    # Warm up the process (URL conf, GeoIP data) without analytics, so only PostHog is measured.
    client.get("/checkout-like/", REMOTE_ADDR=US_IPV4)
    browser_cookie(client)  # that response expired it: no analytics was configured yet
    if kind == "refuses":
        timings = _timed_requests(client, posthog_at, refusing_url())
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and "PostHog upload failed" not in caplog.text:
            time.sleep(0.05)
        assert "PostHog upload failed" in caplog.text  # the client did try, off the request
    else:
        with HangingServer() as hanging:
            timings = _timed_requests(client, posthog_at, hanging.url)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and not hanging.connections:
                time.sleep(0.05)
            assert hanging.connections  # the client did try, off the request
    # Three events per request are queued; the posthog client sends them on its own thread
    # with a 0.5 s timeout, so each request answers as if analytics were not there.
    assert max(timings) < 0.5, timings


def _timed_requests(client, posthog_at, url):
    posthog_at(url)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get("/checkout-like/", REMOTE_ADDR=US_IPV4)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    return timings


@pytest.mark.promise("P12")
def test_scrub_drops_personal_names_and_values():
    clean = scrub_properties(
        {
            "email": "a@b.kz",
            "customer_name": "Aigerim",
            "note": "write to a@b.kz",
            "ref": "+7 (707) 000-00-00",
            "from": "95.56.187.203",
            "nested": {"x": 1},
            "plan": "gold",
            "count": 3,
        }
    )
    assert clean == {"plan": "gold", "count": 3}


@pytest.mark.hardening("H28")
def test_the_test_run_has_no_analytics_key(settings, rf, db):
    """Without an explicit loopback host from a test, nothing could be sent anywhere."""
    from analytics.client import analytics_config

    assert settings.POSTHOG_KEY == ""
    assert analytics_config(rf.get("/en/")) is None


@pytest.mark.promise("P12")
def test_scrub_keeps_the_funnel_properties_of_basket_and_checkout():
    funnel = {
        "item_count": 3,
        "total": "24000.00",
        "currency": "KZT",
        "language": "ru",
        "quantity": 2,
        "basket_count": 5,
        "shipping_cost": "1500.00",
    }
    assert scrub_properties(funnel) == funnel
    assert scrub_properties({"ip": "x", "client_ip": "y", "zip": "050000", "phone_no": "1"}) == {}
    assert scrub_properties({"ref": "77070000000", "when": "2026-11-25T10:00:00"}) == {
        "when": "2026-11-25T10:00:00"
    }
