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
from ninja.security import APIKeyCookie, APIKeyHeader

from cms.problems import Problem
from storefront.basket.tokens import TOKEN_HEADER, load_basket_session


@dataclass
class Shopper:
    """The caller's basket session, and the token when the basket came from one."""

    session: SessionBase
    token: str | None = None
    extra: dict = field(default_factory=dict)

    def __bool__(self) -> bool:  # ninja treats a falsy result as "not authenticated"
        return True


class BasketTokenAuth(APIKeyHeader):
    """`X-Basket-Token: <token>` (from POST /basket/token/)."""

    param_name = TOKEN_HEADER

    def authenticate(self, request: HttpRequest, key: str | None) -> Shopper | None:
        if not key:
            return None
        session = load_basket_session(key)
        if session is None:
            raise Problem(
                401, "invalid_basket_token", _("The basket token is unknown or has expired.")
            )
        # A token is never a sign-in: a session cookie sent along does not count.
        request.user = AnonymousUser()
        return Shopper(session=session, token=key)


class SessionShopperAuth(APIKeyCookie):
    """The browser's session cookie (may not exist yet: the first add creates the session)."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Shopper:
        return Shopper(session=request.session)


class SignedInAuth(APIKeyCookie):
    """A signed-in shopper's session (CSRF checked on every change)."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None):
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


shopper_auth = [BasketTokenAuth(), SessionShopperAuth()]
signed_in_auth = SignedInAuth()
