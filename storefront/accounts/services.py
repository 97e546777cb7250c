"""Address book rules, shared by the account pages, checkout and the API; links in account emails."""

import time
from datetime import datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
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


@transaction.atomic
def delete_address(user: User, address: Address) -> None:
    """Delete one of the user's addresses; when it was the default, the newest one left takes over."""
    was_default = address.is_default
    address.delete()
    if was_default:
        successor = user.addresses.order_by("-updated_at", "-pk").first()
        if successor is not None:
            set_default_address(user, successor)


ACTIVITY_RESOLUTION = timedelta(days=1)


def touch_last_activity(user: User, *, now: datetime | None = None) -> bool:
    """Record that the user was active (P20), at most once a day: compared in Python, one UPDATE.

    Returns whether the database was written.
    """
    now = now or timezone.now()
    if user.last_activity is not None and now - user.last_activity < ACTIVITY_RESOLUTION:
        return False
    User.objects.filter(pk=user.pk).update(last_activity=now)
    user.last_activity = now
    return True


def on_site(url: str) -> str:
    """`url`'s path, query and fragment on the configured SITE_BASE_URL.

    Links in account emails must not take their host and port from the request: the Host header
    is the client's to choose, and a reset link pointing elsewhere would hand over its key.
    """
    parts = urlsplit(url)
    base = urlsplit(settings.SITE_BASE_URL)
    path = base.path.rstrip("/") + (parts.path or "/")
    return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))


def signed_in_recently(request: HttpRequest) -> bool:
    """Whether this session typed the account's password within ACCOUNT_REAUTHENTICATION_TIMEOUT.

    Either at sign-in or at allauth's reauthentication prompt: both prove the same thing.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    timeout = settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
    now = time.time()
    return any(
        record.get("method") == "password" and now - float(record.get("at", 0)) < timeout
        for record in get_authentication_records(request, user)
    )
