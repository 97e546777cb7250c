"""Thin views over the services: the profile and the address book (P04, P25).

Every address is looked up through request.user (H09); every change is a POST with CSRF (H11).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from storefront.accounts import services
from storefront.accounts.forms import AddressForm, ProfileForm
from storefront.accounts.models import Address


def _own_address(request: HttpRequest, public_id) -> Address:
    # Only ever through the signed-in owner: another shopper's id is simply not found.
    return get_object_or_404(request.user.addresses, public_id=public_id)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your name has been saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "default_address": services.default_address(request.user)},
    )


@login_required
def address_list(request: HttpRequest) -> HttpResponse:
    addresses = list(request.user.addresses.all())
    return render(
        request,
        "accounts/address_list.html",
        {
            "addresses": addresses,
            "max_addresses": Address.MAX_ADDRESSES,
            "limit_reached": len(addresses) >= Address.MAX_ADDRESSES,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def address_create(request: HttpRequest) -> HttpResponse:
    limit_reached = request.user.addresses.count() >= Address.MAX_ADDRESSES
    form = AddressForm(request.POST or None, spam_request=request)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        make_default = fields.pop("make_default", False)
        try:
            services.add_address(request.user, make_default=make_default, **fields)
        except services.AddressLimitReached as exc:
            form.add_error(None, str(exc))
            limit_reached = True
        else:
            messages.success(request, _("The address has been saved."))
            return redirect("accounts:address_list")
    if limit_reached and not form.errors:
        messages.error(request, str(services.AddressLimitReached()))
        return redirect("accounts:address_list")
    return render(request, "accounts/address_form.html", {"form": form, "address": None})


@login_required
@require_http_methods(["GET", "POST"])
def address_edit(request: HttpRequest, public_id) -> HttpResponse:
    address = _own_address(request, public_id)
    form = AddressForm(request.POST or None, instance=address, spam_request=request)
    if request.method == "POST" and form.is_valid():
        make_default = form.cleaned_data.get("make_default", False)
        address = form.save()
        if make_default:
            services.set_default_address(request.user, address)
        messages.success(request, _("The address has been saved."))
        return redirect("accounts:address_list")
    return render(request, "accounts/address_form.html", {"form": form, "address": address})


@login_required
@require_http_methods(["GET", "POST"])
def address_delete(request: HttpRequest, public_id) -> HttpResponse:
    address = _own_address(request, public_id)
    if request.method == "POST":
        services.delete_address(request.user, address)
        messages.success(request, _("The address has been deleted."))
        return redirect("accounts:address_list")
    return render(request, "accounts/address_confirm_delete.html", {"address": address})


@login_required
@require_POST
def address_make_default(request: HttpRequest, public_id) -> HttpResponse:
    address = _own_address(request, public_id)
    services.set_default_address(request.user, address)
    messages.success(
        request, _("“%(label)s” is now your default address.") % {"label": address.label}
    )
    return redirect("accounts:address_list")
