"""The one registry of personal data.

Every app that stores personal data declares it in its own `personal_data.py` (discovered at
start-up, like Wagtail's `wagtail_hooks.py`): how to export it for a person, how to erase it, and
how long it is kept. Export, erasure, the retention purge and the policy's retention table all
read these declarations, so what the policy says and what the code does cannot drift apart.
Prior art: WordPress core's personal data exporters and erasers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Model, Q


@dataclass(frozen=True)
class Person:
    """Whose data: a signed-in user, or an email address (guest checkouts, staff requests)."""

    email: str
    user: Model | None = None


@dataclass
class ErasureResult:
    """What an eraser did: rows removed, rows kept and why (WordPress' eraser response)."""

    removed: int = 0
    retained: int = 0
    messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RetentionRule:
    """Rows of `model` whose `age_field` is older than `keep_for` are deleted by the purge."""

    model: type[Model]
    age_field: str
    keep_for: timedelta
    description: str
    rows: Q = field(default_factory=Q)


@dataclass(frozen=True)
class PersonalDataEntry:
    key: str
    description: str
    export: Callable[[Person], list[dict[str, Any]]]
    erase: Callable[[Person], ErasureResult]
    retention: RetentionRule | None = None


_entries: dict[str, PersonalDataEntry] = {}


def register(entry: PersonalDataEntry) -> PersonalDataEntry:
    if entry.key in _entries:
        raise ValueError(f"Personal data {entry.key!r} is declared twice.")
    _entries[entry.key] = entry
    return entry


def entries() -> list[PersonalDataEntry]:
    return list(_entries.values())


def retention_rules() -> list[RetentionRule]:
    return [entry.retention for entry in _entries.values() if entry.retention is not None]


@dataclass(frozen=True)
class DeclaredRetention:
    """A retention period kept by a processor, not by this code: the policy states it (P33).

    Nothing here deletes data; `enforced_by` names the outside setting that does, so the
    policy's retention table and the project's documentation can point at it.
    """

    key: str
    data: str
    keep_for: timedelta
    description: str
    enforced_by: str


_declared: dict[str, DeclaredRetention] = {}


def declare_retention(declared: DeclaredRetention) -> DeclaredRetention:
    if declared.key in _declared:
        raise ValueError(f"Retention {declared.key!r} is declared twice.")
    _declared[declared.key] = declared
    return declared


def declared_retentions() -> list[DeclaredRetention]:
    return list(_declared.values())
