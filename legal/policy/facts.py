"""The facts a privacy policy states that the running system decides.

Each function reads the live configuration (operator settings, the forms, the cookie groups,
the personal-data registry, the processor snippets) and returns plain rows. The policy's live
blocks render these rows and the page API returns them, so the text and the system cannot
disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from fnmatch import fnmatchcase

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from legal import registry
from legal.antispam.services import ANTISPAM_FIELDS

# The eight operator details of P01, in the order the policy and the footer show them.
OPERATOR_FIELDS: tuple[tuple[str, object], ...] = (
    ("trading_name", _("Trading name")),
    ("legal_name", _("Legal name")),
    ("bin", _("BIN")),
    ("legal_address", _("Legal address")),
    ("shop_address", _("Shop address")),
    ("email", _("Email")),
    ("phone", _("Phone")),
    ("hosting_provider", _("Hosting provider")),
)


def operator_rows(site) -> list[dict]:
    """Label and value of every operator detail (empty ones included, so a gap is visible)."""
    from home.models import OperatorSettings

    operator = OperatorSettings.for_site(site) if site is not None else OperatorSettings()
    return [
        {"field": name, "label": str(label), "value": getattr(operator, name, "") or ""}
        for name, label in OPERATOR_FIELDS
    ]


# --- Data collected per form (P02, P03) ---


def _checkout_form() -> forms.Form:
    from storefront.checkout.forms import CheckoutForm

    return CheckoutForm()


def _signup_form() -> forms.Form:
    from storefront.accounts.forms import SignupForm

    return SignupForm()


def _address_form() -> forms.Form:
    from storefront.accounts.forms import AddressForm

    return AddressForm()


@dataclass(frozen=True)
class FormSource:
    label: object
    build: Callable[[], forms.Form]
    # Fields that repeat another one (a password typed twice) are listed once.
    repeats: frozenset[str] = frozenset()


FORMS: dict[str, FormSource] = {
    "checkout": FormSource(_("Checkout form"), _checkout_form),
    "signup": FormSource(_("Sign-up form"), _signup_form, frozenset({"password2"})),
    "address": FormSource(_("Saved delivery address"), _address_form),
}


def form_field_rows(form_key: str) -> list[dict]:
    """The visible fields a shopper fills in on the form, with their labels and whether required."""
    source = FORMS[form_key]
    form = source.build()
    rows = []
    for name, field in form.fields.items():
        # The anti-spam honeypot is left empty by every person: it collects nothing (P11).
        if field.widget.is_hidden or name in source.repeats or name in ANTISPAM_FIELDS:
            continue
        rows.append({"field": name, "label": str(field.label), "required": field.required})
    return rows


# --- Cookies and browser storage (P14, P34) ---

WEEK = 7 * 24 * 60 * 60
DAY = 24 * 60 * 60


def duration_text(seconds: int) -> str:
    """A cookie lifetime in words: '2 weeks', '6 months', '1 year'."""
    days = round(seconds / DAY)
    if days >= 360 and days % 365 in (0, 1, 364):
        years = round(days / 365)
        return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
    if days >= 28:
        months = round(days / 30.4)
        return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}
    if days % 7 == 0 and days >= 7:
        weeks = days // 7
        return ngettext("%(n)d week", "%(n)d weeks", weeks) % {"n": weeks}
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}


# PostHog keeps its cookie for a year (posthog-js' cookie_expiration default).
POSTHOG_COOKIE_AGE = 365 * DAY


def _lifetimes() -> dict[str, str]:
    """How long each cookie lives, read from the settings that set it."""
    return {
        settings.SESSION_COOKIE_NAME: str(
            _("%(age)s after your last visit") % {"age": duration_text(settings.SESSION_COOKIE_AGE)}
        ),
        settings.CSRF_COOKIE_NAME: duration_text(settings.CSRF_COOKIE_AGE),
        settings.LANGUAGE_COOKIE_NAME: duration_text(settings.LANGUAGE_COOKIE_AGE),
        settings.COOKIE_CONSENT_NAME: duration_text(settings.COOKIE_CONSENT_MAX_AGE),
        "messages": str(_("Until the notice has been shown")),
        "ph_*": str(
            _(
                "Cookie: %(age)s; browser storage: until analytics is switched off or the tab "
                "is closed"
            )
            % {"age": duration_text(POSTHOG_COOKIE_AGE)}
        ),
    }


# Purposes in the shopper's language; an editor's own cookie rows show their own description.
COOKIE_PURPOSES = {
    "sessionid": _("Your session: the basket and whether you are signed in."),
    "csrftoken": _("Protects the shop's forms against forged submissions from other sites."),
    "nera_language": _("Remembers the language you chose."),
    "nera_consent": _("Remembers your cookie choice and its random consent id."),
    "messages": _("Carries a one-time notice, such as 'You have signed in', to the next page."),
    "ph_*": _(
        "PostHog analytics: a random visitor id and the current visit, as a cookie and in the "
        "browser's local and session storage."
    ),
}

COOKIE_KINDS = {
    "ph_*": _("Cookie and browser storage"),
}


def cookie_rows() -> list[dict]:
    """Every cookie and storage key of the cookie-consent groups, with purpose, lifetime, group."""
    from cookie_consent.models import CookieGroup

    from legal.consent import group_name

    lifetimes = _lifetimes()
    rows = []
    groups = CookieGroup.objects.prefetch_related("cookie_set").order_by("ordering", "pk")
    for group in groups:
        for cookie in sorted(group.cookie_set.all(), key=lambda cookie: cookie.pk):
            purpose = COOKIE_PURPOSES.get(cookie.name)
            rows.append(
                {
                    "name": cookie.name,
                    "purpose": str(purpose) if purpose else cookie.description,
                    "lifetime": lifetimes.get(cookie.name, str(_("Set by the description"))),
                    "kind": str(COOKIE_KINDS.get(cookie.name, _("Cookie"))),
                    "group": group_name(group),
                    "required": group.is_required,
                }
            )
    return rows


def is_disclosed(name: str, patterns: list[str]) -> bool:
    """Whether a cookie or storage key is covered by a disclosed name (which may end in *)."""
    return any(fnmatchcase(name, pattern) for pattern in patterns)


# --- Retention (P19-P23, P33) ---


def period_text(keep_for: timedelta) -> str:
    days = keep_for.days
    if days >= 360:
        years = round(days / 365.25)
        return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
    if days >= 28 and days % 30 != 0:
        months = round(days / 30.4)
        return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}


def retention_rows() -> list[dict]:
    """The enforced rules of the personal-data registry, then the declared ones (e.g. PostHog)."""
    rows = []
    for entry in registry.entries():
        rule = entry.retention
        if rule is None:
            continue
        rows.append(
            {
                "key": entry.key,
                "data": str(entry.description),
                "period": period_text(rule.keep_for),
                "end": str(rule.description),
                "enforced": True,
            }
        )
    for declared in registry.declared_retentions():
        rows.append(
            {
                "key": declared.key,
                "data": str(declared.data),
                "period": period_text(declared.keep_for),
                "end": str(declared.description),
                "enforced": False,
            }
        )
    return rows


# --- Processors (P18, P35) ---


def processor_rows(locale=None) -> list[dict]:
    """The processor snippets in the reader's language (the default language where missing)."""
    from wagtail.models import Locale

    from legal.policy.models import Processor

    locale = locale or Locale.get_active()
    default = Locale.get_default()
    rows = {}
    for processor in Processor.objects.filter(locale=default).order_by("sort_order", "pk"):
        rows[processor.translation_key] = processor
    if locale.pk != default.pk:
        for processor in Processor.objects.filter(locale=locale):
            if processor.translation_key in rows:
                rows[processor.translation_key] = processor
    return [
        {
            "name": processor.name,
            "purpose": processor.purpose,
            "data_shared": processor.data_shared,
            "server_location": processor.server_location,
            "transfer_safeguard": processor.transfer_safeguard,
            "website": processor.website,
        }
        for processor in rows.values()
    ]


# --- Rights (P24-P29, P35) ---

# Rights requests are answered within this many days (P29).
RIGHTS_ANSWER_DAYS = 30


def account_privacy_url() -> str:
    """Where a signed-in shopper uses their rights themselves (export, correction, deletion).

    The account's privacy area when the site has one, else the account profile.
    """
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("legal:account_privacy")
    except NoReverseMatch:
        return reverse("accounts:profile")


def rights_facts(site) -> dict:
    from django.urls import reverse

    from home.models import OperatorSettings

    operator = OperatorSettings.for_site(site) if site is not None else OperatorSettings()
    return {
        "account_url": account_privacy_url(),
        "cookie_settings_url": reverse("legal:cookie_settings"),
        "contact_email": operator.email,
        "answer_days": RIGHTS_ANSWER_DAYS,
    }
