"""A shared browser: the next person to sign in must not read the last guest's confirmation."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from storefront.checkout.services import SESSION_REFERENCES


@receiver(user_logged_in, dispatch_uid="checkout_forget_references_on_login")
def forget_references_on_login(sender, request, user, **kwargs) -> None:
    """Django keeps a guest's session data through sign-in; the inquiries it sent stay behind.

    The signed-in shopper still sees the inquiries of their own account (own_inquiry).
    """
    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(SESSION_REFERENCES, None)
