"""How prices are written for shoppers and staff: one rule for pages, the admin and WhatsApp.

Separators and the symbol's place come from each language's CLDR data (Babel): `₸12,500.50` in
English, `12 500,50 ₸` in Russian and Kazakh, with no-break spaces so a price never wraps.
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.languages import get_official_languages
from babel.numbers import get_currency_symbol, parse_pattern
from django.conf import settings
from django.utils import translation

CENT = Decimal("0.01")


@lru_cache(maxsize=64)
def currency_symbol(currency: str) -> str:
    """The symbol as the currency's own country writes it (₸, not "KZT", in every language)."""
    for territory, currencies in get_global("territory_currencies").items():
        if any(code == currency and end is None for code, _start, end, _tender in currencies):
            for language in get_official_languages(territory):
                try:
                    symbol = get_currency_symbol(currency, f"{language}_{territory}")
                except UnknownLocaleError:
                    continue
                if symbol != currency:
                    return symbol
    return currency


@lru_cache(maxsize=64)
def _pattern(language: str, currency: str, cents: bool):
    locale = Locale.parse(translation.to_locale(language))
    quoted = "'" + currency_symbol(currency).replace("'", "''") + "'"
    pattern = parse_pattern(locale.currency_formats["standard"].pattern.replace("¤", quoted))
    pattern.frac_prec = (2, 2) if cents else (0, 0)
    return locale, pattern


def format_money(amount: Decimal | int | str, currency: str, language: str | None = None) -> str:
    """Rounded half up to the cent; cents shown only when there are some (prices are whole tenge)."""
    amount = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    locale, pattern = _pattern(language, currency, amount != amount.to_integral_value())
    text = pattern.apply(amount, locale, currency=currency, currency_digits=False)
    return text.replace(" ", "\u00a0")
