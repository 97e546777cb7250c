"""Rights requests that arrive by email (P29) and the audit trail of what staff did with them."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

# P29: we answer within 30 days of receipt.
RESPONSE_TIME = timedelta(days=30)
# The dashboard warns this long before a request falls due.
DUE_SOON = timedelta(days=7)


def _today() -> date:
    return timezone.localdate()


def requester_digest(email: str) -> str:
    """A keyed hash of the address: proof of who asked that survives erasing the address."""
    return salted_hmac("legal.rights.requester", email.strip().lower()).hexdigest()


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access (a copy of the data)")
    CORRECTION = "correction", _("Correction")
    DELETION = "deletion", _("Deletion")
    PORTABILITY = "portability", _("Portability (machine-readable copy)")
    OBJECTION = "objection", _("Objection")
    WITHDRAWAL = "withdrawal", _("Withdrawal of consent")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Answered")
    REFUSED = "refused", _("Refused")


CLOSED_STATUSES = (RequestStatus.DONE, RequestStatus.REFUSED)


class RightsRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, today: date | None = None):
        return self.open().filter(due_on__lt=today or _today())

    def due_soon(self, today: date | None = None):
        today = today or _today()
        return self.open().filter(due_on__gte=today, due_on__lte=today + DUE_SOON)


class RightsRequest(models.Model):
    """A data subject's request received by email (P29), due 30 days after receipt.

    The requester's email is personal data too: it is exported, erased with the person's
    data (the keyed digest stays as proof of who asked) and the request is deleted 3 years after
    it is closed (legal.personal_data).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requester_email = models.EmailField(
        _("requester email"),
        max_length=254,
        help_text=_("The address the request came from; the person's data is found by it."),
    )
    # Kept when the address itself is erased (H31), so the request still proves the answer.
    requester_digest = models.CharField(max_length=64, editable=False, db_index=True)
    kind = models.CharField(_("type"), max_length=20, choices=RequestKind.choices)
    received_on = models.DateField(_("received"), default=_today)
    due_on = models.DateField(
        _("due"), editable=False, help_text=_("30 days after receipt."), db_index=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    objects = RightsRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("rights request")
        verbose_name_plural = _("rights requests")
        ordering = ["due_on", "pk"]
        permissions = [
            ("export_personal_data", _("Can prepare a personal data export")),
            ("erase_personal_data", _("Can erase a person's data")),
        ]

    def __str__(self) -> str:
        # No email here: Wagtail's action log copies this label.
        return f"{self.get_kind_display()} · {str(self.public_id)[:8]}"

    def save(self, *args, **kwargs):
        self.due_on = self.received_on + RESPONSE_TIME
        if self.requester_email:
            self.requester_digest = requester_digest(self.requester_email)
        if self.status in CLOSED_STATUSES:
            self.closed_at = self.closed_at or timezone.now()
        else:
            self.closed_at = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "due_on", "closed_at", "requester_digest"}
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < _today()


class AuditAction(models.TextChoices):
    RECORDED = "recorded", _("Recorded the request")
    CHANGED = "changed", _("Changed the request")
    EXPORT_PREPARED = "export_prepared", _("Prepared an export")
    ERASURE_PREVIEWED = "erasure_previewed", _("Previewed an erasure")
    ERASED = "erased", _("Erased the person's data")


class RightsRequestEvent(models.Model):
    """Who did what to a request and when; counts only, never the personal data itself."""

    request = models.ForeignKey(
        RightsRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("request")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    # Per registry entry: {"checkout.inquiry": {"removed": 2, "retained": 0}, ...}
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("rights request event")
        verbose_name_plural = _("rights request events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"

    def counts_summary(self) -> str:
        """E.g. "checkout.inquiry: 2 removed, 0 kept; legal.sessions: 1"."""
        parts = []
        for key, value in self.counts.items():
            if isinstance(value, dict):
                parts.append(
                    f"{key}: {value.get('removed', 0)} removed, {value.get('retained', 0)} kept"
                )
            else:
                parts.append(f"{key}: {value}")
        return "; ".join(parts)
