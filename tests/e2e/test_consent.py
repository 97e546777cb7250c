"""Consent in a real browser (chromium): what cookies exist and what requests leave the page.

PostHog's hosts are routed to a stub inside the test: the assets host serves a tiny fake
array.js that records what our page configured and sets a ph_* cookie and storage key, like
posthog-js does; the API host records every request. Nothing leaves the machine.
"""

import json

import pytest
from django.test import Client

from home.models import HomePage
from legal.consent import ensure_cookie_groups
from tests.factories.accounts import UserFactory
from tests.factories.home import build_site

KEY = "phc_e2etest"
API = "https://eu.i.posthog.com"
ASSETS = "https://eu-assets.i.posthog.com"

FAKE_ARRAY_JS = """
(function () {
  var ph = window.posthog;
  var inits = (ph && ph._i) || [];
  var calls = [];
  for (var i = 0; ph && i < ph.length; i++) calls.push(Array.prototype.slice.call(ph[i]));
  inits.forEach(function (init) {
    var key = init[0], cfg = init[1] || {};
    var identified = null;
    calls.forEach(function (c) { if (c[0] === "identify") identified = c[1]; });
    var distinct = identified || "anon-e2e-visitor";
    var state = JSON.stringify({distinct_id: distinct});
    document.cookie = "ph_" + key + "_posthog=" + encodeURIComponent(state) + "; path=/";
    localStorage.setItem("ph_" + key + "_posthog", state);
    sessionStorage.setItem("ph_" + key + "_window_id", "window-1");
    var sample = typeof cfg.before_send === "function" ? cfg.before_send({
      event: "$pageview",
      properties: {email: "a@b.kz", plan: "gold", note: "call +7 707 000 0000",
                   total: "24000.00", customer_name: "Aigerim", $ip: "95.56.187.203",
                   $session_id: "0192f3a4-5b6c-7d8e-9f00-112233445566",
                   $current_url: location.href + "?token=secret"}
    }) : null;
    fetch(cfg.api_host + "/e/", {method: "POST", body: JSON.stringify({
      key: key, api_host: cfg.api_host, person_profiles: cfg.person_profiles,
      mask_all_text: cfg.mask_all_text, mask_all_element_attributes: cfg.mask_all_element_attributes,
      disable_session_recording: cfg.disable_session_recording,
      cross_subdomain_cookie: cfg.cross_subdomain_cookie,
      calls: calls, distinct_id: distinct, sample: sample && sample.properties
    })});
  });
})();
"""


class Visitor:
    """A browser context from one country with the PostHog hosts routed to the stub."""

    def __init__(self, browser, base_url, country):
        self.base_url = base_url
        self.context = browser.new_context(
            locale="en-US", extra_http_headers={"CF-IPCountry": country}
        )
        self.posthog_requests: list[str] = []
        self.events: list[dict] = []
        self.errors: list[str] = []
        self.context.on(
            "request",
            lambda request: (
                self.posthog_requests.append(request.url) if "posthog.com" in request.url else None
            ),
        )
        self.context.route(f"{ASSETS}/**", self._assets)
        self.context.route(f"{API}/**", self._api)
        self.page = self.context.new_page()
        self.page.on(
            "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
        )
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _assets(self, route):
        route.fulfill(
            status=200,
            content_type="application/javascript",
            headers={"Access-Control-Allow-Origin": "*"},
            body=FAKE_ARRAY_JS,
        )

    def _api(self, route):
        if route.request.post_data:
            self.events.append(json.loads(route.request.post_data))
        route.fulfill(
            status=200,
            content_type="application/json",
            headers={"Access-Control-Allow-Origin": "*"},
            body='{"status": 1}',
        )

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        return response

    def ph_cookies(self):
        return [
            cookie["name"] for cookie in self.context.cookies() if cookie["name"].startswith("ph_")
        ]

    def ph_storage(self):
        return self.page.evaluate(
            "() => Object.keys(localStorage).concat(Object.keys(sessionStorage))"
            ".filter(k => k.startsWith('ph_') || k.startsWith('__ph_'))"
        )

    def click_and_wait(self, name):
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=name, exact=True).first.click()
        self.page.wait_for_load_state("networkidle")

    def close(self):
        self.context.close()


@pytest.fixture
def shop(live_server, transactional_db, settings):
    settings.COUNTRY_HEADER = "CF-IPCountry"
    settings.POSTHOG_KEY = KEY
    settings.POSTHOG_HOST = API
    build_site()
    ensure_cookie_groups()
    return live_server.url


@pytest.fixture
def visitor(browser, shop):
    made = []

    def make(country):
        made.append(Visitor(browser, shop, country))
        return made[-1]

    yield make
    for item in made:
        item.close()


