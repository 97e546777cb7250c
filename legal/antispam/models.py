"""The one place a client IP is stored (P05, P11): when an anti-spam check fires. Kept 1 year (P22)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SpamReason(models.TextChoices):
    HONEYPOT = "honeypot", _("Hidden field filled in")
    TOO_FAST = "too_fast", _("Sent faster than a person types")
    EXPIRED = "expired", _("Form older than a day")
    REPLAYED = "replayed", _("Form sent again with a used token")
    TOKEN_MISSING = "token_missing", _("Form token missing or forged")
    RATE_LIMIT = "rate_limit", _("Too many attempts")


class SpamRecord(models.Model):
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True, db_index=True)
    user_agent = models.CharField(_("browser (user agent)"), max_length=500, blank=True)
    form = models.CharField(_("form"), max_length=40)
    reason = models.CharField(_("reason"), max_length=20, choices=SpamReason.choices)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("anti-spam record")
        verbose_name_plural = _("anti-spam records")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.form} {self.reason} {self.created_at:%Y-%m-%d %H:%M}"

    def as_export(self) -> dict:
        return {
            "ip": self.ip,
            "email": self.email,
            "user_agent": self.user_agent,
            "form": self.form,
            "reason": self.reason,
            "time": self.created_at.isoformat(),
        }
