"""Phone numbers: one parser (phonenumbers) for the checkout form, the operator's WhatsApp number
and the wa.me link, so what the form accepts and what the link dials cannot differ (H15, H41)."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PHONE_ERRORS = {
    "invalid": _("Enter a valid phone number with its country code, for example +7 707 123 4567."),
    "letters": _(
        "A phone number may contain only digits, spaces, brackets, dashes and a leading +, "
        "not letters."
    ),
    "extension": _(
        "Extensions are not accepted: enter a number that reaches you directly, without an "
        "extension."
    ),
}

# What a typed phone number may contain besides digits: spaces and the usual separators.
PHONE_PUNCTUATION = frozenset(" +-().\u00a0")


class PhoneNumberError(ValueError):
    """Why a phone number was refused: `code` names the message the form shows."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code


def normalise_phone(value: str, region: str | None = None) -> str:
    """The number in E.164 (+77071234567), or PhoneNumberError when it is not one (H41).

    Letters are refused rather than read as a keypad's digits ("CALL NOW" is not a number),
    and so are extensions: WhatsApp cannot dial them and E.164 has no room for them.
    `region` (ISO country code) lets shoppers type a national number without the country code.
    """
    try:
        number = phonenumbers.parse(value, region or None)
    except phonenumbers.NumberParseException as exc:
        number, error = None, exc
    if number is not None and number.extension:
        raise PhoneNumberError("extension")
    if any(char.isalpha() for char in value):
        raise PhoneNumberError("letters")
    if number is None:
        raise PhoneNumberError("invalid", str(error))
    if any(not char.isdigit() and char not in PHONE_PUNCTUATION for char in value):
        raise PhoneNumberError("invalid", "unexpected characters")
    if not phonenumbers.is_valid_number(number):
        raise PhoneNumberError("invalid", "not a valid number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_prefix(country: str) -> str:
    """`+7 ` for KZ: how the phone field starts for a visitor from that country."""
    code = phonenumbers.country_code_for_region(country or "KZ")
    return f"+{code} " if code else ""


def whatsapp_digits(value: str) -> str:
    """The number as wa.me wants it (E.164 without the plus), or "" when it is not a number."""
    try:
        return normalise_phone(value).removeprefix("+")
    except PhoneNumberError:
        return ""


def validate_phone(value: str, region: str | None = None) -> str:
    """normalise_phone for forms and models: the E.164 number, or the ValidationError to show."""
    try:
        return normalise_phone(value, region)
    except PhoneNumberError as exc:
        raise ValidationError(PHONE_ERRORS[exc.code], code=exc.code) from None


class TelInput(forms.TextInput):
    """A one-line phone input: `type="tel"` brings up the phone keypad."""

    input_type = "tel"


class PhoneNumberField(forms.CharField):
    """A phone number with country code, cleaned to E.164 whatever the browser sent (H15, H41)."""

    widget = TelInput

    def __init__(self, *, region: str | None = None, **kwargs):
        self.region = region
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        return attrs

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return validate_phone(value, self.region)
