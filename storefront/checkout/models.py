from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from storefront.addresses.models import ADDRESS_FIELDS, DeliveryAddressFields

CONTACT_FIELDS = ("first_name", "last_name", "email", "phone")
# Every personal field of the checkout form (P02), in the form's order.
PERSONAL_FIELDS = CONTACT_FIELDS + ADDRESS_FIELDS


class ContactAndAddress(DeliveryAddressFields):
    """The checkout form's personal fields (P02), snapshotted on inquiries and orders."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=20, help_text=_("E.164, e.g. +77071234567"))

    class Meta:
        abstract = True

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Snapshot(ContactAndAddress):
    """What was ordered, frozen at submission: later catalogue or profile edits do not change it."""

    lines = models.JSONField(_("lines"), default=list)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default=settings.DEFAULT_CURRENCY)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        abstract = True

    @property
    def items_summary(self) -> str:
        """One line of text for staff screens and the accountant's CSV."""
        parts = []
        for line in self.lines:
            name = f"{line['name']} ({line['variant']})" if line.get("variant") else line["name"]
            parts.append(f"{name} [{line['sku']}] x {line['quantity']} = {line['line_total']}")
        return "; ".join(parts)


class InquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    CONTACTED = "contacted", _("Contacted")
    CLOSED = "closed", _("Closed")


class Inquiry(Snapshot):
    """A checkout submission: the shopper then sends it to the shop on WhatsApp (P08).

    Deleted 90 days after submission unless an order was recorded from it (P19).
    """

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=InquiryStatus.choices, default=InquiryStatus.NEW
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    # The random token of the checkout form that created this inquiry: a second submit of the
    # same form finds this inquiry instead of creating another one.
    submission_token = models.CharField(max_length=64, unique=True, null=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.reference} · {self.full_name}"

    def _move_to(self, status: str) -> None:
        self.status = status
        self.status_changed_at = timezone.now()
        self.save(update_fields=["status", "status_changed_at"])

    def can_mark_contacted(self) -> bool:
        return self.status == InquiryStatus.NEW

    def mark_contacted(self) -> None:
        if not self.can_mark_contacted():
            raise ValueError(f"Inquiry {self.reference} is {self.status}, not new.")
        self._move_to(InquiryStatus.CONTACTED)

    def can_close(self) -> bool:
        return self.status != InquiryStatus.CLOSED

    def close(self) -> None:
        if not self.can_close():
            raise ValueError(f"Inquiry {self.reference} is already closed.")
        self._move_to(InquiryStatus.CLOSED)

    def can_reopen(self) -> bool:
        return self.status == InquiryStatus.CLOSED

    def reopen(self) -> None:
        if not self.can_reopen():
            raise ValueError(f"Inquiry {self.reference} is not closed.")
        self._move_to(InquiryStatus.CONTACTED)

    @property
    def has_order(self) -> bool:
        return Order.objects.filter(inquiry_id=self.pk).exists()


class Order(Snapshot):
    """A purchase that happened, recorded by staff from an inquiry.

    Kept 7 years for Kazakhstan's tax law, also after the customer deletes the account: then it
    keeps its details but no longer points at the account (P21).
    """

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    inquiry = models.OneToOneField(
        Inquiry,
        verbose_name=_("inquiry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="order",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    inquiry_created_at = models.DateTimeField(_("inquiry submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.reference} · {self.full_name}"
