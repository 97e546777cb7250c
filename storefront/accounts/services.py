"""Address book rules, shared by the account pages, checkout and the API."""

from django.db import transaction
from django.utils.translation import gettext as _

from storefront.accounts.models import Address, User


class AddressLimitReached(Exception):
    """The shopper already has the maximum number of saved addresses."""

    def __init__(self) -> None:
        super().__init__(
            _("You can save up to %(count)d addresses. Delete one to add another.")
            % {"count": Address.MAX_ADDRESSES}
        )


def default_address(user: User) -> Address | None:
    """The address checkout prefills: the default one, else the most recently saved."""
    if not user.is_authenticated:
        return None
    return user.addresses.order_by("-is_default", "-updated_at").first()


@transaction.atomic
def add_address(user: User, *, make_default: bool = False, **fields) -> Address:
    """Save a new address; the first one becomes the default."""
    # Lock the user's row so two concurrent saves cannot both pass the limit check.
    User.objects.select_for_update().filter(pk=user.pk).first()
    count = user.addresses.count()
    if count >= Address.MAX_ADDRESSES:
        raise AddressLimitReached()
    if make_default or count == 0:
        user.addresses.filter(is_default=True).update(is_default=False)
        fields["is_default"] = True
    return Address.objects.create(user=user, **fields)


@transaction.atomic
def set_default_address(user: User, address: Address) -> None:
    user.addresses.filter(is_default=True).exclude(pk=address.pk).update(is_default=False)
    if not address.is_default:
        address.is_default = True
        address.save(update_fields=["is_default", "updated_at"])
