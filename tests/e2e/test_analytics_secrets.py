"""H40 in a real browser: no PostHog on a page whose address carries a key or reference, and
posthog-js' before_send cuts such paths out of the URLs of every event."""

import json

import pytest

from tests.e2e.test_consent import API, ASSETS, Visitor, shop, visitor  # noqa: F401 - fixtures

# Stands in for array.js: runs our before_send over an event whose URLs carry the secrets, as
# posthog-js would after a visit to those pages, and posts what is left.
FAKE_ARRAY_JS = """
(function () {
  var ph = window.posthog;
  (ph && ph._i || []).forEach(function (init) {
    var cfg = init[1] || {};
    var origin = location.origin;
    var sample = cfg.before_send({event: "$pageview", properties: {
      $current_url: origin + "/en/checkout/done/NR-SECRET-REF1/?utm=x",
      $referrer: origin + "/en/account/confirm-email/MQ:1xSECRETKEY:abc/",
      $initial_referrer: origin + "/ru/account/password/reset/key/1-SECRETKEY2/",
      $pathname: "/kk/checkout/done/NR-SECRET-REF1/opened/",
      $initial_current_url: document.referrer || "$direct"
    }});
    fetch(cfg.api_host + "/e/", {method: "POST", body: JSON.stringify({sample: sample.properties})});
  });
})();
"""


class SecretsVisitor(Visitor):
    def _assets(self, route):
        route.fulfill(
            status=200,
            content_type="application/javascript",
            headers={"Access-Control-Allow-Origin": "*"},
            body=FAKE_ARRAY_JS,
        )


@pytest.mark.hardening("H40")
def test_no_posthog_on_secret_pages_and_no_secret_in_any_event(browser, shop):  # noqa: F811
    kz = SecretsVisitor(browser, shop, "KZ")  # analytics on by default outside the opt-in region
    try:
        kz.goto("/en/account/confirm-email/MQ:1xSECRETKEY:abc/")
        assert kz.posthog_requests == []
        assert kz.page.locator("#nera-analytics-config").count() == 0

        # From that page to the shop: analytics starts, and the referrer is cut. The event is
        # posted after the page has loaded: wait for it, not for a quiet network.
        def event_posted(response) -> bool:
            return response.url.startswith(API) and response.request.method == "POST"

        with kz.page.expect_response(event_posted, timeout=15_000), kz.page.expect_navigation():
            kz.page.evaluate("() => { window.location.href = '/en/'; }")
        assert any(url.startswith(ASSETS) for url in kz.posthog_requests)
        assert kz.events, "posthog-js was not started on the shop's home page"
        sample = kz.events[-1]["sample"]
        assert sample == {
            "$current_url": shop + "/en/checkout/done/:reference/",
            "$referrer": shop + "/en/account/confirm-email/:key/",
            "$initial_referrer": shop + "/ru/account/password/reset/key/:key/",
            "$pathname": "/kk/checkout/done/:reference/opened/",
            "$initial_current_url": shop + "/en/account/confirm-email/:key/",
        }
        assert "SECRET" not in json.dumps(kz.events)
        assert kz.errors == []
    finally:
        kz.close()
