"""The checkout form: exactly the personal fields of the privacy policy (P02), nothing else."""

import re

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from legal.antispam.forms import SpamProtectionMixin
from storefront.accounts.models import BuildingType
from storefront.checkout.models import PERSONAL_FIELDS
from storefront.fields import PhoneNumberField
from storefront.validators import add_text_validators

# Postal code shapes (H15). Countries not listed get a loose shape: letters, digits, space, dash.
POSTAL_CODE_PATTERNS = {
    "KZ": r"\d{6}",
    "RU": r"\d{6}",
    "BY": r"\d{6}",
    "KG": r"\d{6}",
    "UZ": r"\d{6}",
    "TJ": r"\d{6}",
    "CN": r"\d{6}",
    "IN": r"\d{6}",
    "TM": r"\d{6}",
    "AM": r"\d{4}",
    "GE": r"\d{4}",
    "AZ": r"(AZ ?)?\d{4}",
    "MN": r"\d{5}",
    "TR": r"\d{5}",
    "DE": r"\d{5}",
    "FR": r"\d{5}",
    "IT": r"\d{5}",
    "ES": r"\d{5}",
    "FI": r"\d{5}",
    "KR": r"\d{5}",
    "US": r"\d{5}(-\d{4})?",
    "PL": r"\d{2}-\d{3}",
    "NL": r"\d{4} ?[A-Z]{2}",
    "AT": r"\d{4}",
    "CH": r"\d{4}",
    "BE": r"\d{4}",
    "DK": r"\d{4}",
    "NO": r"\d{4}",
    "AU": r"\d{4}",
    "SE": r"\d{3} ?\d{2}",
    "CZ": r"\d{3} ?\d{2}",
    "JP": r"\d{3}-?\d{4}",
    "CA": r"[A-Z]\d[A-Z] ?\d[A-Z]\d",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}",
    "AE": r"",  # no postal codes: the field stays empty
}
LOOSE_POSTAL_CODE = r"[A-Z0-9][A-Z0-9 \-]{1,9}"


def postal_code_is_valid(country: str, code: str) -> bool:
    pattern = POSTAL_CODE_PATTERNS.get(country, LOOSE_POSTAL_CODE)
    return re.fullmatch(pattern, code.upper()) is not None


def phone_prefix(country: str) -> str:
    """`+7 ` for KZ: how the phone field starts for a visitor from that country."""
    code = phonenumbers.country_code_for_region(country or "KZ")
    return f"+{code} " if code else ""


class CheckoutForm(SpamProtectionMixin, forms.Form):
    spam_form_name = "checkout"

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("Email"), max_length=254)
    phone = PhoneNumberField(
        label=_("Phone with country code"),
        help_text=_(
            "For example +7 707 123 4567, without an extension. We reply on WhatsApp or call "
            "this number."
        ),
    )
    street = forms.CharField(label=_("Street, building and apartment"), max_length=200)
    building_type = forms.ChoiceField(
        label=_("Building type"), choices=BuildingType.choices, initial=BuildingType.APARTMENT
    )
    city = forms.CharField(label=_("City"), max_length=100)
    region = forms.CharField(label=_("State / region"), max_length=100, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    country = LazyTypedChoiceField(label=_("Country"), choices=countries, initial="KZ")
    instructions = forms.CharField(
        label=_("Delivery instructions"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Entrance, floor, intercom code, convenient time."),
    )
    save_address = forms.BooleanField(
        label=_("Save this address in my account"), required=False, initial=False
    )
    token = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)
    # The lines and prices the page showed (H42): a change since then is shown before storing.
    basket_version = forms.CharField(max_length=20000, required=False, widget=forms.HiddenInput)

    # Free text that staff read in the admin and in the WhatsApp message (H41).
    TEXT_FIELDS = ("first_name", "last_name", "street", "city", "region", "instructions")

    AUTOCOMPLETE = {
        "first_name": "given-name",
        "last_name": "family-name",
        "email": "email",
        "street": "address-line1",
        "city": "address-level2",
        "region": "address-level1",
        "postal_code": "postal-code",
        "country": "country",
    }

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not signed_in:
            del self.fields["save_address"]
        for name, value in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        add_text_validators(self, self.TEXT_FIELDS)
        # A number typed without its country code is read as a number of the delivery country.
        country = str(self.data.get("country", "") or self.initial.get("country", "") or "KZ")
        self.fields["phone"].region = country.upper() if len(country) == 2 else "KZ"

    def clean_token(self) -> str:
        token = self.cleaned_data.get("token", "")
        return token if re.fullmatch(r"[0-9a-f]{32}", token) else ""

    def clean(self):
        cleaned = super().clean()
        country = cleaned.get("country")
        code = (cleaned.get("postal_code") or "").strip()
        if country and code and not postal_code_is_valid(country, code):
            self.add_error(
                "postal_code",
                _("Enter a postal code in the format used in %(country)s.")
                % {"country": countries.name(country)},
            )
        elif code:
            cleaned["postal_code"] = code.upper()
        return cleaned

    def personal_fields(self) -> dict:
        """The contact and address fields, as the Inquiry stores them."""
        return {name: self.cleaned_data[name] for name in PERSONAL_FIELDS}
