"""The client's IP address: the one rule for everything that reads it (H03).

The country lookup (legal.jurisdiction), allauth's login and sign-up limits (the account
adapter), the anti-spam limits and records (legal.antispam) and the API throttles all ask
`client_ip`, so a visitor is one address to all of them. X-Forwarded-For is read only through
settings.TRUSTED_PROXY_COUNT proxies (default 0: the header is ignored). allauth's own
ALLAUTH_TRUSTED_PROXY_COUNT is not used: it would answer a short chain with a server error.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def normalise_ip(value: str) -> str:
    """A canonical address, with IPv4-mapped IPv6 (::ffff:a.b.c.d) turned into IPv4; "" if invalid."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or X-Forwarded-For read through the trusted proxies; "" if invalid.

    With N trusted proxies in front, the rightmost N entries of the chain (the last one being
    REMOTE_ADDR itself) were written by them; the entry the outermost proxy added is the client.
    Anything further left could be forged by the client, so it is never used. A chain shorter
    than N did not pass all the proxies: REMOTE_ADDR is the address then.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = max(int(getattr(settings, "TRUSTED_PROXY_COUNT", 0)), 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return normalise_ip(forwarded[-proxies])
    return normalise_ip(remote)
