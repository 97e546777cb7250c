"""The allauth adapter: our error texts, last activity at sign-up, email that survives a provider outage."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.client_ip import client_ip
from legal.antispam.services import keyed_ip
from storefront.accounts.services import on_site, signed_in_recently
from storefront.accounts.tasks import schedule_retry, serialise_message

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    # Our own msgids so that Kazakh (which allauth does not ship) is covered by the project catalogue.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is currently inactive."),
        "duplicate_email": _("This email address is already associated with this account."),
        "email_password_mismatch": _(
            "The email address and/or password you specified are not correct."
        ),
        "email_taken": _("A user is already registered with this email address."),
        "enter_current_password": _("Please type your current password."),
        "incorrect_password": _("Incorrect password."),
        "invalid_or_expired_key": _("Invalid or expired key."),
        "invalid_login": _("Invalid login."),
        "invalid_password_reset": _("The password reset token was invalid."),
        "too_many_login_attempts": _("Too many failed login attempts. Try again later."),
        "unknown_email": _("The email address is not assigned to any user account."),
        "unverified_primary_email": _("Your primary email address must be verified."),
        "same_as_current": _("The new value must be different from the current one."),
        "rate_limited": _("Be patient, you are sending too many requests."),
    }

    def get_client_ip(self, request) -> str:
        """allauth keys its rate limits on this: a keyed hash, never the address (P05, H38).

        The one client-address rule (trusted proxies) is cms.client_ip, as for the country lookup.
        """
        return keyed_ip(client_ip(request))

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """One failed-login counter per account, whatever Host header the guesses name.

        allauth prefixes the host, so every name in ALLOWED_HOSTS would allow the guesses again;
        the admin logins use this key too (storefront.accounts.admin_login).
        """
        return str(credentials.get("email", credentials.get("username", ""))).strip().lower()

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Email and password changes: a password typed at sign-in a moment ago is enough (H05).

        allauth counts only its reauthentication prompt, so right after signing in the shopper
        was asked again. Export and deletion (app "") still want the password confirmed.
        """
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        if app != "allauth.account":
            return True
        return not signed_in_recently(self.request)

    def save_user(self, request, user, form, commit=True):
        # The retention clock (P20) starts at sign-up, not at the first later visit.
        user.last_activity = timezone.now()
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Send, and when the provider fails: log without personal data and queue a retry (H35).

        The caller (sign-up, password reset) carries on, so no account is lost to an outage.
        """
        request = allauth_context.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "shop_name": settings.WAGTAIL_SITE_NAME,
        }
        ctx.update(context)
        # allauth builds every link (activate_url, password_reset_url, signup_url) from the
        # request's host: put them on the configured address instead.
        for key, value in ctx.items():
            if key.endswith("_url") and isinstance(value, str) and value:
                ctx[key] = on_site(value)
        message = self.render_mail(template_prefix, email, ctx)
        kind = template_prefix.rsplit("/", 1)[-1]
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - any provider failure must not lose the account
            # Never str(exc): anymail's errors name the recipient.
            logger.warning(
                "Account email %r failed (%s); queued a retry.", kind, type(exc).__name__
            )
            schedule_retry(kind, serialise_message(message), attempt=2)

    def send_confirmation_mail(self, request, emailconfirmation, signup: bool) -> None:
        """An address another account uses gets a notice instead of a link (H04).

        The page answers as for a free address (allauth keeps the change pending), so the person
        changing their email learns nothing; the owner learns of the attempt, and no link exists
        that would move their address to another account.
        """
        address = emailconfirmation.email_address
        owners = [
            user for user in filter_users_by_email(address.email) if user.pk != address.user_id
        ]
        if signup or not owners:
            super().send_confirmation_mail(request, emailconfirmation, signup)
            return
        self.send_mail(
            "account/email/email_taken",
            address.email,
            {"user": owners[0], "password_reset_url": reverse("account_reset_password")},
        )

    def send_notification_mail(self, template_prefix, user, context=None, email=None) -> None:
        """Tell the account's address (the old one, for an email change) that something changed.

        Our templates show the time and a way back (the reset link), not the keyed IP hash
        allauth adds, which would mean nothing to the reader.
        """
        ctx = {"user": user, "password_reset_url": reverse("account_reset_password")}
        ctx.update(context or {})
        super().send_notification_mail(template_prefix, user, context=ctx, email=email)

    def render_mail(self, template_prefix, email, context, headers=None) -> EmailMessage:
        # Recipients get their name beside the address and nothing else (P09).
        user = context.get("user")
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if user is not None and getattr(user, "email", "").lower() == str(email).lower():
            name = user.get_full_name() if hasattr(user, "get_full_name") else ""
            if name:
                quoted = name.replace("\\", "\\\\").replace('"', '\\"')
                # Not email.utils.formataddr: it would RFC 2047-encode Cyrillic names for the API.
                message.to = [f'"{quoted}" <{email}>']
        return message
