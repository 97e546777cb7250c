"""Forms: allauth's forms with our labels (Kazakh is not in allauth), the profile and the address book."""

from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from legal.antispam.forms import SpamProtectionMixin
from storefront.accounts.models import Address, User
from storefront.addresses.forms import CountryChoiceField, clean_postal_code
from storefront.addresses.models import ADDRESS_FIELDS
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


class AddressForm(SpamProtectionMixin, forms.ModelForm):
    spam_form_name = "address"
    make_default = forms.BooleanField(label=_("Use as my default address"), required=False)
    country = CountryChoiceField()

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
        if self.instance.pk and self.instance.is_default:
            del self.fields["make_default"]
        add_text_validators(self, ("label", "street", "city", "region", "instructions"))

    def clean(self):
        cleaned = super().clean()
        clean_postal_code(self, cleaned)
        return cleaned
