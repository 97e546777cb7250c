"""Last activity of signed-in shoppers (P20), and no caching of account pages."""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from storefront.accounts.services import touch_last_activity


class LastActivityMiddleware:
    """After each signed-in request, touch `last_activity` when it is a day old or more.

    The user is already loaded by then on every account page; the check is in Python, so the
    database sees at most one UPDATE per user per day.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            touch_last_activity(user)
        return response


# /<lang>/account/... : profile, address book, email and password, privacy (export, deletion).
ACCOUNT_PATH = re.compile(r"^/[^/]+/account/")


class AccountPagesNoStoreMiddleware:
    """Every account page leaves with `Cache-Control: private, no-store` (as checkout's never_cache).

    Names, addresses and emails must not stay in a shared or back-button cache; one middleware
    covers allauth's views and ours alike.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if ACCOUNT_PATH.match(request.path_info):
            add_never_cache_headers(response)
        return response
