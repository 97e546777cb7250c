"""H03: one client address for the country lookup and every rate limit (cms.client_ip).

Each request is a REMOTE_ADDR and an X-Forwarded-For chain of 0-3 entries, every address in
another country, so the country shows which address the lookup took. The login limiter's
address shows in what it does: after the per-IP limit is used up, a request from the same
client (through other proxies) is refused and one from another client is not.
"""

import pytest
from django.test import Client, RequestFactory
from django_ratelimit.core import get_usage

from cms.client_ip import client_ip
from legal.jurisdiction import visitor_country
from tests.storefront.accounts.conftest import LOGIN_URL

pytestmark = [pytest.mark.hardening("H03"), pytest.mark.django_db]

REMOTE = "95.56.187.203"  # KZ
CHAIN = ("5.45.207.1", "8.8.8.8", "81.169.145.154")  # RU, US, DE: the last ones are nearest
COUNTRY = {
    "95.56.187.203": "KZ",
    "5.45.207.1": "RU",
    "8.8.8.8": "US",
    "81.169.145.154": "DE",
    "80.80.80.80": "NL",
    "212.112.96.1": "KG",
}
OTHER_HOP = "80.80.80.80"  # NL: what another proxy path would put in the other places
OTHER_CLIENT = "212.112.96.1"  # KG: another client behind the same proxies
LIMIT = 3
TOO_MANY = "Too many failed login attempts"
WRONG = "are not correct"

CASES = [(length, proxies) for proxies in (0, 1) for length in (0, 1, 2, 3)]


def case_id(case):
    return f"chain{case[0]}-proxies{case[1]}"


def positions(length: int) -> list[str]:
    """The chain's entries, then REMOTE_ADDR: the order the proxies wrote them in."""
    return [*CHAIN[len(CHAIN) - length :], REMOTE]


def client_position(length: int, proxies: int) -> int:
    """Where the rule finds the client: the entry the outermost trusted proxy added."""
    if proxies and length >= proxies:
        return length - proxies
    return length  # REMOTE_ADDR


def meta(addresses: list[str]) -> dict[str, str]:
    *chain, remote = addresses
    headers = {"REMOTE_ADDR": remote}
    if chain:
        headers["HTTP_X_FORWARDED_FOR"] = ", ".join(chain)
    return headers


def variants(length: int, proxies: int) -> tuple[list[str], list[str], list[str]]:
    """The request; the same client by another path; another client by the same path."""
    addresses = positions(length)
    where = client_position(length, proxies)
    same_client = [
        address if index == where else OTHER_HOP for index, address in enumerate(addresses)
    ]
    other_client = list(addresses)
    other_client[where] = OTHER_CLIENT
    return addresses, same_client, other_client


def failed_login(headers: dict[str, str], email: str) -> str:
    response = Client(**headers).post(LOGIN_URL, {"login": email, "password": "wrong-password"})
    return response.content.decode()


@pytest.fixture
def proxy_settings(settings):
    def configure(proxies: int) -> None:
        settings.TRUSTED_PROXY_COUNT = proxies
        settings.COUNTRY_HEADER = ""
        # Per IP only: the per-account limit must not be what stops the guesses here.
        settings.ACCOUNT_RATE_LIMITS = {
            **settings.ACCOUNT_RATE_LIMITS,
            "login_failed": f"{LIMIT}/m/ip,100/m/key",
        }

    return configure


@pytest.mark.parametrize(("length", "proxies"), CASES, ids=[case_id(case) for case in CASES])
def test_country_lookup_and_login_limiter_see_the_same_client(proxy_settings, length, proxies):
    proxy_settings(proxies)
    addresses, same_client, other_client = variants(length, proxies)
    expected = addresses[client_position(length, proxies)]

    for request_addresses, ip in (
        (addresses, expected),
        (same_client, expected),
        (other_client, OTHER_CLIENT),
    ):
        request = RequestFactory().get("/", **meta(request_addresses))
        assert visitor_country(request) == COUNTRY[ip]

    for number in range(LIMIT):
        assert WRONG in failed_login(meta(addresses), f"guess{number}@example.com")
    assert TOO_MANY in failed_login(meta(addresses), "one-more@example.com")

    # The same client through other hops is still counted as that client...
    assert TOO_MANY in failed_login(meta(same_client), "another@example.com")
    # ...and another client behind the same proxies has its own count.
    page = failed_login(meta(other_client), "another@example.com")
    assert TOO_MANY not in page
    assert WRONG in page


@pytest.mark.parametrize(("length", "proxies"), CASES, ids=[case_id(case) for case in CASES])
def test_form_rate_limits_count_the_same_client(settings, length, proxies):
    """django-ratelimit's "ip" key is the same address (settings.RATELIMIT_IP_META_KEY)."""
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.RATELIMIT_ENABLE = True
    addresses, same_client, other_client = variants(length, proxies)

    def hit(request_addresses):
        request = RequestFactory().post("/", **meta(request_addresses))
        return get_usage(request, group="h03", key="ip", rate="1/m", increment=True)

    assert client_ip(RequestFactory().get("/", **meta(same_client))) == client_ip(
        RequestFactory().get("/", **meta(addresses))
    )
    assert not hit(addresses)["should_limit"]
    assert hit(same_client)["should_limit"]
    assert not hit(other_client)["should_limit"]
