"""Puts a basket kept at sign-out back into the fresh session before it is saved (P07)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from storefront.basket.services import SESSION_KEY
from storefront.basket.signals import CARRIED_ATTRIBUTE


class BasketCarryOverMiddleware:
    """Must sit below SessionMiddleware so the session is saved after this runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        basket = getattr(request, CARRIED_ATTRIBUTE, None)
        if basket and hasattr(request, "session") and SESSION_KEY not in request.session:
            request.session[SESSION_KEY] = basket
        return response
