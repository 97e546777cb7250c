"""The WhatsApp message and wa.me link of an inquiry: pure functions, no database (P08).

The message is plain text in the shopper's language. The link is `https://wa.me/<digits>?text=…`
with the text percent-encoded by `quote(..., safe="")`, so `+`, `&`, `#` and newlines survive.
Links longer than MAX_LINK_LENGTH are unreliable in browsers and apps: past that the message falls
back to the reference, the number of items, the total and the contact details (staff see the full
inquiry in the admin). Nothing is added to the link that could track whether a purchase followed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from storefront.addresses.countries import country_name
from storefront.addresses.models import BuildingType
from storefront.checkout.models import PERSONAL_FIELDS, Inquiry, Order
from storefront.money import format_money

MAX_LINK_LENGTH = 2000
WA_ME = "https://wa.me/"
# What the message carries (P08): the email address stays in the stored inquiry.
MESSAGE_FIELDS = tuple(name for name in PERSONAL_FIELDS if name != "email")


@dataclass(frozen=True)
class MessageLine:
    name: str
    variant: str
    sku: str
    quantity: int
    unit_price: Decimal
    line_total: Decimal


@dataclass(frozen=True)
class InquiryMessage:
    """Everything the message says; built from an Inquiry (or anything with the same facts)."""

    reference: str
    language: str
    currency: str
    total: Decimal
    first_name: str
    last_name: str
    phone: str
    street: str
    building_type: str
    city: str
    region: str
    postal_code: str
    country: str
    instructions: str
    lines: list[MessageLine] = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)


def inquiry_message(snapshot: Inquiry | Order) -> InquiryMessage:
    """The facts an inquiry (or an order) sends: its stored snapshot, never the live catalogue."""
    return InquiryMessage(
        reference=snapshot.reference,
        language=snapshot.language,
        currency=snapshot.currency,
        total=snapshot.total,
        **{name: str(getattr(snapshot, name)) for name in MESSAGE_FIELDS},
        lines=[
            MessageLine(
                name=line["name"],
                variant=line.get("variant", ""),
                sku=line["sku"],
                quantity=int(line["quantity"]),
                unit_price=Decimal(line["unit_price"]),
                line_total=Decimal(line["line_total"]),
            )
            for line in snapshot.lines
        ],
    )


@dataclass(frozen=True)
class WhatsAppLink:
    text: str
    url: str
    shortened: bool


def full_text(message: InquiryMessage) -> str:
    """The whole message: reference, one line per item, total, then contact and delivery."""
    with translation.override(message.language):
        rows = [
            _("Hello! I would like to order (%(reference)s):") % {"reference": message.reference}
        ]
        for number, line in enumerate(message.lines, start=1):
            name = f"{line.name} ({line.variant})" if line.variant else line.name
            rows.append(
                f"{number}. {name} [{line.sku}] × {line.quantity} = "
                f"{format_money(line.line_total, message.currency)}"
            )
        rows.append(
            _("Total: %(total)s") % {"total": format_money(message.total, message.currency)}
        )
        rows.append("")
        rows.extend(_contact_rows(message))
        rows.append(_("Address: %(address)s") % {"address": _address(message)})
        if message.instructions:
            rows.append(
                _("Delivery instructions: %(text)s") % {"text": message.instructions.strip()}
            )
        return "\n".join(rows)


def short_text(message: InquiryMessage) -> str:
    """The fallback: reference, item count, total and contact details."""
    with translation.override(message.language):
        count = message.item_count
        rows = [
            _("Hello! I would like to order (%(reference)s):") % {"reference": message.reference},
            ngettext("%(count)d item", "%(count)d items", count) % {"count": count},
            _("Total: %(total)s") % {"total": format_money(message.total, message.currency)},
            "",
            *_contact_rows(message),
        ]
        return "\n".join(rows)


def whatsapp_url(digits: str, text: str) -> str:
    return f"{WA_ME}{digits}?text={quote(text, safe='')}"


def whatsapp_link(
    message: InquiryMessage, digits: str, max_length: int = MAX_LINK_LENGTH
) -> WhatsAppLink:
    """The link to open: the full message when it fits, else the short one (cut to fit if need be)."""
    text = full_text(message)
    url = whatsapp_url(digits, text)
    if len(url) < max_length:
        return WhatsAppLink(text, url, shortened=False)
    text = _cut_to_fit(short_text(message), digits, max_length)
    return WhatsAppLink(text, whatsapp_url(digits, text), shortened=True)


def _contact_rows(message: InquiryMessage) -> list[str]:
    return [
        _("Name: %(name)s") % {"name": f"{message.first_name} {message.last_name}".strip()},
        _("Phone: %(phone)s") % {"phone": message.phone},
    ]


def _address(message: InquiryMessage) -> str:
    building = (
        str(BuildingType(message.building_type).label)
        if message.building_type in BuildingType.values
        else message.building_type
    )
    parts = [
        message.street,
        building,
        message.city,
        message.region,
        message.postal_code,
        country_name(message.country, message.language),
    ]
    return ", ".join(part.strip() for part in parts if part and part.strip())


def _cut_to_fit(text: str, digits: str, max_length: int) -> str:
    """Drop characters from the end until the encoded link fits (only for absurdly long contacts)."""
    if len(whatsapp_url(digits, text)) < max_length:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix whose link (with "…") fits
        middle = (low + high + 1) // 2
        if len(whatsapp_url(digits, text[:middle] + "…")) < max_length:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"
