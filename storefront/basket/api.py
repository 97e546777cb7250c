"""The basket through the storefront API: the same Basket service as the basket page.

Browsers keep the basket in their session (CSRF on changes); clients without cookies ask for
a basket token once and send it as `X-Basket-Token`.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Router, Status

from analytics.client import capture_event
from cms.api_auth import BASKET_HEADER_HELP, Shopper, shopper_for
from cms.api_throttles import throttle
from cms.problems import Problem
from storefront.basket import tokens
from storefront.basket.schemas import AddLineIn, BasketOut, TokenOut, UpdateLineIn
from storefront.basket.services import Basket
from storefront.catalogue.models import ProductPage

router = Router(tags=["basket"])


def basket_out(basket: Basket) -> dict:
    from storefront.checkout.services import basket_version

    lines = basket.lines()
    return {
        "lines": [
            {
                "key": line.key,
                "product_id": line.product.pk,
                "name": line.name,
                "variant": line.variant_name,
                "sku": line.sku,
                "quantity": line.quantity,
                "available": line.available,
                "unit_price": line.unit_price,
                "line_total": line.line_total,
                "currency": line.currency,
                "url": line.product.url,
            }
            for line in lines
        ],
        "count": sum(line.quantity for line in lines),
        "total": basket.total(lines),
        "currency": basket.currency(lines),
        "notices": basket.pop_notices(),
        "version": basket_version(lines),
    }


def _basket(request: HttpRequest, token: str | None) -> tuple[Shopper, Basket]:
    shopper = shopper_for(request, token)
    return shopper, Basket(shopper.session)


def _answer(shopper: Shopper, basket: Basket) -> dict:
    data = basket_out(basket)
    if shopper.token:
        tokens.touch(shopper.session)
    return data


@router.post(
    "/basket/token/",
    throttle=throttle("basket_token"),
    response={201: TokenOut},
    summary="A new basket token (clients without cookies)",
)
def create_basket_token(request: HttpRequest):
    session = tokens.issue_basket_session()
    return Status(201, {"token": session.session_key, "basket": basket_out(Basket(session))})


@router.get("/basket/", response=BasketOut, summary="The basket")
def get_basket(
    request: HttpRequest,
    x_basket_token: str | None = Header(
        None, alias="X-Basket-Token", max_length=64, description=BASKET_HEADER_HELP
    ),
):
    shopper, basket = _basket(request, x_basket_token)
    return _answer(shopper, basket)


@router.post(
    "/basket/lines/",
    response={201: BasketOut},
    summary="Add a product (and variant) to the basket",
)
def add_line(
    request: HttpRequest,
    data: AddLineIn,
    x_basket_token: str | None = Header(
        None, alias="X-Basket-Token", max_length=64, description=BASKET_HEADER_HELP
    ),
):
    shopper, basket = _basket(request, x_basket_token)
    product = ProductPage.objects.live().filter(pk=data.product_id).first()
    if product is None:
        raise Problem(404, "not_found", _("This product is no longer available."))
    variant = None
    if data.variant_sku:
        variant = product.variants.filter(sku=data.variant_sku).first()
        if variant is None:
            raise Problem(
                422,
                "validation_failed",
                _("Please choose a variant of %(name)s.") % {"name": product.title},
                [
                    {
                        "field": "variant_sku",
                        "code": "invalid_choice",
                        "message": _("Please choose a variant of %(name)s.")
                        % {"name": product.title},
                    }
                ],
            )
    added = basket.add(product, variant, data.quantity)
    if not added:
        notices = basket.pop_notices()
        raise Problem(
            409, "not_added", " ".join(notices) or _("That could not be added to the basket.")
        )
    capture_event(request, "basket_add", {"quantity": data.quantity, "basket_count": basket.count})
    return Status(201, _answer(shopper, basket))


def _existing_line(basket: Basket, key: str) -> None:
    if not basket.has_line(key):
        raise Problem(404, "not_found", _("This line is not in your basket."))


@router.patch(
    "/basket/lines/{key}/",
    response=BasketOut,
    summary="Change a line's quantity (0 removes it)",
)
def update_line(
    request: HttpRequest,
    key: str,
    data: UpdateLineIn,
    x_basket_token: str | None = Header(
        None, alias="X-Basket-Token", max_length=64, description=BASKET_HEADER_HELP
    ),
):
    shopper, basket = _basket(request, x_basket_token)
    _existing_line(basket, key)
    basket.set_quantity(key, data.quantity)
    return _answer(shopper, basket)


@router.delete("/basket/lines/{key}/", response=BasketOut, summary="Remove a line")
def remove_line(
    request: HttpRequest,
    key: str,
    x_basket_token: str | None = Header(
        None, alias="X-Basket-Token", max_length=64, description=BASKET_HEADER_HELP
    ),
):
    shopper, basket = _basket(request, x_basket_token)
    _existing_line(basket, key)
    basket.remove(key)
    return _answer(shopper, basket)
