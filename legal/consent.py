"""The project's consent layer on top of django-cookie-consent.

django-cookie-consent knows what a visitor explicitly accepted or declined (its consent cookie,
versioned by cookie group) but has one global opt-in/opt-out flag. The per-visitor default
lives here: with no valid choice, EU visitors (and unknown countries) get nothing optional
(P16), everyone else gets analytics on by default (P17). Explicit choices always win, and a
choice made for an older version of the cookie groups counts as no choice, so the banner
returns when the groups change (H24).

The consent cookie also carries a random consent id (`_cid=`) that ties the visitor's choices
to their ConsentRecord rows; the library ignores keys that are not cookie-group names.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from cookie_consent.cache import all_cookie_groups
from cookie_consent.models import Cookie, CookieGroup
from cookie_consent.processor import CookiesProcessor
from cookie_consent.util import (
    get_cookie_dict_from_request,
    get_cookie_value_from_request,
    set_cookie_dict_to_response,
)
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext_lazy as _

from legal.jurisdiction import is_eu
from legal.models import ConsentAction, ConsentRecord

ESSENTIAL = "essential"
ANALYTICS = "analytics"
CONSENT_ID_KEY = "_cid"
# posthog-js keeps its state in cookies and storage keys starting with these (P28/H23).
ANALYTICS_PREFIXES = ("ph_", "__ph_")
_STATE_ATTRIBUTE = "_nera_consent_state"

# Names and descriptions are shown through gettext so that they exist in en, ru and kk; the
# database rows keep the English text for the library's own admin.
GROUP_TEXT = {
    ESSENTIAL: (
        _("Essential"),
        _(
            "Needed for the shop to work: your session (basket and sign-in), protection against "
            "forged forms, your language and this cookie choice. They cannot be switched off."
        ),
    ),
    ANALYTICS: (
        _("Analytics"),
        _(
            "PostHog (EU servers) counts anonymised page views and clicks so that we can improve "
            "the shop. It stores ph_* cookies and browser storage only while analytics is on."
        ),
    ),
}

# The groups and their cookies (name, description); a new cookie row changes the group's
# version, which brings the banner back for everyone who chose before.
COOKIE_GROUPS: dict[str, dict] = {
    ESSENTIAL: {
        "is_required": True,
        "is_deletable": False,
        "ordering": 0,
        "cookies": [
            ("sessionid", "Session: basket and sign-in (2 weeks after the last visit)."),
            ("csrftoken", "Protection against forged form submissions."),
            ("nera_language", "The language you chose."),
            ("nera_consent", "Your cookie choice and its consent id (6 months)."),
            ("messages", "One-time notices such as 'You have signed in' (until shown)."),
        ],
    },
    ANALYTICS: {
        "is_required": False,
        "is_deletable": True,
        "ordering": 10,
        "cookies": [
            ("ph_*", "PostHog: anonymous visitor id and session (cookie and local storage)."),
        ],
    },
}


def ensure_cookie_groups() -> None:
    """Create the cookie groups and cookies if missing; safe to run any number of times."""
    for varname, spec in COOKIE_GROUPS.items():
        name, description = GROUP_TEXT[varname]
        group, _created = CookieGroup.objects.get_or_create(
            varname=varname,
            defaults={
                "name": str(name),
                "description": str(description),
                "is_required": spec["is_required"],
                "is_deletable": spec["is_deletable"],
                "ordering": spec["ordering"],
            },
        )
        for cookie_name, cookie_description in spec["cookies"]:
            Cookie.objects.get_or_create(
                cookiegroup=group,
                name=cookie_name,
                domain="",
                defaults={"description": cookie_description},
            )


def group_name(group: CookieGroup) -> str:
    text = GROUP_TEXT.get(group.varname)
    return str(text[0]) if text else group.name


def group_description(group: CookieGroup) -> str:
    text = GROUP_TEXT.get(group.varname)
    return str(text[1]) if text else group.description


@dataclass(frozen=True)
class ConsentState:
    """What this visitor has chosen and what follows from it, for one request."""

    is_eu: bool
    analytics_choice: bool | None  # True accepted, False declined, None no valid choice
    consent_id: str

    @property
    def analytics_allowed(self) -> bool:
        if self.analytics_choice is not None:
            return self.analytics_choice
        return not self.is_eu

    @property
    def show_banner(self) -> bool:
        """EU visitors without a valid choice get the full banner (P16)."""
        return self.is_eu and self.analytics_choice is None

    @property
    def show_notice(self) -> bool:
        """Visitors outside the EU without a choice get a small notice (P17)."""
        return not self.is_eu and self.analytics_choice is None


def _valid_consent_id(value: str) -> str:
    try:
        return uuid.UUID(value).hex
    except (TypeError, ValueError):
        return ""


def consent_state(request: HttpRequest) -> ConsentState:
    """The visitor's consent state, computed once per request."""
    state = getattr(request, _STATE_ATTRIBUTE, None)
    if state is None:
        state = ConsentState(
            is_eu=is_eu(request),
            analytics_choice=get_cookie_value_from_request(request, ANALYTICS),
            consent_id=_valid_consent_id(get_cookie_dict_from_request(request).get(CONSENT_ID_KEY)),
        )
        setattr(request, _STATE_ATTRIBUTE, state)
    return state


