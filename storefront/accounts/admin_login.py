"""H07: the Wagtail and Django admin logins share allauth's failed-login limits."""

from functools import wraps

from allauth.core import ratelimit
from django.shortcuts import render


def throttle_failed_logins(view):
    """Refuse further attempts once the IP or the account used up allauth's `login_failed` limit.

    The limits are the shoppers' ones (ACCOUNT_RATE_LIMITS["login_failed"]), counted in the same
    shared cache, so a staff account cannot be guessed through the admin's own login form.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        account = request.POST.get("username", "").strip().lower()
        if not ratelimit.consume(request, action="login_failed", key=account, dry_run=True):
            return render(request, "429.html", status=429)
        response = view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            ratelimit.consume(request, action="login_failed", key=account)
        return response

    return wrapper
