"""Language choice (P32) and the server side of consent (P16, P17, P28)."""

from __future__ import annotations

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from legal.analytics import analytics_config
from legal.consent import ANALYTICS_PREFIXES, analytics_allowed, expire_analytics_cookies
from legal.language import is_api_request, language_from_query, preferred_language


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware with the country as a last hint before English.

    Only the choice of language changes; the redirect of "/" to "/<lang>/" and the rest of
    i18n_patterns' behaviour are Django's own (process_response is inherited).
    """

    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
        language = preferred_language(request, check_path=i18n_patterns_used)
        if is_api_request(request):  # the APIs have no prefix: `?lang=` wins there
            language = language_from_query(request) or language
        if (
            not translation.get_language_from_path(request.path_info)
            and i18n_patterns_used
            and not prefixed_default_language
        ):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        if is_api_request(request):
            # An API's 404 is an answer, not a page missing its language prefix: no redirect.
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        response = super().process_response(request, response)
        header = getattr(settings, "COUNTRY_HEADER", "")
        if header and response.status_code in (301, 302):
            patch_vary_headers(response, (header,))
        return response


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
