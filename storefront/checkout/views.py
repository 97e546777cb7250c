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
from storefront.accounts.services import AddressLimitReached, default_address
from storefront.addresses.models import ADDRESS_FIELDS
from storefront.addresses.phones import phone_prefix
from storefront.basket.services import Basket
from storefront.checkout.forms import CheckoutForm
from storefront.checkout.models import Inquiry
from storefront.checkout.qr import qr_svg
from storefront.checkout.services import (
    BasketChanged,
    EmptyBasket,
    basket_version,
    own_inquiry,
    recent_submission,
    remember_reference,
    resubmitted,
    save_checkout_address,
    submit_inquiry,
)
from storefront.checkout.whatsapp import whatsapp_link


def _remember(request: HttpRequest, reference: str) -> None:
    remember_reference(request.session, reference)


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


def _save_address(request: HttpRequest, fields: dict) -> None:
    try:
        save_checkout_address(request.user, fields)
    except AddressLimitReached as exc:
        messages.warning(request, str(exc))


@never_cache
@require_http_methods(["GET", "POST"])
def checkout(request: HttpRequest) -> HttpResponse:
    basket = Basket(request.session)
    signed_in = request.user.is_authenticated
    if request.method == "POST":
        form = CheckoutForm(request.POST, signed_in=signed_in, spam_request=request)
        token = form.data.get("token", "")
        existing = recent_submission(token) if isinstance(token, str) and len(token) == 32 else None
        if existing is not None:  # the same form sent twice: show what the first one stored
            resubmitted(basket, existing)
            _remember(request, existing.reference)
            return redirect("checkout:done", reference=existing.reference)
        if form.is_valid():
            fields = form.personal_fields()
            try:
                submission = submit_inquiry(
                    basket,
                    fields=fields,
                    language=translation.get_language(),
                    user=request.user,
                    token=form.cleaned_data["token"],
                    version=form.cleaned_data["basket_version"] or None,
                )
            except BasketChanged as changed:
                # Nothing stored: the page shows the basket as it is now and asks again (H42).
                for notice in basket.pop_notices():
                    messages.warning(request, notice)
                for change in changed.changes:
                    messages.warning(request, change)
                messages.warning(
                    request, _("Please check your order and confirm it by sending the form again.")
                )
                lines = basket.lines()
                data = form.data.copy()
                data["basket_version"] = basket_version(lines)
                form.data = data  # keeps what was typed; the next submit confirms this basket
                return _render(request, form, basket, lines)
            except EmptyBasket:
                for notice in basket.pop_notices():
                    messages.warning(request, notice)
                messages.error(request, _("Your basket is empty, so there is nothing to send."))
                return redirect("basket:detail")
            inquiry = submission.inquiry
            for notice in basket.pop_notices():  # lines that left the basket just now
                messages.warning(request, notice)
            _remember(request, inquiry.reference)
            if submission.created:
                if signed_in and form.cleaned_data.get("save_address"):
                    _save_address(request, fields)
                capture_event(
                    request,
                    "checkout_submitted",
                    {
                        "item_count": inquiry.item_count,
                        "total": str(inquiry.total),
                        "currency": inquiry.currency,
                        "language": inquiry.language,
                    },
                )
            return redirect("checkout:done", reference=inquiry.reference)
    else:
        form = CheckoutForm(initial=_initial(request), signed_in=signed_in)
    lines = basket.lines()
    for notice in basket.pop_notices():
        messages.warning(request, notice)
    if not lines:
        messages.info(request, _("Your basket is empty. Add something before checking out."))
        return redirect("basket:detail")
    if not form.is_bound:
        form.initial["basket_version"] = basket_version(lines)
    return _render(request, form, basket, lines)


def _render(request: HttpRequest, form: CheckoutForm, basket: Basket, lines) -> HttpResponse:
    return render(
        request,
        "checkout/checkout.html",
        {
            "form": form,
            "lines": lines,
            "total": basket.total(lines),
            "currency": basket.currency(lines),
        },
    )


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
    link = whatsapp_link(inquiry.message(), digits) if digits else None
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
    capture_event(
        request,
        "whatsapp_opened",
        {
            "item_count": inquiry.item_count,
            "total": str(inquiry.total),
            "currency": inquiry.currency,
            "language": inquiry.language,
        },
    )
    return HttpResponse(status=204)
