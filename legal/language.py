"""Which language a visitor gets when the URL does not say (P32).

Order: the URL prefix; the language cookie (the shopper's explicit choice through the
switcher); the browser's Accept-Language; the country of the IP (settings.COUNTRY_LANGUAGES,
e.g. Kazakhstan -> Russian with Kazakh one click away in the switcher); English.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
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
