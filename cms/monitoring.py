"""Error reports without personal data (P13, H27).

Honeybadger's own filters match whole keys only and its Django plugin adds the session, every
cookie, the client address and the signed-in user's email. `scrub_notice` runs last, on the
finished payload, and removes all of that; a report keeps the exception, the backtrace, the
route and the request id, which is what a developer needs to find the bug.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

FILTERED = "[FILTERED]"

# Keys whose values never leave: form fields of checkout, sign-up and the address book,
# credentials, cookies, the session and anything naming a client address.
PARAMS_FILTERS = [
    "password",
    "password1",
    "password2",
    "oldpassword",
    "csrfmiddlewaretoken",
    "CSRF_COOKIE",
    "first_name",
    "last_name",
    "email",
    "login",
    "phone",
    "street",
    "building_type",
    "city",
    "region",
    "postal_code",
    "country",
    "instructions",
    "key",
    "token",
    "sessionid",
    "csrftoken",
    "nera_consent",
    "HTTP_COOKIE",
    "HTTP_AUTHORIZATION",
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_FORWARDED",
]
_SENSITIVE_KEY = re.compile(
    r"pass|secret|token|key|csrf|session|cookie|auth|mail|phone|name|street|address|building"
    r"|city|region|postal|zip|country|instruction|message|login|user|ip|forward|remote|client",
    re.IGNORECASE,
)
_SENSITIVE_VALUE = re.compile(
    r"[^\s@<>\"']+@[^\s@<>\"']+\.[^\s@<>\"']+"  # an email address
    r"|\+?\d[\d\s().-]{5,}\d"  # a phone number or any long run of digits
    r"|\b(?:\d{1,3}\.){3}\d{1,3}\b"  # an IPv4 address
    r"|\b(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}\b",  # an IPv6 address
    re.IGNORECASE,
)
# Request metadata worth keeping: how the request came, not who sent it.
_KEPT_CGI = {"REQUEST_METHOD", "SERVER_PROTOCOL", "CONTENT_TYPE", "CONTENT_LENGTH", "HTTP_ACCEPT"}


def scrub_text(value: str, known: tuple[str, ...] = ()) -> str:
    """Personal-looking text out, and every value this request submitted (`known`)."""
    for item in known:
        value = value.replace(item, FILTERED)
    return _SENSITIVE_VALUE.sub(FILTERED, value)


def _request_values(request: Any) -> tuple[str, ...]:
    """What the request carried or whom it served: an error message may repeat any of it."""
    if request is None:
        return ()
    values: set[str] = set()
    for query in (getattr(request, "POST", None), getattr(request, "GET", None)):
        for _key, items in query.lists() if query is not None else []:
            values.update(str(item).strip() for item in items)
    user = getattr(request, "user", None)
    if getattr(user, "is_authenticated", False):
        values.update(str(getattr(user, name, "")) for name in ("email", "first_name", "last_name"))
    meta = getattr(request, "META", {})
    values.update(str(meta.get(name, "")) for name in ("REMOTE_ADDR", "HTTP_X_FORWARDED_FOR"))
    # Longest first, so a street is not left half-replaced by a shorter value inside it.
    return tuple(sorted((v for v in values if len(v) >= 3), key=len, reverse=True))


def scrub_value(value: Any) -> Any:
    """Filter sensitive keys at any depth and personal-looking text in every other value."""
    if isinstance(value, dict):
        return {
            key: FILTERED if _SENSITIVE_KEY.search(str(key)) else scrub_value(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [scrub_value(item) for item in value]
    if isinstance(value, str):
        return scrub_text(value)
    return value


def _route(request: Any) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None and getattr(match, "route", None):
        return "/" + match.route
    return FILTERED


class PersonalDataLogFilter(logging.Filter):
    """Log lines keep what happened, not who: no submitted value, contact detail or client IP
    (H29). Django's request logger passes the request and its path (which can hold a
    reference or a reset key); both are reduced to the route."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        known = _request_values(request) if hasattr(request, "META") else ()
        message = record.getMessage()
        if hasattr(request, "path"):
            message = message.replace(request.path, _route(request))
            record.request = f"{request.method} {_route(request)}"
        record.msg, record.args = scrub_text(message, known), ()
        if record.exc_info:
            text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_info, record.exc_text = None, scrub_text(text, known)
        elif record.exc_text:
            record.exc_text = scrub_text(record.exc_text, known)
        return True


def _route_url(url: str) -> str:
    """The URL as its route pattern: paths can carry a reset key or an inquiry reference (H40)."""
    from honeybadger.contrib.django import current_request

    request = current_request()
    match = getattr(request, "resolver_match", None) if request is not None else None
    origin = url.split("/", 3)[:3]
    if match is not None and getattr(match, "route", None):
        return "/".join(origin) + "/" + match.route
    return "/".join(origin) + "/" + FILTERED


def scrub_payload(payload: dict, known: tuple[str, ...] = ()) -> dict:
    request = payload.setdefault("request", {})
    request["session"] = FILTERED if request.get("session") else {}
    request["local_variables"] = None
    request["params"] = {key: FILTERED for key in (request.get("params") or {})}
    request["cgi_data"] = {
        key: value for key, value in (request.get("cgi_data") or {}).items() if key in _KEPT_CGI
    }
    request["context"] = scrub_value(request.get("context") or {})
    if request.get("url"):
        request["url"] = _route_url(request["url"])
    error = payload.get("error") or {}
    if isinstance(error.get("message"), str):
        error["message"] = scrub_text(error["message"], known)
    for cause in error.get("causes") or []:
        if isinstance(cause.get("message"), str):
            cause["message"] = scrub_text(cause["message"], known)
    if "breadcrumbs" in payload:
        payload["breadcrumbs"] = scrub_value(payload["breadcrumbs"])
    return payload


def scrub_notice(notice: Any) -> Any:
    """Honeybadger's `before_notify`: a notice that cannot be scrubbed is not sent at all.

    Honeybadger sends the unfiltered notice when this hook raises, so nothing here may raise.
    """
    try:
        from honeybadger.contrib.django import current_request

        scrub_payload(notice.payload, _request_values(current_request()))
    except Exception:  # noqa: BLE001
        return None
    return notice


def honeybadger_settings(api_key: str, environment: str, endpoint: str = "") -> dict:
    """The HONEYBADGER setting read by honeybadger.contrib.DjangoHoneybadgerMiddleware."""
    config = {
        "API_KEY": api_key,
        "ENVIRONMENT": environment,
        "PARAMS_FILTERS": PARAMS_FILTERS,
        "REPORT_LOCAL_VARIABLES": False,
        "INSIGHTS_ENABLED": False,
        "BEFORE_NOTIFY": scrub_notice,
    }
    if endpoint:
        config["ENDPOINT"] = endpoint
    return config
