"""The anti-spam checks, in one place for every form and the API (P11).

Nothing here stores anything unless a check fires. Rate-limit counters live in the shared cache
under keyed hashes (HMAC with a key derived from SECRET_KEY that changes every day), so neither
an IP nor an email address sits in Redis (P05, H38).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import time
from collections.abc import Mapping
from datetime import date

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django_ratelimit.core import get_usage

from cms.client_ip import client_ip
from legal.antispam.models import SpamReason, SpamRecord

HONEYPOT_FIELD = "website"
TOKEN_FIELD = "form_started"  # noqa: S105 - a field name
_TOKEN_SALT = "legal.antispam.form"  # noqa: S105 - a signing namespace
ANTISPAM_FIELDS = (HONEYPOT_FIELD, TOKEN_FIELD)


def _daily_key(day: date) -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"antispam:{day.isoformat()}".encode(), hashlib.sha256
    ).digest()


def keyed_hash(value: str, *, day: date | None = None) -> str:
    """A value's stand-in for cache keys: stable within a day, useless without SECRET_KEY."""
    key = _daily_key(day or timezone.now().date())
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


def keyed_ip(ip: str, *, day: date | None = None) -> str:
    """The keyed hash of an address; an IPv6 client counts by its /64, as one household does."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return "unknown"
    if address.version == 6:
        address = ipaddress.ip_network(f"{address}/64", strict=False).network_address
    return keyed_hash(str(address), day=day)


def issue_token() -> str:
    """A signed, timestamped, single-use token put into every protected form when it is shown."""
    return signing.dumps({"n": secrets.token_urlsafe(12), "t": time.time()}, salt=_TOKEN_SALT)


def token_problem(token: str) -> str | None:
    """Why a form's token is suspicious (missing, forged, too fast, too old, used), or None."""
    if not token:
        return SpamReason.TOKEN_MISSING
    try:
        data = signing.loads(token, salt=_TOKEN_SALT, max_age=settings.ANTISPAM_MAX_FORM_AGE)
    except signing.SignatureExpired:
        return SpamReason.EXPIRED
    except signing.BadSignature:
        return SpamReason.TOKEN_MISSING
    if time.time() - float(data.get("t", 0)) < settings.ANTISPAM_MIN_SECONDS:
        return SpamReason.TOO_FAST
    if not cache.add(f"antispam:used:{data.get('n')}", 1, timeout=settings.ANTISPAM_MAX_FORM_AGE):
        return SpamReason.REPLAYED
    return None


def submission_problem(data: Mapping[str, str]) -> str | None:
    """The honeypot first (a bot that filled it learns nothing more), then the token."""
    if str(data.get(HONEYPOT_FIELD, "") or "").strip():
        return SpamReason.HONEYPOT
    return token_problem(str(data.get(TOKEN_FIELD, "") or ""))


def record(request: HttpRequest | None, *, form: str, reason: str, email: str = "") -> SpamRecord:
    """The anti-spam record: the only row that holds a client IP (P05, P11)."""
    ip = client_ip(request) if request is not None else ""
    agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    return SpamRecord.objects.create(
        ip=ip or None,
        email=(email or "").strip()[:254],
        user_agent=agent[:500],
        form=form[:40],
        reason=reason,
    )


def _wait(request: HttpRequest, group: str, value: str, rate: str) -> int | None:
    """Count one hit on this limit; the seconds left in its window when it is passed."""
    usage = get_usage(
        request, group=group, key=lambda _group, _request: value, rate=rate, increment=True
    )
    if usage is None or not usage["should_limit"]:
        return None
    return max(int(usage["time_left"]), 1)


def rate_limited(request: HttpRequest, form: str, *, email: str = "") -> int | None:
    """Count one submission; seconds to wait when a limit is passed, else None.

    Per email, per account and per browser session first, then per address with a limit high
    enough for many shoppers behind one carrier's NAT (H37).
    """
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    subjects = {
        "email": keyed_hash(email.strip().lower()) if email else "",
        "session": keyed_hash(session.session_key) if session and session.session_key else "",
        "user": keyed_hash(str(user.pk)) if getattr(user, "is_authenticated", False) else "",
        "ip": keyed_ip(client_ip(request)),
    }
    waits = [
        _wait(request, f"antispam:{form}:{kind}", subjects[kind], rate)
        for kind, rate in settings.ANTISPAM_RATE_LIMITS.get(form, {}).items()
        if subjects.get(kind)
    ]
    waits = [wait for wait in waits if wait]
    return max(waits) if waits else None


def too_many_attempts_message(seconds: int) -> str:
    """What a person sees when a limit fires: when to try again, nothing about the limit."""
    minutes = max(1, -(-seconds // 60))
    return (
        gettext("Too many attempts from here. Please wait and try again.")
        + " "
        + ngettext(
            "You can send the form again in %(count)d minute.",
            "You can send the form again in %(count)d minutes.",
            minutes,
        )
        % {"count": minutes}
    )
