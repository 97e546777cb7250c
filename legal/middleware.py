"""The server side of consent (P16, P17, P28)."""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import patch_vary_headers

from analytics.client import analytics_config
from legal.consent import ANALYTICS_PREFIXES, analytics_allowed, expire_analytics_cookies


class ConsentMiddleware:
    """Expires PostHog's cookies on every response for a visitor whose consent says no."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = getattr(settings, "COUNTRY_HEADER", "")
        if header and response.get("Content-Type", "").startswith("text/html"):
            # The banner (EU) and the notice (elsewhere) differ by country: caches must know.
            patch_vary_headers(response, (header,))
        if settings.COOKIE_CONSENT_NAME in response.cookies:
            return response  # a choice was just made; the consent view handled the cookies
        if any(name.startswith(ANALYTICS_PREFIXES) for name in request.COOKIES) and not (
            analytics_config(request) and analytics_allowed(request)
        ):
            expire_analytics_cookies(request, response)
        return response
