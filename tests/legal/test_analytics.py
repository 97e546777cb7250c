import json
import time

import pytest
from django.test import Client

from analytics.client import _client, scrub_properties
from tests.factories.accounts import UserFactory
from tests.factories.checkout import CHECKOUT_FORM

from .conftest import EU_IPV4, US_IPV4
from .fake_posthog import QUICK, STALL, HangingServer, RecordingPostHog, refusing_url

KEY = "phc_testkey"
PH_COOKIE = f"ph_{KEY}_posthog"


@pytest.fixture
def posthog_at(settings, cookie_groups):
    def configure(url, timeout=0.5):
        settings.POSTHOG_KEY = KEY
        settings.POSTHOG_HOST = url
        settings.POSTHOG_TIMEOUT = timeout

    return configure


def browser_cookie(client, distinct_id="0192anonymous-visitor"):
    client.cookies[PH_COOKIE] = json.dumps({"distinct_id": distinct_id})


FUNNEL = ["basket_add", "checkout_submitted", "whatsapp_opened"]


def events_of(events: list[dict], distinct_id: str) -> list[str]:
    return sorted(event["event"] for event in events if event["distinct_id"] == distinct_id)


@pytest.mark.promise("P12")
@pytest.mark.hardening("H26")
def test_events_carry_the_browser_id_and_nothing_personal(client, posthog_at, shop_funnel):
    with RecordingPostHog() as fake:
        posthog_at(fake.url)
        browser_cookie(client)
        shop_funnel(client, REMOTE_ADDR=US_IPV4)
        events = fake.wait_for_events(3)

    assert sorted(event["event"] for event in events) == FUNNEL
    assert {event["distinct_id"] for event in events} == {"0192anonymous-visitor"}
    submitted = next(event for event in events if event["event"] == "checkout_submitted")
    assert submitted["properties"]["item_count"] == 2
    assert submitted["properties"]["$process_person_profile"] is False
    raw = b"".join(fake.raw).decode()
    typed = (
        CHECKOUT_FORM["email"],
        CHECKOUT_FORM["first_name"],
        CHECKOUT_FORM["last_name"],
        CHECKOUT_FORM["street"],
        "+77071234567",
        CHECKOUT_FORM["phone"],
    )
    for value in typed + (US_IPV4,):
        assert value not in raw
    for forbidden in ('"email"', '"phone"', '"city"', '"first_name"', '"$ip"', '"$set"'):
        assert forbidden not in raw


@pytest.mark.promise("P15")
def test_signed_in_shopper_is_known_by_the_opaque_analytics_id(client, posthog_at, shop_funnel):
    user = UserFactory(email="aigerim@example.com")
    client.force_login(user)
    with RecordingPostHog() as fake:
        posthog_at(fake.url)
        browser_cookie(client)
        shop_funnel(client, REMOTE_ADDR=US_IPV4)
        events = fake.wait_for_events(3)
    assert sorted(event["event"] for event in events) == FUNNEL
    assert {event["distinct_id"] for event in events} == {str(user.analytics_id)}
    raw = b"".join(fake.raw).decode()
    assert user.email not in raw
    assert f'"distinct_id": "{user.pk}"' not in raw


@pytest.mark.promise("P16")
@pytest.mark.hardening("H26")
def test_nothing_is_sent_without_consent(client, posthog_at, shop_funnel):
    with RecordingPostHog() as fake:
        posthog_at(fake.url)
        browser_cookie(client, "eu-visitor")
        shop_funnel(client, REMOTE_ADDR=EU_IPV4)  # EU, no choice yet
        browser_cookie(client, "unknown-visitor")
        shop_funnel(client, REMOTE_ADDR="127.0.0.1")  # unknown counts as EU
        # The control: the same funnel from outside the opt-in region is sent. Events leave in
        # the order they were queued, so once the control's arrive, any earlier ones had too.
        control = Client()
        browser_cookie(control, "control-visitor")
        shop_funnel(control, REMOTE_ADDR=US_IPV4)
        events = fake.wait_for_events(3)
    assert events_of(events, "control-visitor") == FUNNEL
    assert events_of(events, "eu-visitor") == []
    assert events_of(events, "unknown-visitor") == []


@pytest.mark.promise("P17")
@pytest.mark.promise("P28")
@pytest.mark.hardening("H26")
def test_opt_out_stops_server_side_events(client, posthog_at, shop_funnel):
    with RecordingPostHog() as fake:
        posthog_at(fake.url)
        browser_cookie(client, "declined-visitor")
        client.cookies["nera_consent"] = "analytics=-1"
        shop_funnel(client, REMOTE_ADDR=US_IPV4)
        control = Client()
        browser_cookie(control, "control-visitor")
        shop_funnel(control, REMOTE_ADDR=US_IPV4)
        events = fake.wait_for_events(3)
    assert events_of(events, "control-visitor") == FUNNEL
    assert events_of(events, "declined-visitor") == []


@pytest.mark.hardening("H28")
def test_the_test_run_has_no_analytics_key(client, cookie_groups, shop_funnel):
    """With the test settings as they are, a shopper's whole funnel creates no PostHog client
    and pages carry no PostHog snippet: nothing could be sent anywhere."""
    browser_cookie(client)
    shop_funnel(client, REMOTE_ADDR=US_IPV4)
    html = client.get("/en/", REMOTE_ADDR=US_IPV4).content.decode()
    assert _client.cache_info().currsize == 0
    assert "posthog" not in html.lower()


@pytest.mark.hardening("H34")
@pytest.mark.hardening("H28")
@pytest.mark.parametrize("kind", ["refuses", "hangs"])
def test_dead_posthog_never_slows_a_request(client, posthog_at, shop_funnel, caplog, kind):
    # Warm up the process (URL conf, GeoIP data) without analytics, so only PostHog is measured.
    shop_funnel(Client(), REMOTE_ADDR=US_IPV4)
    if kind == "refuses":
        timings = _timed_funnels(client, posthog_at, shop_funnel, refusing_url())
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and "PostHog upload failed" not in caplog.text:
            time.sleep(0.05)
        assert "PostHog upload failed" in caplog.text  # the client did try, off the request
    else:
        with HangingServer() as hanging:
            timings = _timed_funnels(client, posthog_at, shop_funnel, hanging.url, timeout=STALL)
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and not hanging.connections:
                time.sleep(0.05)
            assert hanging.connections  # the client did try, off the request
    # Each funnel queues three events; the posthog client sends them on its own thread, so the
    # shopper's requests answer as if analytics were not there. Sent in the request, the hanging
    # host would cost 3 x STALL per funnel.
    assert max(timings) < QUICK, timings


def _timed_funnels(client, posthog_at, shop_funnel, url, timeout=0.5):
    posthog_at(url, timeout)
    timings = []
    for _ in range(3):
        browser_cookie(client)
        started = time.perf_counter()
        shop_funnel(client, REMOTE_ADDR=US_IPV4)
        timings.append(time.perf_counter() - started)
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
