import pytest
from django.test import Client, RequestFactory

from cms.client_ip import client_ip, normalise_ip
from legal import jurisdiction
from legal.jurisdiction import is_eu, visitor_country
from tests.storefront.accounts.conftest import LOGIN_URL

pytestmark = [pytest.mark.promise("P05"), pytest.mark.promise("P10")]


def make_request(remote="127.0.0.1", **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize(
    ("ip", "country"),
    [
        ("95.56.187.203", "KZ"),
        ("81.169.145.154", "DE"),
        ("8.8.8.8", "US"),
        ("5.45.207.1", "RU"),
    ],
)
def test_ipv4_lookup(settings, ip, country):
    settings.COUNTRY_HEADER = ""
    assert visitor_country(make_request(ip)) == country


@pytest.mark.parametrize(
    ("ip", "country"),
    [("2a02:2e0:3fe:1001::1", "DE"), ("2001:4860:4860::8888", "US"), ("2a03:5a00::1", "RU")],
)
def test_ipv6_lookup(ip, country):
    assert visitor_country(make_request(ip)) == country


def test_ipv4_mapped_ipv6_is_converted_first():
    assert normalise_ip("::ffff:95.56.187.203") == "95.56.187.203"
    assert visitor_country(make_request("::ffff:95.56.187.203")) == "KZ"
    assert visitor_country(make_request("::ffff:81.169.145.154")) == "DE"


@pytest.mark.parametrize(
    "ip", ["127.0.0.1", "10.1.2.3", "192.168.0.9", "::1", "2001:db8::1", "", "nonsense"]
)
def test_unknown_addresses_count_as_eu(ip):
    request = make_request(ip)
    assert visitor_country(request) == ""
    assert is_eu(request) is True


def test_eu_membership_from_settings():
    assert is_eu(make_request("81.169.145.154")) is True  # DE
    assert is_eu(make_request("95.56.187.203")) is False  # KZ
    assert is_eu(make_request("8.8.8.8")) is False  # US


def test_eu_member_list_is_the_27_states(settings):
    assert len(settings.EU_COUNTRY_CODES) == len(set(settings.EU_COUNTRY_CODES)) == 27
    assert {"DE", "FR", "IE", "HR", "CY"} <= set(settings.EU_COUNTRY_CODES)
    assert not {"GB", "CH", "NO", "KZ", "RU"} & set(settings.EU_COUNTRY_CODES)


def test_trusted_country_header_wins_when_configured(settings):
    settings.COUNTRY_HEADER = "CF-IPCountry"
    request = make_request("81.169.145.154", HTTP_CF_IPCOUNTRY="kz")
    assert visitor_country(request) == "KZ"
    assert is_eu(request) is False


def test_country_header_is_ignored_when_not_configured(settings):
    settings.COUNTRY_HEADER = ""
    request = make_request("81.169.145.154", HTTP_CF_IPCOUNTRY="KZ")
    assert visitor_country(request) == "DE"


@pytest.mark.parametrize("value", ["XX", "T1", "x", "123", ""])
def test_unknown_header_values_count_as_eu(settings, value):
    settings.COUNTRY_HEADER = "CF-IPCountry"
    request = make_request("8.8.8.8", HTTP_CF_IPCOUNTRY=value)
    assert visitor_country(request) == ""
    assert is_eu(request) is True


def test_header_missing_falls_back_to_the_ip(settings):
    settings.COUNTRY_HEADER = "CF-IPCountry"
    assert visitor_country(make_request("8.8.8.8")) == "US"


@pytest.mark.hardening("H03")
@pytest.mark.django_db
def test_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "2/m/ip"}
    request = make_request("81.169.145.154", HTTP_X_FORWARDED_FOR="95.56.187.203")
    assert client_ip(request) == "81.169.145.154"
    assert visitor_country(request) == "DE"

    # The login limiter sees the same address: the forged header neither spreads the guesses
    # over new addresses nor charges them to the address it names.
    def failed_login(remote, forwarded, email):
        client = Client(REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
        return client.post(LOGIN_URL, {"login": email, "password": "wrong"}).content.decode()

    for number in range(2):
        failed_login("81.169.145.154", f"10.0.0.{number}", f"guess{number}@example.com")
    assert "Too many failed login attempts" in failed_login(
        "81.169.145.154", "10.0.0.9", "next@example.com"
    )
    named = failed_login("95.56.187.203", "81.169.145.154", "next@example.com")
    assert "Too many failed login attempts" not in named
    assert "are not correct" in named


def test_one_trusted_proxy_takes_the_last_forwarded_entry(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client forged the first entry; the proxy appended the real address.
    request = make_request("10.0.0.2", HTTP_X_FORWARDED_FOR="81.169.145.154, 95.56.187.203")
    assert client_ip(request) == "95.56.187.203"
    assert visitor_country(request) == "KZ"


def test_two_trusted_proxies_take_the_second_to_last_entry(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = make_request("10.0.0.2", HTTP_X_FORWARDED_FOR="8.8.8.8, 95.56.187.203, 10.0.0.1")
    assert client_ip(request) == "95.56.187.203"


def test_short_forwarded_chain_falls_back_to_remote_addr(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = make_request("81.169.145.154", HTTP_X_FORWARDED_FOR="95.56.187.203")
    assert client_ip(request) == "81.169.145.154"


def test_mapped_address_in_forwarded_for(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = make_request("10.0.0.2", HTTP_X_FORWARDED_FOR="::ffff:95.56.187.203")
    assert client_ip(request) == "95.56.187.203"


@pytest.mark.hardening("H29")
def test_country_is_computed_once_per_request_and_database_loaded_once(monkeypatch):
    database = jurisdiction._geoip()
    assert jurisdiction._geoip() is database  # one load per process
    calls = []
    real_lookup = database.lookup
    monkeypatch.setattr(database, "lookup", lambda ip: calls.append(ip) or real_lookup(ip))
    request = make_request("8.8.8.8")
    assert visitor_country(request) == "US"
    assert visitor_country(request) == "US"
    assert is_eu(request) is False
    assert len(calls) == 1
    # Nothing about the address is kept on the request beyond the country.
    assert [value for value in vars(request).values() if value == "8.8.8.8"] == []
