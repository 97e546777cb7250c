"""Export, erasure and the retention purge, driven only by the personal-data registry.

Nothing here knows which apps hold personal data: every app declares it in its own
`personal_data.py` (legal.registry). The HTML views, the staff admin, the retention command and
the API call these plain functions; none of them takes a request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from legal.registry import (
    ErasureResult,
    Person,
    PersonalDataEntry,
    RetentionRule,
    entries,
    entries_in_erase_order,
    retention_rules,
)

# The version of docs/personal-data-export.schema.json the export follows (P27).
EXPORT_SCHEMA = "personal-data-export"
EXPORT_SCHEMA_VERSION = "1.0"


def person_for_user(user: Model) -> Person:
    """The person behind a signed-in account."""
    return Person(email=user.email, user=user)


def person_for_email(email: str) -> Person:
    """The person behind an email address (guest checkouts, requests received by email)."""
    email = email.strip()
    user = get_user_model()._default_manager.filter(email__iexact=email).first()
    return Person(email=email, user=user)


def export_person(person: Person, *, now: datetime | None = None) -> dict[str, Any]:
    """Everything held about the person as one JSON-serialisable document (P24, P27, H30).

    One section per registry entry, each with its description and records; the document
    follows docs/personal-data-export.schema.json.
    """
    now = now or timezone.now()
    sections = {
        entry.key: {"description": str(entry.description), "records": entry.export(person)}
        for entry in entries()
    }
    return {
        "schema": EXPORT_SCHEMA,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "generated_at": now.isoformat(),
        "subject": {"email": person.email},
        "sections": sections,
    }


@dataclass(frozen=True)
class ErasureLine:
    key: str
    description: str
    result: ErasureResult


@dataclass
class ErasureReport:
    """What an erasure removed and what it kept, and why, per registry entry."""

    dry_run: bool
    lines: list[ErasureLine] = field(default_factory=list)

    @property
    def removed(self) -> int:
        return sum(line.result.removed for line in self.lines)

    @property
    def retained(self) -> int:
        return sum(line.result.retained for line in self.lines)

    def counts(self) -> dict[str, dict[str, int]]:
        """Counts only, for the audit trail: no personal data."""
        return {
            line.key: {"removed": line.result.removed, "retained": line.result.retained}
            for line in self.lines
        }


class _Rollback(Exception):
    """Ends a dry run's transaction."""


def _erase_all(person: Person, dry_run: bool) -> list[ErasureLine]:
    lines = []
    for entry in entries_in_erase_order():
        if dry_run and entry.preview is not None:
            result = entry.preview(person)
        else:
            result = entry.erase(person)
        lines.append(ErasureLine(entry.key, str(entry.description), result))
    return lines


def erase_person(person: Person, dry_run: bool = False) -> ErasureReport:
    """Erase everything held about the person except what the law makes us keep (P26, H31).

    Runs each registered eraser in one transaction, the account last. With `dry_run` the
    same erasers run in a transaction that is rolled back (entries whose effect a rollback
    cannot undo give a preview instead), so the preview is exactly what a real run would do.
    """
    report = ErasureReport(dry_run=dry_run)
    if not dry_run:
        with transaction.atomic():
            report.lines = _erase_all(person, dry_run=False)
        return report
    try:
        with transaction.atomic():
            report.lines = _erase_all(person, dry_run=True)
            raise _Rollback
    except _Rollback:
        pass
    return report


# -- Retention -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeCount:
    rule: RetentionRule
    count: int

    @property
    def label(self) -> str:
        return self.rule.model._meta.label


Progress = Callable[[RetentionRule, int, int], None]


def expired_rows(rule: RetentionRule, now: datetime) -> QuerySet:
    """The rows of `rule` that are past their retention at `now`."""
    cutoff = now - rule.keep_for
    expired = Q(**{f"{rule.age_field}__lt": cutoff})
    if rule.fallback_age_field:
        expired |= Q(
            **{f"{rule.age_field}__isnull": True, f"{rule.fallback_age_field}__lt": cutoff}
        )
    return rule.model._default_manager.filter(rule.rows).filter(expired)


def _delete_through_orm(model: type[Model]) -> Callable[[list[Any]], int]:
    def delete(pks: list[Any]) -> int:
        # Only the primary key is loaded; cascades and SET_NULL run as usual.
        model._default_manager.filter(pk__in=pks).only("pk").delete()
        return len(pks)

    return delete


def purge_rule(
    rule: RetentionRule, now: datetime, dry_run: bool = False, progress: Progress | None = None
) -> int:
    """Delete one rule's expired rows in batches, each in its own transaction (H32).

    Walks the primary keys upwards, so every batch makes progress and memory stays flat; an
    interrupted run keeps the batches it finished and a re-run continues with the rest.
    """
    expired = expired_rows(rule, now)
    if dry_run:
        return expired.count()
    total = expired.count()
    delete = rule.delete_batch or _delete_through_orm(rule.model)
    done = 0
    last_pk = None
    everything = rule.model._default_manager.order_by("pk")
    while True:
        # The next window of `batch_size` rows by primary key (an index walk, whatever else
        # the table holds), then the expired rows inside it: each batch costs the same, where
        # "expired rows ordered by key" would sort what is left on every round.
        window = everything if last_pk is None else everything.filter(pk__gt=last_pk)
        edge = list(window.values_list("pk", flat=True)[rule.batch_size - 1 : rule.batch_size])
        if not edge:
            edge = list(window.reverse().values_list("pk", flat=True)[:1])
        if not edge:
            break
        batch = expired.filter(pk__lte=edge[0])
        if last_pk is not None:
            batch = batch.filter(pk__gt=last_pk)
        with transaction.atomic():
            pks = list(batch.order_by("pk").values_list("pk", flat=True))
            if pks:
                delete(pks)
        last_pk = edge[0]
        if not pks:
            continue
        done += len(pks)
        if progress is not None:
            progress(rule, done, max(total, done))
    return done


def purge_expired(
    now: datetime, dry_run: bool = False, progress: Progress | None = None
) -> list[PurgeCount]:
    """Apply every retention rule of the registry at `now` (P19-P23); the count per rule."""
    return [
        PurgeCount(rule, purge_rule(rule, now, dry_run=dry_run, progress=progress))
        for rule in retention_rules()
    ]


def entry_for(key: str) -> PersonalDataEntry:
    return next(entry for entry in entries() if entry.key == key)
