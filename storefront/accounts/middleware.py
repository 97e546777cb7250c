"""Last activity of signed-in shoppers, for the three-year retention rule (P20)."""

from collections.abc import Callable

from django.contrib.auth import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

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


@receiver(user_logged_in, dispatch_uid="accounts_touch_last_activity_on_login")
def _touch_on_login(sender, request, user, **kwargs) -> None:
    touch_last_activity(user)
