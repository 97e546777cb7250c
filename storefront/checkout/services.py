"""Checkout rules shared by the HTML views, the admin and the API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.messages import constants as levels
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from storefront.accounts.services import AddressLimitReached, add_address
from storefront.addresses.models import ADDRESS_FIELDS
from storefront.basket.services import Basket, BasketLine
from storefront.checkout.forms import CheckoutForm
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
    address_fields = {name: fields[name] for name in ADDRESS_FIELDS}
    if user.addresses.filter(**address_fields).exists():
        return
    add_address(user, label=f"{fields['city']}, {fields['street']}"[:60], **address_fields)


def recent_submission(token: str) -> Inquiry | None:
    """The inquiry this form token already created within the double-submit window."""
    if not isinstance(token, str) or len(token) != 32:
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


def repeated_submission(basket: Basket, token: str) -> Submission | None:
    """The one duplicate-submission check: the form with `token` was already sent.

    It comes before anything else, the form's validation included: the anti-spam timing token
    is good for one submission, so a double click would otherwise read as spam. Submits that
    pass it at the same moment meet at the token's unique column (store_inquiry).
    """
    existing = recent_submission(token)
    return resubmitted(basket, existing) if existing is not None else None


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

    A form sent before gives its inquiry back (repeated_submission); else see store_inquiry.
    """
    repeat = repeated_submission(basket, token)
    if repeat is not None:
        return repeat
    return store_inquiry(
        basket, fields=fields, language=language, user=user, token=token, version=version
    )


def store_inquiry(
    basket: Basket,
    *,
    fields: dict,
    language: str,
    user=None,
    token: str = "",
    version: str | None = None,
) -> Submission:
    """Store an inquiry from the basket and empty the basket.

    The token's unique column decides, not a check before the insert: of any number of
    simultaneous submissions of one form, the database lets exactly one insert the token and
    the others return that inquiry. `version` (from basket_version) is what the shopper saw:
    when the basket no longer matches it, BasketChanged is raised before anything is stored.
    Raises EmptyBasket when nothing in the basket can be ordered any more.
    """
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


def event_properties(inquiry: Inquiry) -> dict[str, str | int]:
    """What analytics learns of an inquiry: amounts and language, nothing about the person (P08)."""
    return {
        "item_count": inquiry.item_count,
        "total": str(inquiry.total),
        "currency": inquiry.currency,
        "language": inquiry.language,
    }


# The checkout page ------------------------------------------------------------------------------

Notice = tuple[int, str]  # a django.contrib.messages level and the text the shopper reads


@dataclass(frozen=True)
class CheckoutStep:
    """What the checkout page does next, with the notices to show on the way.

    With `inquiry`: its confirmation. Else with `lines`: the form with the basket as it is now.
    Else (nothing left to order): back to the basket.
    """

    notices: list[Notice]
    inquiry: Inquiry | None = None
    created: bool = False
    lines: list[BasketLine] = field(default_factory=list)


def _warnings(texts: list[str]) -> list[Notice]:
    return [(levels.WARNING, text) for text in texts]


def show_checkout(basket: Basket) -> CheckoutStep:
    """The form page: the basket as it is now (lines that left it are told)."""
    lines = basket.lines()
    notices = _warnings(basket.pop_notices())
    if not lines:
        notices.append((levels.INFO, _("Your basket is empty. Add something before checking out.")))
    return CheckoutStep(notices, lines=lines)


def send_checkout(basket: Basket, form: CheckoutForm, *, user, language: str) -> CheckoutStep:
    """A submitted checkout form: the inquiry it stored (now or before), else the form again."""
    repeat = repeated_submission(basket, form.data.get("token", ""))
    if repeat is not None:  # the same form sent twice: show what the first one stored
        return CheckoutStep([], inquiry=repeat.inquiry)
    if not form.is_valid():
        return show_checkout(basket)
    fields = form.personal_fields()
    try:
        submission = store_inquiry(
            basket,
            fields=fields,
            language=language,
            user=user,
            token=form.cleaned_data["token"],
            version=form.cleaned_data["basket_version"] or None,
        )
    except BasketChanged as changed:
        # Nothing stored: the page shows the basket as it is now and asks again (H42).
        again = _("Please check your order and confirm it by sending the form again.")
        notices = _warnings([*basket.pop_notices(), *changed.changes, again])
        lines = basket.lines()
        data = form.data.copy()
        data["basket_version"] = basket_version(lines)
        form.data = data  # keeps what was typed; the next submit confirms this basket
        return CheckoutStep(notices, lines=lines)
    except EmptyBasket:
        empty = _("Your basket is empty, so there is nothing to send.")
        return CheckoutStep([*_warnings(basket.pop_notices()), (levels.ERROR, empty)])
    notices = _warnings(basket.pop_notices())  # lines that left the basket just now
    if submission.created and user.is_authenticated and form.cleaned_data.get("save_address"):
        try:
            save_checkout_address(user, fields)
        except AddressLimitReached as exc:
            notices.append((levels.WARNING, str(exc)))
    return CheckoutStep(notices, inquiry=submission.inquiry, created=submission.created)


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