@pytest.mark.promise("P16")
@pytest.mark.promise("P06")
@pytest.mark.hardening("H21")
@pytest.mark.hardening("H22")
def test_eu_visitor_has_no_analytics_until_accept(visitor):
    eu = visitor("DE")
    assert eu.goto("/en/").status == 200
    banner = eu.page.locator(".consent-banner")
    assert banner.is_visible()
    kinds = banner.locator("button").evaluate_all(
        "buttons => buttons.map(b => [b.tagName, b.className, b.textContent.trim()])"
    )
    assert [label for _tag, _cls, label in kinds] == ["Accept all", "Reject all", "Settings"]
    assert len({(tag, cls) for tag, cls, _label in kinds}) == 1
    eu.page.mouse.wheel(0, 2000)  # scrolling is not consent
    eu.goto("/ru/")
    assert eu.posthog_requests == []
    assert eu.ph_cookies() == []
    assert eu.ph_storage() == []
    assert {cookie["name"] for cookie in eu.context.cookies()} <= {"csrftoken", "sessionid"}

    eu.goto("/en/")
    eu.click_and_wait("Accept all")
    assert not eu.page.locator(".consent-banner").count()
    assert any(url.startswith(ASSETS) for url in eu.posthog_requests)
    assert eu.events, "posthog-js was not started after Accept"
    event = eu.events[-1]
    assert event["api_host"] == API  # P15: the EU host
    assert event["person_profiles"] == "identified_only"
    assert event["mask_all_text"] is True and event["mask_all_element_attributes"] is True
    assert event["sample"] == {  # P12: before_send keeps only what is not personal
        "plan": "gold",
        "total": "24000.00",
        "$session_id": "0192f3a4-5b6c-7d8e-9f00-112233445566",
        "$current_url": eu.base_url + "/en/",
    }
    assert eu.ph_cookies() == [f"ph_{KEY}_posthog"]
    assert eu.errors == []


@pytest.mark.promise("P16")
@pytest.mark.hardening("H22")
def test_eu_visitor_rejects_and_the_site_works(visitor):
    eu = visitor("FR")
    eu.goto("/en/")
    eu.click_and_wait("Reject all")
    assert not eu.page.locator(".consent-banner").count()
    for path in ("/en/", "/kk/", "/en/cookies/"):
        assert eu.goto(path).status == 200
    eu.click_and_wait("Русский")  # the language switcher still works
    assert eu.page.locator("html").get_attribute("lang") == "ru"
    assert eu.posthog_requests == []
    assert eu.ph_cookies() == []
    assert eu.ph_storage() == []
    assert eu.errors == []


@pytest.mark.promise("P17")
@pytest.mark.promise("P28")
@pytest.mark.hardening("H23")
def test_non_eu_visitor_has_analytics_by_default_and_opts_out(visitor):
    kz = visitor("KZ")
    kz.goto("/en/")
    assert kz.page.locator(".consent-notice").is_visible()
    assert kz.events and kz.ph_cookies() == [f"ph_{KEY}_posthog"]
    assert kz.ph_storage()

    kz.page.locator(".site-footer").get_by_role("link", name="Cookie settings").click()
    kz.page.wait_for_load_state("networkidle")
    assert kz.page.url.endswith("/en/cookies/")
    seen = len(kz.posthog_requests)
    kz.click_and_wait("Reject all")
    assert kz.ph_cookies() == []
    assert kz.ph_storage() == []
    assert "Analytics is currently off." in kz.page.content()

    kz.goto("/en/")
    kz.goto("/kk/")
    assert len(kz.posthog_requests) == seen
    assert kz.ph_cookies() == []
    assert kz.errors == []


@pytest.mark.promise("P15")
def test_signed_in_shopper_is_identified_by_the_opaque_id(visitor, shop):
    user = UserFactory(email="aigerim@example.com")
    client = Client()
    client.force_login(user)
    us = visitor("US")
    us.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": shop}]
    )
    us.goto("/en/")
    assert us.events
    calls = us.events[-1]["calls"]
    assert ["identify", str(user.analytics_id)] in calls
    text = json.dumps(us.events)
    assert user.email not in text
    assert f'"identify", "{user.pk}"' not in text
    assert us.errors == []


@pytest.mark.hardening("H19")
@pytest.mark.promise("P18")
def test_admin_works_under_its_own_policy(browser, shop):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)
    context = browser.new_context(locale="en-US")
    outside: list[str] = []
    context.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((shop, "data:", "blob:"))
            else None
        ),
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": shop}]
    )
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    home = HomePage.objects.filter(locale__language_code="en").first()
    for path in ("/admin/", f"/admin/pages/{home.pk}/edit/", "/admin/consent_records/"):
        response = page.goto(shop + path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
    context.close()
    assert violations == []
    assert outside == []
