"""The checkout form: exactly the personal fields of the privacy policy (P02), nothing else."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from legal.antispam.forms import SpamProtectionMixin
from storefront.addresses.forms import CountryChoiceField, clean_postal_code
from storefront.addresses.models import BuildingType
from storefront.addresses.phones import PhoneNumberField
from storefront.checkout.models import PERSONAL_FIELDS
from storefront.validators import add_text_validators


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
    country = CountryChoiceField()
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
        clean_postal_code(self, cleaned)
        return cleaned

    def personal_fields(self) -> dict:
        """The contact and address fields, as the Inquiry stores them."""
        return {name: self.cleaned_data[name] for name in PERSONAL_FIELDS}
