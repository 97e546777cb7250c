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

from django.db import connections, router
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
    # How many rows one batch (and one transaction) of the purge deletes: flat memory, and an
    # interrupted run keeps what it finished (H32).
    batch_size: int = 2000
    # Rows whose age field is empty are measured from this field instead (an account that was
    # never active counts from its sign-up date, P20).
    fallback_age_field: str = ""
    # Deletes one batch, given the primary keys; None deletes them through the ORM (cascades).
    delete_batch: Callable[[list[Any]], int] | None = None


@dataclass(frozen=True)
class PersonalDataEntry:
    key: str
    description: str
    export: Callable[[Person], list[dict[str, Any]]]
    erase: Callable[[Person], ErasureResult]
    retention: RetentionRule | None = None
    # Erasers run in this order (lower first): the account goes last, after everything that is
    # found through it.
    erase_order: int = 100
    # What `erase` would do, for erasers that touch something a database rollback cannot undo
    # (the session cache); None previews by running `erase` in a transaction rolled back.
    preview: Callable[[Person], ErasureResult] | None = None


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


def entries_in_erase_order() -> list[PersonalDataEntry]:
    """The erasers in the order they must run: what is found through the account before it."""
    return sorted(_entries.values(), key=lambda entry: entry.erase_order)


def delete_rows(model: type[Model], pks: list[Any]) -> int:
    """Delete rows by primary key in one statement, without loading them or sending signals.

    For retention rules of models with nothing that must cascade in Python: the rule's own
    `delete_batch` clears whatever points at the rows first.
    """
    if not pks:
        return 0
    connection = connections[router.db_for_write(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.pk.column)
    placeholders = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({placeholders})", pks)  # noqa: S608
        return cursor.rowcount
