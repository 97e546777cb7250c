import pytest

from analytics.client import _client
from legal.consent import ensure_cookie_groups
from tests.factories.checkout import CHECKOUT_FORM, build_shop

DISTINCTIVE_IPV4 = "95.56.187.203"  # a Kazakh address, easy to search for
EU_IPV4 = "81.169.145.154"  # Germany
US_IPV4 = "8.8.8.8"


@pytest.fixture
def cookie_groups(db):
    """The essential and analytics cookie groups (transactional tests flush the migration's rows)."""
    ensure_cookie_groups()


@pytest.fixture(autouse=True)
def fresh_posthog_clients():
    """Each test gets its own posthog client (they are cached per key and host per process)."""
    _client.cache_clear()
    yield
    _client.cache_clear()


@pytest.fixture
def shop_funnel(site_pages):
    """What a shopper does in the real shop: add to basket, send the checkout, open WhatsApp.

    Each call runs the three steps for `client` with `headers` (REMOTE_ADDR, …) and returns the
    inquiry's reference; a step that fails stops the test, so "no events" can never mean
    "the shopper never got that far".
    """
    shop = build_shop(site_pages)

    def run(client, language: str = "en", **headers) -> str:
        added = client.post(
            f"/{language}/basket/add/", {"product": shop["box"].pk, "quantity": 2}, **headers
        )
        assert added.status_code == 302, added
        form = client.get(f"/{language}/checkout/", **headers).context["form"]
        data = {**CHECKOUT_FORM, "token": form["token"].value()}
        data["basket_version"] = form["basket_version"].value()
        sent = client.post(f"/{language}/checkout/", data, **headers)
        assert sent.status_code == 302, sent.context and sent.context["form"].errors
        reference = sent["Location"].rstrip("/").rsplit("/", 1)[-1]
        opened = client.post(f"/{language}/checkout/done/{reference}/opened/", **headers)
        assert opened.status_code == 204
        return reference

    return run
