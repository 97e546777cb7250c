"""Texts from Django and allauth that shoppers see on the account pages.

Neither ships a complete Kazakh catalogue, so these msgids are listed here for makemessages and
translated in the project's catalogue (which takes precedence). Nothing imports this module.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

THIRD_PARTY_TEXTS = [
    # allauth
    gettext_noop("You must type the same password each time."),
    gettext_noop("Enter a valid email address."),
    # Django's password validators (AUTH_PASSWORD_VALIDATORS)
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        8,
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
]
