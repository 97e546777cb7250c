"""Which language a visitor gets when the URL does not say (P32), and the middleware that asks.

Order: the URL prefix; the language cookie (the shopper's explicit choice through the
switcher); the browser's Accept-Language; the country of the IP (settings.COUNTRY_LANGUAGES,
e.g. Kazakhstan -> Russian with Kazakh one click away in the switcher); English.
"""

from __future__ import annotations

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path, get_supported_language_variant
from django.utils.translation.trans_real import language_code_re, parse_accept_lang_header

from legal.jurisdiction import visitor_country


def _supported(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return get_supported_language_variant(code)
    except LookupError:
        return None


def language_from_cookie(request: HttpRequest) -> str | None:
    return _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))


def language_from_accept_header(request: HttpRequest) -> str | None:
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        if not language_code_re.search(code):
            continue
        if supported := _supported(code):
            return supported
    return None


def is_api_request(request: HttpRequest) -> bool:
    """The JSON APIs live outside the language prefix (settings.API_PATH_PREFIX)."""
    prefix = getattr(settings, "API_PATH_PREFIX", "")
    return bool(prefix) and request.path_info.startswith(prefix)


def language_from_query(request: HttpRequest) -> str | None:
    """`?lang=ru` on an API request: the client's explicit choice."""
    value = request.GET.get("lang", "")
    return _supported(value) if isinstance(value, str) and len(value) <= 16 else None


def language_from_country(request: HttpRequest) -> str | None:
    country = visitor_country(request)
    return _supported(settings.COUNTRY_LANGUAGES.get(country)) if country else None


def preferred_language(request: HttpRequest, check_path: bool = True) -> str:
    """The language for this request, following the order of P32."""
    if check_path and (code := get_language_from_path(request.path_info)):
        return code
    return (
        language_from_cookie(request)
        or language_from_accept_header(request)
        or language_from_country(request)
        or _supported(settings.LANGUAGE_CODE)
        or settings.LANGUAGE_CODE
    )


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
