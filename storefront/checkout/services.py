"""Checkout rules shared by the HTML views, the admin and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from storefront.basket.services import Basket, BasketLine
from storefront.checkout.models import PERSONAL_FIELDS, Inquiry, Order
from storefront.checkout.reference import looks_like_reference, new_reference

# References of the inquiries this browser (or basket token) submitted: only they may see their
# confirmation (H09/H10). Not carried over at sign-out, so the next person at a shared computer
# cannot.
SESSION_REFERENCES = "checkout_references"
MAX_REMEMBERED = 20
# A second submit of the same checkout form within this window shows the first inquiry.
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=10)
REFERENCE_ATTEMPTS = 8


class EmptyBasket(Exception):
    """Checkout was submitted with nothing (left) in the basket."""


@dataclass(frozen=True)
class Submission:
    inquiry: Inquiry
    created: bool


def snapshot_lines(lines: list[BasketLine]) -> list[dict]:
    """Basket lines as JSON-able dicts: names in the shopper's language, money as strings."""
    return [
        {
            "name": line.name,
            "variant": line.variant_name,
            "sku": line.sku,
            "quantity": line.quantity,
            "unit_price": str(line.unit_price),
            "line_total": str(line.line_total),
        }
        for line in lines
    ]


def remember_reference(session, reference: str) -> None:
    """Let this session see the confirmation of the inquiry it just sent."""
    references = [r for r in session.get(SESSION_REFERENCES, []) if r != reference]
    session[SESSION_REFERENCES] = (references + [reference])[-MAX_REMEMBERED:]


def own_inquiry(session, user, reference: str) -> Inquiry | None:
    """The inquiry if this session submitted it or it belongs to the signed-in `user`; else None."""
    if not isinstance(reference, str) or not looks_like_reference(reference):
        return None
    inquiry = Inquiry.objects.filter(reference=reference).first()
    if inquiry is None:
        return None
    in_session = reference in session.get(SESSION_REFERENCES, [])
    owner = user is not None and user.is_authenticated and inquiry.user_id == user.pk
    return inquiry if in_session or owner else None


def save_checkout_address(user, fields: dict) -> None:
    """Keep the checkout's address in the shopper's address book unless it is there already.

    Raises AddressLimitReached when the book is full.
    """
    from storefront.accounts.models import ADDRESS_FIELDS
    from storefront.accounts.services import add_address

    address_fields = {name: fields[name] for name in ADDRESS_FIELDS}
    if user.addresses.filter(**address_fields).exists():
        return
    add_address(user, label=f"{fields['city']}, {fields['street']}"[:60], **address_fields)


def recent_submission(token: str) -> Inquiry | None:
    """The inquiry this form token already created within the double-submit window."""
    if not token:
        return None
    return Inquiry.objects.filter(
        submission_token=token, created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW
    ).first()


def submit_inquiry(
    basket: Basket, *, fields: dict, language: str, user=None, token: str = ""
) -> Submission:
    """Store an inquiry from the basket and empty the basket; idempotent per form token.

    Raises EmptyBasket when nothing in the basket can be ordered any more.
    """
    existing = recent_submission(token)
    if existing is not None:
        return Submission(existing, created=False)
    lines = basket.lines()
    if not lines:
        raise EmptyBasket()
    # A token seen before the window (an old tab) no longer counts: this is a new inquiry.
    if token and Inquiry.objects.filter(submission_token=token).exists():
        token = ""
    for _attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                inquiry = Inquiry.objects.create(
                    reference=new_reference(),
                    user=user if user is not None and user.is_authenticated else None,
                    submission_token=token or None,
                    lines=snapshot_lines(lines),
                    item_count=sum(line.quantity for line in lines),
                    total=basket.total(lines),
                    currency=basket.currency(lines),
                    language=language,
                    **fields,
                )
        except IntegrityError:
            # Either the same form arrived twice at once (the token) or, rarely, a reference
            # collided: the first case returns the other request's inquiry, the second retries.
            existing = recent_submission(token)
            if existing is not None:
                return Submission(existing, created=False)
            continue
        basket.clear()
        return Submission(inquiry, created=True)
    raise RuntimeError("Could not find a free inquiry reference.")


@transaction.atomic
def record_order(inquiry: Inquiry) -> Order:
    """Turn an inquiry into an order when the purchase happened, copying its snapshot.

    Recording twice returns the existing order. Sends nothing anywhere (P08).
    """
    inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    existing = Order.objects.filter(inquiry=inquiry).first()
    if existing is not None:
        return existing
    copied = [
        *PERSONAL_FIELDS,
        "lines",
        "item_count",
        "total",
        "currency",
        "language",
        "reference",
        "user",
    ]
    order = Order.objects.create(
        inquiry=inquiry,
        inquiry_created_at=inquiry.created_at,
        **{name: getattr(inquiry, name) for name in copied},
    )
    if inquiry.can_close():
        inquiry.close()
    return order
