"""H07: the Wagtail and Django admin logins share allauth's failed-login limits."""

from functools import wraps

from allauth.account.adapter import get_adapter
from allauth.core import ratelimit
from django.http import HttpRequest
from django.shortcuts import render


def login_failed_key(request: HttpRequest, email: str) -> str:
    """The per-account key of allauth's `login_failed` limit, so every login form counts on it.

    With a key of its own, each form would allow the full number of guesses per account.
    """
    return get_adapter(request)._get_login_attempts_cache_key(request, email=email)


def throttle_failed_logins(view):
    """Refuse further attempts once the IP or the account used up allauth's `login_failed` limit.

    The limits are the shoppers' ones (ACCOUNT_RATE_LIMITS["login_failed"]), counted on the same
    counter in the same shared cache: a guess on any login form uses up the one allowance.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        account = login_failed_key(request, request.POST.get("username", "").strip())
        if not ratelimit.consume(request, action="login_failed", key=account, dry_run=True):
            return render(request, "429.html", status=429)
        response = view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            ratelimit.consume(request, action="login_failed", key=account)
        return response

    return wrapper