def analytics_allowed(request: HttpRequest) -> bool:
    """Whether this visitor's consent (explicit, or the default for their region) allows analytics."""
    return consent_state(request).analytics_allowed


def optional_groups() -> list[CookieGroup]:
    return sorted(all_cookie_groups().values(), key=lambda group: (group.ordering, group.pk))


def expire_analytics_cookies(request: HttpRequest, response: HttpResponseBase) -> list[str]:
    """Tell the browser to drop every PostHog cookie it sent (withdrawal takes effect at once)."""
    names = [name for name in request.COOKIES if name.startswith(ANALYTICS_PREFIXES)]
    for name in names:
        response.delete_cookie(name, path="/")
    return names


@transaction.atomic
def record_choice(
    request: HttpRequest,
    response: HttpResponseBase,
    action: ConsentAction,
    accepted: Iterable[str] = (),
) -> ConsentRecord | None:
    """Apply a choice through the library, keep the consent id in its cookie, and record it.

    `accepted` names the optional groups to accept (ignored for accept/reject all); every other
    optional group is declined.
    """
    groups = optional_groups()
    if not groups:
        return None
    if action == ConsentAction.ACCEPT_ALL:
        wanted = {group.varname for group in groups}
    elif action == ConsentAction.REJECT_ALL:
        wanted = set()
    else:
        wanted = set(accepted)
    to_accept = [group for group in groups if group.varname in wanted]
    to_decline = [group for group in groups if group.varname not in wanted]

    # The library logs each action (its LogItem) and expires declined groups' cookies; each
    # call writes the consent cookie from the request alone, so the final cookie is written
    # once more below with both parts and the consent id.
    processor = CookiesProcessor(request, response)
    processor.process(to_accept, action="accept")
    processor.process(to_decline, action="decline")

    consent_id = consent_state(request).consent_id or uuid.uuid4().hex
    cookie_dict = get_cookie_dict_from_request(request)
    for group in to_accept:
        cookie_dict[group.varname] = group.get_version()
    for group in to_decline:
        cookie_dict[group.varname] = settings.COOKIE_CONSENT_DECLINE
    cookie_dict[CONSENT_ID_KEY] = consent_id
    set_cookie_dict_to_response(response, cookie_dict)

    if ANALYTICS not in wanted:
        expire_analytics_cookies(request, response)

    user = (
        request.user if getattr(request, "user", None) and request.user.is_authenticated else None
    )
    return ConsentRecord.objects.create(
        consent_id=uuid.UUID(consent_id),
        user=user,
        action=action,
        accepted=sorted(group.varname for group in to_accept),
        declined=sorted(group.varname for group in to_decline),
        group_versions={group.varname: group.get_version() for group in groups},
        is_eu=consent_state(request).is_eu,
    )
