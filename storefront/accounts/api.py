"""The signed-in shopper's profile, address book and data export through the storefront API
(P04, P24, P25, P27).

The same forms and services as the account pages; every address is looked up through the
signed-in owner, so another shopper's id is simply not found (H09). Session auth with CSRF.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from cms.api_auth import signed_in_auth
from cms.problems import Problem, form_errors
from legal.rights.services import export_person, person_for_user
from storefront.accounts import services
from storefront.accounts.decorators import recently_reauthenticated
from storefront.accounts.forms import AddressForm, ProfileForm
from storefront.accounts.models import Address
from storefront.accounts.schemas import AddressIn, AddressOut, AddressPatch, ProfileIn, ProfileOut
from storefront.addresses.models import ADDRESS_FIELDS

router = Router(tags=["account"], auth=signed_in_auth)


def _invalid(form) -> Problem:
    return Problem(422, "validation_failed", _("Some fields are not valid."), form_errors(form))


def _own_address(request: HttpRequest, address_id: UUID) -> Address:
    address = request.user.addresses.filter(public_id=address_id).first()
    if address is None:
        raise Http404
    return address


@router.get("/me/", response=ProfileOut, summary="The signed-in shopper")
def get_profile(request: HttpRequest):
    return request.user


@router.patch("/me/", response=ProfileOut, summary="Correct your name")
def update_profile(request: HttpRequest, data: ProfileIn):
    form = ProfileForm(data.dict(), instance=request.user)
    if not form.is_valid():
        raise _invalid(form)
    return form.save()


@router.get(
    "/me/export/",
    response=dict[str, Any],
    summary="Everything held about you (docs/personal-data-export.schema.json)",
)
def export_my_data(request: HttpRequest):
    """The same document as the account page's download (P24, P27); a recent password
    confirmation is needed, as there (H05): confirm it on the account page first."""
    if not recently_reauthenticated(request):
        raise Problem(
            403,
            "reauthentication_required",
            _("Confirm your password on the account page, then ask again."),
        )
    return export_person(person_for_user(request.user))


@router.get("/me/addresses/", response=list[AddressOut], summary="Your saved addresses")
def list_addresses(request: HttpRequest):
    return list(request.user.addresses.all())


@router.post("/me/addresses/", response={201: AddressOut}, summary="Save an address")
def create_address(request: HttpRequest, data: AddressIn):
    form = AddressForm(data.dict(), spam_request=request, spam_checks=False)
    if not form.is_valid():
        raise _invalid(form)
    fields = dict(form.cleaned_data)
    make_default = fields.pop("make_default", False)
    try:
        address = services.add_address(request.user, make_default=make_default, **fields)
    except services.AddressLimitReached as exc:
        raise Problem(409, "address_limit_reached", str(exc)) from None
    return Status(201, address)


@router.get("/me/addresses/{address_id}/", response=AddressOut, summary="One saved address")
def get_address(request: HttpRequest, address_id: UUID):
    return _own_address(request, address_id)


@router.patch("/me/addresses/{address_id}/", response=AddressOut, summary="Change an address")
def update_address(request: HttpRequest, address_id: UUID, data: AddressPatch):
    address = _own_address(request, address_id)
    current = {name: getattr(address, name) for name in ("label", *ADDRESS_FIELDS)}
    current["country"] = str(address.country)
    changes = data.dict(exclude_none=True)
    form = AddressForm(
        {**current, **changes}, instance=address, spam_request=request, spam_checks=False
    )
    if not form.is_valid():
        raise _invalid(form)
    make_default = form.cleaned_data.get("make_default", False)
    address = form.save()
    if make_default:
        services.set_default_address(request.user, address)
    return address


@router.delete("/me/addresses/{address_id}/", response={204: None}, summary="Delete an address")
def delete_address(request: HttpRequest, address_id: UUID):
    services.delete_address(request.user, _own_address(request, address_id))
    return Status(204, None)


@router.post(
    "/me/addresses/{address_id}/default/",
    response=AddressOut,
    summary="Make an address the default",
)
def make_default(request: HttpRequest, address_id: UUID):
    address = _own_address(request, address_id)
    services.set_default_address(request.user, address)
    return address
