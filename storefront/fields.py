"""Form fields shared by checkout and the address book."""

import phonenumbers
from django import forms
from django.utils.translation import gettext_lazy as _


def normalise_phone(value: str, region: str | None = None) -> str:
    """The number in E.164 (+77071234567), or ValueError when it is not a valid number.

    `region` (ISO country code) lets shoppers type a national number without the country code.
    """
    try:
        number = phonenumbers.parse(value, region or None)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(str(exc)) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class TelInput(forms.TextInput):
    """A one-line phone input: `type="tel"` brings up the phone keypad."""

    input_type = "tel"


class PhoneNumberField(forms.CharField):
    """A phone number with country code, cleaned to E.164 whatever the browser sent (H15)."""

    default_error_messages = {
        "invalid": _(
            "Enter a valid phone number with its country code, for example +7 707 123 4567."
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
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
