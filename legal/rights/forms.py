"""The account deletion form: the password again (P26), and a box to confirm."""

from allauth.account.forms import ReauthenticateForm
from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(ReauthenticateForm):
    """allauth checks the password (with its rate limits); the box says the shopper means it."""

    confirm = forms.BooleanField(
        label=_("I understand that my account and its data will be deleted for good."),
        required=True,
    )
