"""Checkout through the storefront API: the checkout form and services of the HTML site.

The request carries the checkout form's fields as JSON; the same CheckoutForm validates them,
so error messages are the site's, field by field, in the requested language. The answer has
the reference, the WhatsApp message and its wa.me link (P08).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Header, Router, Status

from analytics.client import capture_event
from cms.api_auth import BASKET_HEADER_HELP, shopper_for
from cms.api_throttles import throttle
from cms.problems import Problem, form_errors
from home.models import OperatorSettings
from storefront.accounts.services import AddressLimitReached
from storefront.basket import tokens
from storefront.basket.services import Basket
from storefront.checkout.forms import CheckoutForm
from storefront.checkout.models import Inquiry
from storefront.checkout.schemas import CheckoutIn, InquiryOut
from storefront.checkout.services import (
    BasketChanged,
    EmptyBasket,
    event_properties,
    own_inquiry,
    remember_reference,
    save_checkout_address,
    submit_inquiry,
)
from storefront.checkout.whatsapp import full_text, inquiry_message, whatsapp_link

router = Router(tags=["checkout"])


def inquiry_out(request: HttpRequest, inquiry: Inquiry, *, created: bool, notices=()) -> dict:
    digits = OperatorSettings.for_request(request).whatsapp_digits
    facts = inquiry_message(inquiry)
    link = whatsapp_link(facts, digits) if digits else None
    message = link.text if link else full_text(facts)
    return {
        "reference": inquiry.reference,
        "created": created,
        "item_count": inquiry.item_count,
        "total": inquiry.total,
        "currency": inquiry.currency,
        "language": inquiry.language,
        "lines": inquiry.lines,
        "message": message,
        "whatsapp_url": link.url if link else None,
        "shortened": link.shortened if link else False,
        "notices": list(notices),
    }


@router.post(
    "/checkout/",
    throttle=throttle("checkout"),
    response={201: InquiryOut, 200: InquiryOut},
    summary="Send the basket as an inquiry; answers with the WhatsApp link",
)
def checkout(
    request: HttpRequest,
    data: CheckoutIn,
    x_basket_token: str | None = Header(
        None, alias="X-Basket-Token", max_length=64, description=BASKET_HEADER_HELP
    ),
):
    shopper = shopper_for(request, x_basket_token)
    user = request.user
    signed_in = user.is_authenticated
    form = CheckoutForm(
        {name: value for name, value in data.dict().items() if value is not False},
        signed_in=signed_in,
        spam_request=request,
        spam_checks=False,
    )
    if not form.is_valid():
        if getattr(request, "antispam_retry_after", None):  # the checkout form's own limits
            raise Problem(429, "rate_limited", " ".join(form.non_field_errors()))
        raise Problem(422, "validation_failed", _("Some fields are not valid."), form_errors(form))
    basket = Basket(shopper.session)
    try:
        submission = submit_inquiry(
            basket,
            fields=form.personal_fields(),
            language=translation.get_language(),
            user=user,
            token=form.cleaned_data["token"],
            version=form.cleaned_data["basket_version"] or None,
        )
    except BasketChanged as changed:
        notices = basket.pop_notices()
        if shopper.token:
            tokens.touch(shopper.session)
        raise Problem(409, "basket_changed", " ".join([*notices, *changed.changes])) from None
    except EmptyBasket:
        notices = basket.pop_notices()
        raise Problem(
            409,
            "empty_basket",
            " ".join([*notices, _("Your basket is empty, so there is nothing to send.")]),
        ) from None
    inquiry = submission.inquiry
    notices = basket.pop_notices()
    remember_reference(shopper.session, inquiry.reference)
    if submission.created:
        if signed_in and form.cleaned_data.get("save_address"):
            try:
                save_checkout_address(user, form.personal_fields())
            except AddressLimitReached as exc:
                notices.append(str(exc))
        capture_event(request, "checkout_submitted", event_properties(inquiry))
    if shopper.token:
        tokens.touch(shopper.session)
    status = 201 if submission.created else 200
    return Status(
        status, inquiry_out(request, inquiry, created=submission.created, notices=notices)
    )


@router.get(
    "/checkout/inquiries/{reference}/",
    response=InquiryOut,
    summary="An inquiry sent from this session or basket token, or by the signed-in shopper",
)
def get_inquiry(
    request: HttpRequest,
    reference: str,
    x_basket_token: str | None = Header(
        None, alias="X-Basket-Token", max_length=64, description=BASKET_HEADER_HELP
    ),
):
    shopper = shopper_for(request, x_basket_token)
    inquiry = own_inquiry(shopper.session, request.user, reference)
    if inquiry is None:
        raise Http404
    return inquiry_out(request, inquiry, created=False)
