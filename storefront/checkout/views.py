"""Checkout pages: the form, the confirmation with the WhatsApp button, and nothing else."""

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from analytics.client import capture_event
from home.models import OperatorSettings
from legal.jurisdiction import visitor_country
from storefront.accounts.services import default_address
from storefront.addresses.models import ADDRESS_FIELDS
from storefront.addresses.phones import phone_prefix
from storefront.basket.services import Basket
from storefront.checkout.forms import CheckoutForm
from storefront.checkout.models import Inquiry
from storefront.checkout.qr import qr_svg
from storefront.checkout.services import (
    basket_version,
    event_properties,
    own_inquiry,
    remember_reference,
    send_checkout,
    show_checkout,
)
from storefront.checkout.whatsapp import inquiry_message, whatsapp_link


def _initial(request: HttpRequest) -> dict:
    """Prefill from the account and its default address; else the visitor's country."""
    country = visitor_country(request) or "KZ"
    initial = {"country": country, "phone": phone_prefix(country), "token": uuid.uuid4().hex}
    user = request.user
    if user.is_authenticated:
        initial.update(first_name=user.first_name, last_name=user.last_name, email=user.email)
        address = default_address(user)
        if address is not None:
            for name in ADDRESS_FIELDS:
                initial[name] = getattr(address, name)
            initial["country"] = str(address.country)
            initial["phone"] = phone_prefix(str(address.country))
    return initial


@never_cache
@require_http_methods(["GET", "POST"])
def checkout(request: HttpRequest) -> HttpResponse:
    basket = Basket(request.session)
    signed_in = request.user.is_authenticated
    if request.method == "POST":
        form = CheckoutForm(request.POST, signed_in=signed_in, spam_request=request)
        language = translation.get_language()
        step = send_checkout(basket, form, user=request.user, language=language)
    else:
        form = CheckoutForm(initial=_initial(request), signed_in=signed_in)
        step = show_checkout(basket)
    for level, text in step.notices:
        messages.add_message(request, level, text)
    if step.inquiry is not None:
        remember_reference(request.session, step.inquiry.reference)
        if step.created:
            capture_event(request, "checkout_submitted", event_properties(step.inquiry))
        return redirect("checkout:done", reference=step.inquiry.reference)
    if not step.lines:
        return redirect("basket:detail")
    if not form.is_bound:
        form.initial["basket_version"] = basket_version(step.lines)
    context = {
        "form": form,
        "lines": step.lines,
        "total": basket.total(step.lines),
        "currency": basket.currency(step.lines),
    }
    return render(request, "checkout/checkout.html", context)


def _own_inquiry(request: HttpRequest, reference: str) -> Inquiry:
    """The inquiry if this browser submitted it or it belongs to the signed-in shopper; else 404."""
    inquiry = own_inquiry(request.session, request.user, reference)
    if inquiry is None:
        raise Http404
    return inquiry


@never_cache
def done(request: HttpRequest, reference: str) -> HttpResponse:
    inquiry = _own_inquiry(request, reference)
    digits = OperatorSettings.for_request(request).whatsapp_digits
    link = whatsapp_link(inquiry_message(inquiry), digits) if digits else None
    return render(
        request,
        "checkout/done.html",
        {
            "inquiry": inquiry,
            "link": link,
            "qr": qr_svg(link.url, title=_("QR code that opens WhatsApp with your order"))
            if link
            else None,
        },
    )


@require_POST
def whatsapp_opened(request: HttpRequest, reference: str) -> HttpResponse:
    """Counts a click on the WhatsApp button (sent by checkout.js); nothing about the person."""
    inquiry = _own_inquiry(request, reference)
    capture_event(request, "whatsapp_opened", event_properties(inquiry))
    return HttpResponse(status=204)
