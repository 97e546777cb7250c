"""Baskets for clients without cookies (native apps, servers): an opaque token per basket.

The token names a session of its own that holds only the basket (and the references of the
inquiries sent from it), so the Basket service works unchanged and the basket expires like a
browser's: two weeks after its last use (P07). A browser's session key is never accepted as a
token: only sessions created here carry the marker.
"""

from __future__ import annotations

import re
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

TOKEN_HEADER = "X-Basket-Token"  # noqa: S105 (a header name)
_MARKER = "basket_token"
_TOKEN_SHAPE = re.compile(r"[a-z0-9]{32,40}")


def _store() -> type[SessionBase]:
    return import_module(settings.SESSION_ENGINE).SessionStore


def issue_basket_session() -> SessionBase:
    """A new, empty token basket; its `session_key` is the token to hand to the client."""
    session = _store()()
    session[_MARKER] = True
    session.create()
    return session


def load_basket_session(token: str) -> SessionBase | None:
    """The token's basket session, or None when the token is malformed, unknown or expired."""
    if not isinstance(token, str) or not _TOKEN_SHAPE.fullmatch(token):
        return None
    session = _store()(session_key=token)
    if session.get(_MARKER) is not True:
        return None
    return session


def touch(session: SessionBase) -> None:
    """Save the basket and push its expiry two weeks ahead (sliding, like the cookie)."""
    if session.session_key:
        session.save()
