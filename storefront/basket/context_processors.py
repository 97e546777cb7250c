from django.http import HttpRequest

from storefront.basket.services import Basket


def basket(request: HttpRequest) -> dict:
    """The header's item count, read from the session alone so every page stays cheap."""
    session = getattr(request, "session", None)
    return {"basket_count": Basket(session).count if session is not None else 0}
