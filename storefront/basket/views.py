"""Basket pages: plain forms and redirect after POST, so they work without JavaScript."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from analytics.client import capture_event
from storefront.basket.forms import AddToBasketForm, RemoveLineForm, UpdateLineForm
from storefront.basket.services import Basket
from storefront.catalogue.models import MAX_ORDER_QUANTITY, ProductPage


def _flash(request: HttpRequest, basket: Basket) -> None:
    for notice in basket.pop_notices():
        messages.warning(request, notice)


@require_GET
def basket_detail(request: HttpRequest) -> HttpResponse:
    basket = Basket(request.session)
    lines = basket.lines()
    _flash(request, basket)
    return render(
        request,
        "basket/basket.html",
        {
            "lines": lines,
            "total": basket.total(lines),
            "currency": basket.currency(lines),
        },
    )


def _back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """Back to the page the form was on, when it is on this site (H13); else `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


@require_POST
def basket_add(request: HttpRequest) -> HttpResponse:
    basket_url = reverse("basket:detail")
    form = AddToBasketForm(request.POST)
    if not form.is_valid():
        if "product" in form.errors or "variant" in form.errors:  # names nothing we sell
            messages.error(request, _("This product is no longer available."))
            return redirect(basket_url)
        messages.error(request, _("That could not be added to the basket."))
        return _back(request, basket_url)
    product = ProductPage.objects.live().filter(pk=form.cleaned_data["product"]).first()
    if product is None:
        messages.error(request, _("This product is no longer available."))
        return redirect(basket_url)
    variant = None
    if form.cleaned_data["variant"]:
        variant = product.variants.filter(sku=form.cleaned_data["variant"]).first()
        if variant is None:
            messages.error(
                request, _("Please choose a variant of %(name)s.") % {"name": product.title}
            )
            return _back(request, product.url or basket_url)
    basket = Basket(request.session)
    added = basket.add(product, variant, form.cleaned_data["quantity"])
    _flash(request, basket)
    if not added:
        return _back(request, product.url or basket_url)
    messages.success(request, _("%(name)s is in your basket.") % {"name": product.title})
    capture_event(
        request,
        "basket_add",
        {"quantity": form.cleaned_data["quantity"], "basket_count": basket.count},
    )
    return redirect(basket_url)


@require_POST
def basket_update(request: HttpRequest) -> HttpResponse:
    form = UpdateLineForm(request.POST)
    if form.is_valid():
        Basket(request.session).set_quantity(
            form.cleaned_data["line"], form.cleaned_data["quantity"]
        )
        messages.success(request, _("Your basket was updated."))
    else:
        messages.error(
            request, _("Enter a quantity between 0 and %(max)d.") % {"max": MAX_ORDER_QUANTITY}
        )
    return redirect("basket:detail")


@require_POST
def basket_remove(request: HttpRequest) -> HttpResponse:
    form = RemoveLineForm(request.POST)
    if form.is_valid():
        Basket(request.session).remove(form.cleaned_data["line"])
        messages.success(request, _("The item was removed from your basket."))
    return redirect("basket:detail")
