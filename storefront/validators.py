"""Rules for the free text shoppers type (names, addresses): one place for every form (H41).

Bidirectional control characters reorder what staff read in the admin and in the WhatsApp
message (U+202E turns "Abay 10" into "01 yabA" around it), so they are refused, not removed:
the shopper sees what was wrong. A value made only of invisible characters looks filled in but
says nothing, so it is refused too.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Embeddings and overrides, isolates, the left-to-right/right-to-left marks and the Arabic mark.
BIDI_CONTROLS = frozenset(
    [chr(code) for code in range(0x202A, 0x202F)]
    + [chr(code) for code in range(0x2066, 0x206A)]
    + ["\u200e", "\u200f", "\u061c"]
)
# Characters that draw nothing although Unicode does not file them as spaces or format marks.
BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")
# Format (Cf: zero-width space, joiners, BOM...), controls, separators and spaces.
INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp"})

BIDI_MESSAGE = _(
    "Remove the hidden text-direction characters: they change how the text is shown to us."
)
INVISIBLE_MESSAGE = _("Enter visible letters or digits, not only spaces or invisible characters.")


def is_invisible(char: str) -> bool:
    return char in BLANK_LOOKING or unicodedata.category(char) in INVISIBLE_CATEGORIES


def validate_visible_text(value: str) -> None:
    """Refuse bidi controls anywhere, and values that are nothing but invisible characters."""
    if not value:
        return  # empty: the field's own `required` decides
    if any(char in BIDI_CONTROLS for char in value):
        raise ValidationError(BIDI_MESSAGE, code="bidi_control")
    if all(is_invisible(char) for char in value):
        raise ValidationError(INVISIBLE_MESSAGE, code="invisible")


def add_text_validators(form, names) -> None:
    """Attach the rule to the named fields of a form (checkout, address book, profile)."""
    for name in names:
        if name in form.fields:
            form.fields[name].validators.append(validate_visible_text)
