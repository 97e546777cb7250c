"""The countries a shopper may choose, named and sorted in the shopper's language.

Which countries: every ISO 3166-1 country (django-countries' list, the same codes the model
field stores). The shop quotes delivery on WhatsApp and sets no delivery list, and checkout
always accepted any country; a shorter list would refuse addresses already saved.

Names come from CLDR through Babel, which has Kazakh (django-countries' own catalogue does not),
so one function names a country on pages, in the address book and in the WhatsApp message.
They are sorted with the Unicode Collation Algorithm (pyuca, pure Python, through the collator
django-countries loads once per process when pyuca is installed): "Åland Islands" after
"Afghanistan", "Әзірбайжан" among the А names; code-point order would put Å after Z and Ә, Қ, Ө
and Ү after Я. The root order, without Kazakh tailoring: Ұ sorts after Ү rather than before it.
"""

from __future__ import annotations

from functools import lru_cache

import babel
from django.conf import settings
from django.utils import translation
from django_countries import sort_key as uca_sort_key
from django_countries.data import COUNTRIES


def _language(language: str | None) -> str:
    return (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


@lru_cache(maxsize=16)
def _names(language: str) -> dict[str, str]:
    try:
        territories = babel.Locale.parse(language).territories
    except (ValueError, babel.UnknownLocaleError):
        territories = {}
    english = babel.Locale("en").territories
    return {code: territories.get(code) or english.get(code) or code for code in COUNTRIES}


@lru_cache(maxsize=16)
def _choices(language: str) -> tuple[tuple[str, str], ...]:
    names = _names(language)
    return tuple(sorted(names.items(), key=uca_sort_key))


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in `language` (default: the active language); unknown codes as given."""
    code = str(code or "").upper()
    return _names(_language(language)).get(code, code)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name for `language` (default: the active language)."""
    return list(_choices(_language(language)))
