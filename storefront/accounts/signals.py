"""The retention clock (P20) restarts at every sign-in, not only at the next page view."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from storefront.accounts.services import touch_last_activity


@receiver(user_logged_in, dispatch_uid="accounts_touch_last_activity_on_login")
def touch_last_activity_on_login(sender, request, user, **kwargs) -> None:
    touch_last_activity(user)
