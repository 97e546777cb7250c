"""Reauthentication before sensitive actions (H05), for any view of the project.

Changing email or password uses it through allauth (ACCOUNT_REAUTHENTICATION_REQUIRED);
exporting and deleting data wrap their views with `reauthentication_required` or call
`require_recent_authentication(request)`. allauth's AccountMiddleware turns the exception into
a redirect to the password prompt, and back to the original page afterwards.
"""

from allauth.account.decorators import reauthentication_required
from allauth.account.internal.flows.reauthentication import (
    did_recently_reauthenticate,
    raise_if_reauthentication_required,
)
from django.http import HttpRequest

__all__ = ["reauthentication_required", "recently_reauthenticated", "require_recent_authentication"]


def recently_reauthenticated(request: HttpRequest) -> bool:
    """Whether the shopper confirmed their password within ACCOUNT_REAUTHENTICATION_TIMEOUT."""
    return did_recently_reauthenticate(request)


def require_recent_authentication(request: HttpRequest) -> None:
    """Raise allauth's ReauthenticationRequired unless the password was confirmed recently."""
    raise_if_reauthentication_required(request, app="")
