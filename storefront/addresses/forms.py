"""What checkout and the address book ask about an address, checked the same way (H15)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from storefront.addresses.countries import country_choices
from storefront.addresses.postal_codes import normalise_postal_code, postal_code_error


class CountryChoiceField(forms.ChoiceField):
    """The country list in the language of the page that shows it; cleans to the ISO code."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Country"))
        kwargs.setdefault("initial", "KZ")
        kwargs.setdefault("widget", forms.Select(attrs={"autocomplete": "country"}))
        # A callable: the choices are built each time the list is shown, in the active language.
        super().__init__(choices=country_choices, **kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()


def clean_postal_code(form: forms.Form, cleaned: dict) -> None:
    """Store the postal code in capitals, or add the error for a code the country does not use."""
    code = normalise_postal_code(cleaned.get("postal_code") or "")
    error = postal_code_error(cleaned.get("country") or "", code)
    if error:
        form.add_error("postal_code", error)
    elif "postal_code" in cleaned:
        cleaned["postal_code"] = code
