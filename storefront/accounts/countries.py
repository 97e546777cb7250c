"""Countries the address book offers, with names from our catalogue.

django-countries has no Kazakh catalogue, so its 250 names would be English on /kk/ pages.
The shop delivers from Almaty to Kazakhstan and its neighbours; the address book offers those,
named here in en/ru/kk. Other codes still display with django-countries' name.
"""

from django.utils.translation import gettext_lazy as _
from django_countries import countries

DELIVERY_COUNTRIES = {
    "KZ": _("Kazakhstan"),
    "RU": _("Russia"),
    "KG": _("Kyrgyzstan"),
    "UZ": _("Uzbekistan"),
    "TJ": _("Tajikistan"),
    "TM": _("Turkmenistan"),
    "BY": _("Belarus"),
    "AM": _("Armenia"),
    "AZ": _("Azerbaijan"),
    "GE": _("Georgia"),
}


def country_choices() -> list[tuple[str, str]]:
    return list(DELIVERY_COUNTRIES.items())


def country_name(code: str) -> str:
    code = str(code)
    if code in DELIVERY_COUNTRIES:
        return str(DELIVERY_COUNTRIES[code])
    return countries.name(code)
