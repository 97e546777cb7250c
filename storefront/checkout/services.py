"""Checkout rules shared by the HTML views, the admin and the API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from storefront.basket.services import Basket, BasketLine
from storefront.checkout.models import PERSONAL_FIELDS, Inquiry, Order
from storefront.checkout.reference import looks_like_reference, new_reference
from storefront.money import format_money

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


class BasketChanged(Exception):
    """Prices, quantities or lines differ from the checkout page the shopper confirmed (H42).

    `changes` says what, in the shopper's language; nothing was stored.
    """

    def __init__(self, changes: list[str]) -> None:
        super().__init__(" ".join(changes))
        self.changes = changes


BASKET_VERSION_SALT = "checkout.basket-version"


def basket_version(lines: list[BasketLine]) -> str:
    """What the checkout page shows (lines, quantities, prices), to compare at submission."""
    return signing.dumps(
        [[line.key, line.quantity, str(line.unit_price), line.currency] for line in lines],
        salt=BASKET_VERSION_SALT,
        compress=True,
    )


def basket_changes(version: str, lines: list[BasketLine]) -> list[str]:
    """How `lines` differ from what the page with `version` showed; empty when they do not.

    A version that cannot be read counts as a change: the shopper confirms once more.
    """
    try:
        seen = {
            str(key): (int(quantity), Decimal(price), str(currency))
            for key, quantity, price, currency in signing.loads(version, salt=BASKET_VERSION_SALT)
        }
    except (signing.BadSignature, TypeError, ValueError, ArithmeticError):
        return [_("Your basket changed since this page was opened.")]
    changes = []
    for line in lines:
        label = f"{line.name} ({line.variant_name})" if line.variant_name else line.name
        if line.key not in seen:
            changes.append(_("%(name)s was added to your basket.") % {"name": label})
            continue
        quantity, price, currency = seen[line.key]
        if price != line.unit_price or currency != line.currency:
            changes.append(
                _("The price of %(name)s changed from %(old)s to %(new)s.")
                % {
                    "name": label,
                    "old": format_money(price, currency),
                    "new": format_money(line.unit_price, line.currency),
                }
            )
        if quantity != line.quantity:
            changes.append(
                _("The quantity of %(name)s changed from %(old)d to %(new)d.")
                % {"name": label, "old": quantity, "new": line.quantity}
            )
    keys = {line.key for line in lines}
    if any(key not in keys for key in seen):
        changes.append(_("Something in your basket is no longer available."))
    return changes


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
    from storefront.accounts.services import add_address
    from storefront.addresses.models import ADDRESS_FIELDS

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


def resubmitted(basket: Basket, inquiry: Inquiry) -> Submission:
    """The answer to a second submission of the form that created `inquiry`.

    A session that does not know the inquiry yet was read before the first submission saved
    it (simultaneous submits): its basket is the one just sent, and saving it back would
    refill the basket, so it is emptied here too.
    """
    if inquiry.reference not in basket.session.get(SESSION_REFERENCES, []):
        basket.clear()
    return Submission(inquiry, created=False)


def submit_inquiry(
    basket: Basket,
    *,
    fields: dict,
    language: str,
    user=None,
    token: str = "",
    version: str | None = None,
) -> Submission:
    """Store an inquiry from the basket and empty the basket; idempotent per form token (H42).

    The token's unique column decides, not a check before the insert: of any number of
    simultaneous submissions of one form, the database lets exactly one insert the token and
    the others return that inquiry. `version` (from basket_version) is what the shopper saw:
    when the basket no longer matches it, BasketChanged is raised before anything is stored.
    Raises EmptyBasket when nothing in the basket can be ordered any more.
    """
    existing = recent_submission(token)
    if existing is not None:
        return resubmitted(basket, existing)
    lines = basket.lines()
    if not lines:
        raise EmptyBasket()
    if version is not None:
        changes = basket_changes(version, lines)
        if changes:
            raise BasketChanged(changes)
    if token:
        # A token older than the double-submit window (an old tab) starts a new inquiry: the old
        # one gives it up. Simultaneous submits all find nothing to give up, or the same row.
        Inquiry.objects.filter(
            submission_token=token, created_at__lt=timezone.now() - DOUBLE_SUBMIT_WINDOW
        ).update(submission_token=None)
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
            # Either the same form arrived twice at once (the token: the other request's
            # inquiry is committed now) or, rarely, a reference collided (retry).
            existing = Inquiry.objects.filter(submission_token=token).first() if token else None
            if existing is not None:
                return resubmitted(basket, existing)
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
