"""Who is calling the storefront API: a browser session (CSRF checked) or a basket token.

Browsers use the session cookie, like the HTML site; every state change then needs the CSRF
token (H11). Clients without cookies send `X-Basket-Token`; a token is a guest's basket and
never a sign-in, and a custom header cannot be forged by another site, so no CSRF is needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie
from ninja.utils import check_csrf

from cms.problems import Problem
from storefront.basket.tokens import load_basket_session


@dataclass
class Shopper:
    """The caller's basket session, and the token when the basket came from one."""

    session: SessionBase
    token: str | None = None
    extra: dict = field(default_factory=dict)

    def __bool__(self) -> bool:  # ninja treats a falsy result as "not authenticated"
        return True


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
BASKET_HEADER_HELP = "A basket token from POST /basket/token/ (clients without cookies)."


def require_csrf(request: HttpRequest) -> None:
    """Refuse a change sent with the session cookie but without the CSRF token (H11)."""
    if request.method not in SAFE_METHODS and check_csrf(request) is not None:
        raise Problem(403, "csrf_failed", _("The CSRF token is missing or wrong."))


def shopper_for(request: HttpRequest, token: str | None) -> Shopper:
    """The basket's session: the token's when a token is sent, else the browser's session.

    The token is an optional header rather than an auth scheme: a first-time browser without
    any cookie is a legitimate shopper too.
    """
    if token:
        session = load_basket_session(token)
        if session is None:
            raise Problem(
                401, "invalid_basket_token", _("The basket token is unknown or has expired.")
            )
        # A token is never a sign-in: a session cookie sent along does not count.
        request.user = AnonymousUser()
        return Shopper(session=session, token=token)
    require_csrf(request)
    return Shopper(session=request.session)


class SignedInAuth(APIKeyCookie):
    """A signed-in shopper's session (CSRF checked on every change)."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


signed_in_auth = SignedInAuth()
