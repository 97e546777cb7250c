"""Personal data of the legal app: consent records (see legal.registry)."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from legal.models import ConsentRecord
from legal.registry import (
    DeclaredRetention,
    ErasureResult,
    Person,
    PersonalDataEntry,
    RetentionRule,
    declare_retention,
    register,
)

CONSENT_RETENTION = timedelta(days=365)  # P23


def _records(person: Person):
    """Records made while signed in as this person; anonymous records carry only a random id."""
    if person.user is not None:
        return ConsentRecord.objects.filter(user=person.user)
    return ConsentRecord.objects.filter(user__email__iexact=person.email)


def records_for_consent_id(consent_id: str):
    """The records of one browser, found by the consent id in its consent cookie."""
    return (
        ConsentRecord.objects.filter(consent_id=consent_id)
        if consent_id
        else ConsentRecord.objects.none()
    )


def export_consent_records(person: Person) -> list[dict]:
    return [record.as_export() for record in _records(person).order_by("created_at", "pk")]


def erase_consent_records(person: Person) -> ErasureResult:
    removed, _details = _records(person).delete()
    return ErasureResult(removed=removed)


register(
    PersonalDataEntry(
        key="legal.consent_records",
        description=_("Cookie consent records: choices, cookie-group version, EU or not, time."),
        export=export_consent_records,
        erase=erase_consent_records,
        retention=RetentionRule(
            model=ConsentRecord,
            age_field="created_at",
            keep_for=CONSENT_RETENTION,
            description=_("Cookie consent records are deleted after 1 year."),
        ),
    )
)

# P33: PostHog keeps analytics events 12 months; its project settings enforce it, not this code.
POSTHOG_RETENTION = timedelta(days=365)

declare_retention(
    DeclaredRetention(
        key="posthog.analytics",
        data=_(
            "Analytics data (PostHog): pages visited, clicks, device type, no names or contacts."
        ),
        keep_for=POSTHOG_RETENTION,
        description=_("PostHog deletes analytics events after 12 months."),
        enforced_by=_(
            "PostHog project settings: data retention 12 months and 'Discard client IP data' on."
        ),
    )
)
