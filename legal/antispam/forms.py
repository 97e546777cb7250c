"""The honeypot and the timing token as a form mixin, for Django's and allauth's forms alike."""

from __future__ import annotations

from typing import Any

from allauth.core import context as allauth_context
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from legal.antispam.services import (
    HONEYPOT_FIELD,
    TOKEN_FIELD,
    issue_token,
    rate_limited,
    record,
    submission_problem,
    too_many_attempts_message,
)

SPAM_MESSAGE = _(
    "Something went wrong while sending the form. Please check your details and send it again."
)


class TimingTokenInput(forms.HiddenInput):
    """Always renders a fresh token: a form shown again after an error starts a new timing."""

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        return super().get_context(name, issue_token(), attrs)


class SpamProtectionMixin:
    """Adds the honeypot and the token; a submission that trips them gets a neutral message,
    keeps everything the person typed, and leaves an anti-spam record (P11).

    Put it before the form class: `class SignupForm(SpamProtectionMixin, allauth.SignupForm)`.
    """

    spam_form_name = "form"
    honeypot_name = HONEYPOT_FIELD

    def __init__(self, *args, **kwargs):
        self.spam_request = kwargs.pop("spam_request", None)
        # A JSON API has no page to carry a honeypot or a timing token: rate limits only.
        self.spam_checks = kwargs.pop("spam_checks", True)
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.fields[TOKEN_FIELD] = forms.CharField(
            required=False, max_length=500, widget=TimingTokenInput
        )

    def clean(self):
        # Before the form's own checks: a bot never gets as far as a password check.
        request = self.spam_request or getattr(self, "request", None) or allauth_context.request
        email = str(self.data.get("email") or self.data.get("login") or "")
        checks = self.spam_checks and settings.ANTISPAM_FORM_CHECKS
        problem = submission_problem(self.data) if checks else None
        if problem:
            record(request, form=self.spam_form_name, reason=problem, email=email)
            raise ValidationError(SPAM_MESSAGE, code="spam")
        wait = rate_limited(request, self.spam_form_name, email=email) if request else None
        if wait:
            # The middleware turns the re-rendered form into a 429 with Retry-After and records it.
            request.antispam_retry_after, request.antispam_form = wait, self.spam_form_name
            request.antispam_email = email
            raise ValidationError(too_many_attempts_message(wait), code="rate_limited")
        cleaned = super().clean()
        for name in (HONEYPOT_FIELD, TOKEN_FIELD):
            cleaned.pop(name, None)
        return cleaned
