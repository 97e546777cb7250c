"""Server-side analytics events, sent only when the visitor's consent allows.

P12/H26: events carry no personal field; P15: EU host, signed-in shoppers are known only by
their opaque `analytics_id`; H34: the posthog client queues events for a background thread
with a short timeout, so a slow or dead PostHog never slows a request.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest
from posthog import Posthog

from legal.consent import analytics_allowed

logger = logging.getLogger(__name__)

_CONFIG_ATTRIBUTE = "_nera_analytics_config"

# Property names that could hold personal data (P12): parts found anywhere in the name...
PERSONAL_KEY_PARTS = (
    "email",
    "phone",
    "address",
    "street",
    "postal",
    "password",
    "token",
    "message",
    "instructions",
    "useragent",
    "user_agent",
    "surname",
)
# ...and short words that count only as a whole word of the name (so "shipping" is fine).
PERSONAL_KEY_WORDS = frozenset({"ip", "mail", "tel", "zip", "city", "name", "first", "last"})
# Keys PostHog itself needs that would otherwise trip the checks.
ALLOWED_KEYS = frozenset({"$process_person_profile", "$geoip_disable", "$lib", "$lib_version"})
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_RE = re.compile(r"\+?\d[\d\s().-]{7,}\d")
_IP_RE = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b|\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}", re.I)
_AMOUNT_RE = re.compile(r"-?\d{1,9}(?:\.\d{1,2})?")


# H40: paths that carry a secret or a reference, with what stands in for it in an event. The
# language prefix is any first segment. The browser gets the same list (analytics.js).
SECRET_PATHS = (
    (r"^(/[^/]+/account/confirm-email/)[^/?#]+", "$1:key"),
    (r"^(/[^/]+/account/password/reset/key/)[^/?#]+", "$1:key"),
    (r"^(/[^/]+/checkout/done/)[^/?#]+", "$1:reference"),
)
_SECRET_PATHS = tuple(
    (re.compile(pattern), replacement.replace("$1", r"\1")) for pattern, replacement in SECRET_PATHS
)
# Event properties that hold a URL or a path of this site.
URL_KEYS = frozenset(
    {"$current_url", "$referrer", "$initial_current_url", "$initial_referrer", "$pathname"}
)


def carries_secret(path: str) -> bool:
    """Whether a page at `path` shows a secret or reference in its address (H40)."""
    return any(pattern.match(path) for pattern, _ in _SECRET_PATHS)


def scrub_url(url: str) -> str:
    """The URL without query, fragment, or any secret in its path (H40)."""
    parts = urlsplit(url)
    path = parts.path
    for pattern, replacement in _SECRET_PATHS:
        path = pattern.sub(replacement, path)
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _looks_like_phone(value: str) -> bool:
    """Nine or more digits written like a phone number; amounts such as "24000.00" are not."""
    if _AMOUNT_RE.fullmatch(value.strip()) and "." in value:
        return False
    return any(
        sum(ch.isdigit() for ch in match.group(0)) >= 9 for match in _PHONE_RE.finditer(value)
    )


@dataclass(frozen=True)
class AnalyticsConfig:
    key: str
    host: str

    @property
    def assets_host(self) -> str:
        """posthog-js loads its code from the assets host beside the API host."""
        return self.host.replace(".i.posthog.com", "-assets.i.posthog.com")

    @property
    def csp_hosts(self) -> list[str]:
        hosts = []
        for url in (self.host, self.assets_host):
            parts = urlsplit(url)
            origin = f"{parts.scheme}://{parts.netloc}"
            if origin not in hosts:
                hosts.append(origin)
        return hosts


def analytics_config(request: HttpRequest) -> AnalyticsConfig | None:
    """The PostHog key and host for this site: the CMS setting, else the environment; or None."""
    if hasattr(request, _CONFIG_ATTRIBUTE):
        return getattr(request, _CONFIG_ATTRIBUTE)
    key = ""
    try:
        from legal.models import AnalyticsSettings

        key = AnalyticsSettings.for_request(request).posthog_key.strip()
    except Exception:  # no site for this host, or the table is not there yet
        logger.debug("Analytics settings not available for this request.")
    key = key or settings.POSTHOG_KEY.strip()
    config = AnalyticsConfig(key=key, host=settings.POSTHOG_HOST.rstrip("/")) if key else None
    setattr(request, _CONFIG_ATTRIBUTE, config)
    return config


def looks_personal(key: str, value: Any) -> bool:
    """Whether a property could carry personal data by its name or its value (P12)."""
    if key in ALLOWED_KEYS:
        return False
    lowered = key.lower()
    if any(part in lowered for part in PERSONAL_KEY_PARTS):
        return True
    if PERSONAL_KEY_WORDS & set(re.split(r"[^a-z0-9]+", lowered)):
        return True
    if isinstance(value, str):
        return bool(_EMAIL_RE.search(value) or _looks_like_phone(value) or _IP_RE.search(value))
    # Nested structures are not inspected: they are dropped.
    return isinstance(value, dict | list | tuple)


def scrub_properties(properties: dict[str, Any] | None) -> dict[str, Any]:
    """Only plain, non-personal values survive."""
    clean: dict[str, Any] = {}
    for key, value in (properties or {}).items():
        if not isinstance(key, str) or looks_personal(key, value):
            continue
        if value is None or isinstance(value, bool | int | float | str):
            clean[key] = value
    return clean


# PostHog's own keys are kept (library, version, flags), except these that hold person data.
DROPPED_POSTHOG_KEYS = frozenset({"$ip", "$set", "$set_once"})


def _before_send(event: dict) -> dict:
    """Last line of defence inside the client: scrub again whatever reaches the queue."""
    properties = event.get("properties") or {}
    kept = {
        key: value
        for key, value in properties.items()
        if isinstance(key, str) and key.startswith("$") and key not in DROPPED_POSTHOG_KEYS
    }
    kept.update(scrub_properties({k: v for k, v in properties.items() if k not in kept}))
    for key in DROPPED_POSTHOG_KEYS:
        kept.pop(key, None)
    for key in URL_KEYS & kept.keys():
        if isinstance(kept[key], str):
            kept[key] = scrub_url(kept[key])
        else:
            kept.pop(key)
    kept["$geoip_disable"] = True
    event["properties"] = kept
    return event


@lru_cache(maxsize=8)
def _client(key: str, host: str):
    """One posthog client per key and host per process (a background thread sends batches)."""
    return Posthog(
        key,
        host=host,
        timeout=settings.POSTHOG_TIMEOUT,
        max_retries=1,
        disable_geoip=True,
        flush_interval=0.5,
        before_send=_before_send,
        on_error=lambda error, _batch: logger.warning(
            "PostHog upload failed: %s", type(error).__name__
        ),
    )


def posthog_client(config: AnalyticsConfig):
    return _client(config.key, config.host)


def distinct_id_for(request: HttpRequest, config: AnalyticsConfig) -> str:
    """The id the browser uses: the opaque analytics id when signed in, else posthog-js' cookie."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "analytics_id", None):
        return str(user.analytics_id)
    # posthog-js stores URI-encoded JSON in its cookie.
    raw = unquote(request.COOKIES.get(f"ph_{config.key}_posthog", ""))
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return ""
    distinct_id = value.get("distinct_id") if isinstance(value, dict) else None
    if isinstance(distinct_id, str) and 0 < len(distinct_id) <= 200:
        return distinct_id
    return ""


def capture_event(request: HttpRequest, event: str, properties: dict | None = None) -> None:
    """Send one event for this visitor, or nothing when consent or configuration says no."""
    try:
        config = analytics_config(request)
        if config is None or not analytics_allowed(request):
            return
        distinct_id = distinct_id_for(request, config)
        if not distinct_id:
            return  # no browser id yet: an event we could not tie to anything is not sent
        clean = scrub_properties(properties)
        # Where it happened, as the browser's events say it, minus secrets (H40).
        clean["$current_url"] = scrub_url(request.build_absolute_uri())
        referrer = request.headers.get("Referer", "")
        if referrer:
            clean["$referrer"] = scrub_url(referrer)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            clean["$process_person_profile"] = False  # same as person_profiles: identified_only
        posthog_client(config).capture(event, distinct_id=distinct_id, properties=clean)
    except Exception:  # analytics must never break a shopper's request
        logger.warning("Analytics event %r was not queued.", event, exc_info=False)
