"""Forms: allauth's forms with our labels (Kazakh is not in allauth), the profile and the address book."""

import re

from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from legal.antispam.forms import SpamProtectionMixin
from storefront.accounts.countries import country_choices, country_name
from storefront.accounts.models import ADDRESS_FIELDS, Address, User
from storefront.validators import add_text_validators

FIELD_LABELS = {
    "email": _("Email"),
    "login": _("Email"),
    "password": _("Password"),
    "oldpassword": _("Current password"),
    "password1": _("Password"),
    "password2": _("Password (again)"),
    "remember": _("Remember me"),
}


class OurLabelsMixin:
    """Labels from our catalogue, no placeholders (the label says it), reset link in the template."""

    labels: dict = FIELD_LABELS

    def _relabel(self) -> None:
        for name, field in self.fields.items():
            if name in self.labels:
                field.label = self.labels[name]
            field.widget.attrs.pop("placeholder", None)
            if name in ("password", "oldpassword"):
                field.help_text = ""
            if name == "password1":
                field.help_text = password_validation.password_validators_help_text_html()


class SignupForm(SpamProtectionMixin, OurLabelsMixin, allauth_forms.SignupForm):
    """Sign-up asks for exactly: first and last name, email, password and the age confirmation (P03, P30)."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    age_confirmed = forms.BooleanField(
        label=_("I am 16 or older"),
        required=True,
        error_messages={"required": _("You must be 16 or older to create an account.")},
    )
    field_order = ["first_name", "last_name", "email", "password1", "password2", "age_confirmed"]
    spam_form_name = "signup"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel()
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        add_text_validators(self, ("first_name", "last_name"))

    def try_save(self, request):
        """A known email costs the same password hashing as a new account (H04).

        allauth skips creating the account and so the hashing, the slow part of a sign-up;
        the difference in time would tell who has an account.
        """
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


class LoginForm(SpamProtectionMixin, OurLabelsMixin, allauth_forms.LoginForm):
    spam_form_name = "login"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel()


class ResetPasswordForm(SpamProtectionMixin, OurLabelsMixin, allauth_forms.ResetPasswordForm):
    spam_form_name = "reset_password"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel()


class PasswordPairLabels(OurLabelsMixin):
    labels = {
        **FIELD_LABELS,
        "password1": _("New password"),
        "password2": _("New password (again)"),
    }


class ResetPasswordKeyForm(PasswordPairLabels, allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel()


class ChangePasswordForm(PasswordPairLabels, allauth_forms.ChangePasswordForm):
    """The new password only: the view already wants the current one typed recently (H05).

    A recent sign-in or the reauthentication prompt is that one prompt; asking again here
    made it three.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["oldpassword"]
        self._relabel()


class AddEmailForm(OurLabelsMixin, allauth_forms.AddEmailForm):
    labels = {**FIELD_LABELS, "email": _("New email address")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel()


class ReauthenticateForm(OurLabelsMixin, allauth_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._relabel()


class ProfileForm(forms.ModelForm):
    """What a shopper corrects themselves (P25); the email goes through allauth's re-verification."""

    class Meta:
        model = User
        fields = ["first_name", "last_name"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
        add_text_validators(self, ("first_name", "last_name"))


# Postal-code shapes for the countries the shop delivers to most; others get a loose check.
POSTAL_CODE_PATTERNS = {
    "KZ": (
        re.compile(r"\d{6}"),
        _("A postal code in Kazakhstan has 6 digits, for example 050000."),
    ),
    "RU": (re.compile(r"\d{6}"), _("A postal code in Russia has 6 digits, for example 101000.")),
    "KG": (
        re.compile(r"\d{6}"),
        _("A postal code in Kyrgyzstan has 6 digits, for example 720001."),
    ),
    "UZ": (
        re.compile(r"\d{6}"),
        _("A postal code in Uzbekistan has 6 digits, for example 100000."),
    ),
    "BY": (re.compile(r"\d{6}"), _("A postal code in Belarus has 6 digits, for example 220030.")),
}
GENERIC_POSTAL_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]{1,9}")


def postal_code_error(country: str, postal_code: str) -> str | None:
    """The message to show when `postal_code` does not have the shape used in `country`."""
    if not postal_code:
        return None
    pattern, message = POSTAL_CODE_PATTERNS.get(
        str(country), (GENERIC_POSTAL_CODE, _("Enter a valid postal code."))
    )
    return None if pattern.fullmatch(postal_code) else str(message)


class AddressForm(SpamProtectionMixin, forms.ModelForm):
    spam_form_name = "address"
    make_default = forms.BooleanField(label=_("Use as my default address"), required=False)

    class Meta:
        model = Address
        fields = ["label", *ADDRESS_FIELDS]
        widgets = {
            "street": forms.TextInput(attrs={"autocomplete": "address-line1"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "region": forms.TextInput(attrs={"autocomplete": "address-level1"}),
            "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code"}),
            "instructions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = country_choices()
        current = str(self.instance.country or "")
        if current and current not in dict(choices):
            # An address saved elsewhere (checkout) with another country stays editable.
            choices.append((current, country_name(current)))
        self.fields["country"] = forms.ChoiceField(
            label=self.fields["country"].label,
            choices=choices,
            initial="KZ",
            widget=forms.Select(attrs={"autocomplete": "country"}),
        )
        if self.instance.pk and self.instance.is_default:
            del self.fields["make_default"]
        add_text_validators(self, ("label", "street", "city", "region", "instructions"))

    def clean_postal_code(self) -> str:
        return self.cleaned_data.get("postal_code", "").strip().upper()

    def clean(self):
        cleaned = super().clean()
        error = postal_code_error(cleaned.get("country", ""), cleaned.get("postal_code", ""))
        if error:
            self.add_error("postal_code", error)
        return cleaned
