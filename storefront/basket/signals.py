"""Keep the basket across sign-out (P07): Django's logout() flushes the whole session."""

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from storefront.basket.services import SESSION_KEY

# The basket waits on the request between the flush and the end of the response.
CARRIED_ATTRIBUTE = "_basket_carried_over"


@receiver(user_logged_out, dispatch_uid="basket_keep_on_logout")
def stash_basket_on_logout(sender, request, user, **kwargs) -> None:
    """The signal fires just before the flush: keep the basket on the request for the middleware."""
    if request is None or not hasattr(request, "session"):
        return
    basket = request.session.get(SESSION_KEY)
    if basket:
        setattr(request, CARRIED_ATTRIBUTE, basket)
