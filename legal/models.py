"""Consent records (what a shop shows an auditor) and the CMS override of the analytics key."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cms.memo import RememberedSettingMixin


class ConsentAction(models.TextChoices):
    ACCEPT_ALL = "accept_all", _("Accepted all")
    REJECT_ALL = "reject_all", _("Rejected all")
    CUSTOM = "custom", _("Saved a selection")


class ConsentRecord(models.Model):
    """One consent choice (H24): which groups, which version, EU or not, when; never the IP.

    django-cookie-consent's own LogItem cannot tie a choice to a visitor; this record carries
    the random consent id that also sits in the visitor's consent cookie. Kept 1 year (P23).
    """

    consent_id = models.UUIDField(_("consent id"), db_index=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consent_records",
        help_text=_("Set when the choice was made while signed in."),
    )
    action = models.CharField(_("action"), max_length=20, choices=ConsentAction.choices)
    accepted = models.JSONField(_("accepted groups"), default=list)
    declined = models.JSONField(_("declined groups"), default=list)
    group_versions = models.JSONField(
        _("cookie-group versions"),
        default=dict,
        help_text=_("The version of each cookie group when the choice was made."),
    )
    is_eu = models.BooleanField(_("EU rules"))
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.consent_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"

    def as_export(self) -> dict:
        return {
            "consent_id": str(self.consent_id),
            "action": self.action,
            "accepted": list(self.accepted),
            "declined": list(self.declined),
            "group_versions": dict(self.group_versions),
            "eu_rules": self.is_eu,
            "time": self.created_at.isoformat(),
        }


@register_setting(icon="view")
class AnalyticsSettings(RememberedSettingMixin, BaseSiteSetting):
    """Lets an editor set the PostHog project key without a deployment (overrides POSTHOG_KEY)."""

    posthog_key = models.CharField(
        _("PostHog project key"),
        max_length=100,
        blank=True,
        help_text=_(
            "The public project API key (phc_...). Leave empty to use the server's "
            "configuration; with no key at all, no analytics runs."
        ),
    )

    panels = [FieldPanel("posthog_key")]

    class Meta:
        verbose_name = _("analytics")


from legal.antispam.models import SpamReason, SpamRecord  # noqa: E402,F401
from legal.policy.models import LegalPage, PrivacyPolicyPage, Processor  # noqa: E402,F401
from legal.rights.models import RightsRequest, RightsRequestEvent  # noqa: E402,F401
