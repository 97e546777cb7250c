"""Rate limits of the storefront API's writes, keyed on a keyed hash of the client IP (H38);
a 429 leaves an anti-spam record like a form's (legal.antispam.middleware).

The client IP is found as for the login limits (TRUSTED_PROXY_COUNT); the cache only ever
holds an HMAC of it, never the address itself.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

from cms.client_ip import client_ip
from legal.antispam.services import keyed_ip


def hashed_client(request: HttpRequest) -> str:
    """The same daily-keyed hash the forms' and allauth's limits use (legal.antispam)."""
    return keyed_ip(client_ip(request))


class HashedIPThrottle(SimpleRateThrottle):
    """`rate` requests per period per client (e.g. "20/m"), shared by every worker's cache."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        super().__init__(self._configured_rate())

    def _configured_rate(self) -> str:
        return settings.STORE_API_RATE_LIMITS[self.scope]

    def allow_request(self, request: HttpRequest) -> bool:
        # Read the rate on each call so that a settings change needs no restart of the import.
        self.rate = self._configured_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        return f"api-throttle:{self.scope}:{hashed_client(request)}"


def throttle(scope: str) -> HashedIPThrottle:
    return HashedIPThrottle(scope)
