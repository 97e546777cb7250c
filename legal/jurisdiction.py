"""Where a visitor is, roughly: the country of their IP, computed per request and never stored.

The IP is cms.client_ip's, the one the login and anti-spam limits see too (H03).

P05/P10: the IP is only looked up in memory. Nothing here logs, stores or returns it beyond
the request; the country is cached on the request object and dies with it.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

from cms.client_ip import client_ip, normalise_ip

# Country codes a proxy sends when it does not know (Cloudflare: XX unknown, T1 Tor).
UNKNOWN_HEADER_CODES = frozenset({"XX", "T1"})
_CACHE_ATTRIBUTE = "_nera_visitor_country"


@lru_cache(maxsize=1)
def _geoip():
    """The IPv4+IPv6 country database, loaded once per process (H29); never updated online."""
    from geoip2fast import GeoIP2Fast

    return GeoIP2Fast(geoip2fast_data_file="geoip2fast-ipv6.dat.gz")


def country_for_ip(ip: str) -> str:
    """ISO country code of an address from the offline database, or "" when unknown/private."""
    ip = normalise_ip(ip)
    if not ip:
        return ""
    code = _geoip().lookup(ip).country_code or ""
    return code.upper() if len(code) == 2 and code.isalpha() else ""


def _country_from_header(request: HttpRequest) -> str | None:
    """The trusted proxy's answer: a code, "" for its unknown markers, None when absent/off."""
    name = getattr(settings, "COUNTRY_HEADER", "")
    if not name:
        return None
    value = request.headers.get(name)
    if value is None:
        return None
    value = value.strip().upper()
    if value in UNKNOWN_HEADER_CODES or len(value) != 2 or not value.isalpha():
        return ""
    return value


def visitor_country(request: HttpRequest) -> str:
    """ISO 3166 alpha-2 code of the visitor's country, or "" when unknown."""
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    country = _country_from_header(request)
    if country is None:
        country = country_for_ip(client_ip(request))
    setattr(request, _CACHE_ATTRIBUTE, country)
    return country


def is_eu_country(country: str) -> bool:
    """In the opt-in region (EU, EEA, UK, Switzerland: OPT_IN_COUNTRY_CODES) or unknown (P10, P16).

    Unknown counts as opt-in, the strict side.
    """
    return not country or country.upper() in settings.OPT_IN_COUNTRY_CODES


def is_eu(request: HttpRequest) -> bool:
    """Whether the visitor gets the EU consent rules (opt-in analytics)."""
    return is_eu_country(visitor_country(request))
