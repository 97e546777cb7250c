"""Form fields shared by checkout and the address book."""

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _

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


class TelInput(forms.TextInput):
    """A one-line phone input: `type="tel"` brings up the phone keypad."""

    input_type = "tel"


class PhoneNumberField(forms.CharField):
    """A phone number with country code, cleaned to E.164 whatever the browser sent (H15, H41)."""

    default_error_messages = {
        "invalid": _(
            "Enter a valid phone number with its country code, for example +7 707 123 4567."
        ),
        "letters": _(
            "A phone number may contain only digits, spaces, brackets, dashes and a leading +, "
            "not letters."
        ),
        "extension": _(
            "Extensions are not accepted: enter a number that reaches you directly, without an "
            "extension."
        ),
    }

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
        try:
            return normalise_phone(value, self.region)
        except PhoneNumberError as exc:
            raise forms.ValidationError(self.error_messages[exc.code], code=exc.code) from None
