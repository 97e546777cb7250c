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


def _where_in(connection, model: type[Model], field_name: str, values: list[Any], equal: dict):
    """SQL for `field IN values AND other = value...`; one array parameter on PostgreSQL."""
    quote = connection.ops.quote_name
    column = quote(model._meta.get_field(field_name).column)
    if connection.vendor == "postgresql":
        clauses, params = [f"{column} = ANY(%s)"], [list(values)]
    else:
        clauses, params = [f"{column} IN ({', '.join(['%s'] * len(values))})"], list(values)
    for name, value in equal.items():
        clauses.append(f"{quote(model._meta.get_field(name).column)} = %s")
        params.append(value)
    return " AND ".join(clauses), params


def delete_rows(model: type[Model], values: list[Any], field_name: str = "pk", **equal: Any) -> int:
    """Delete rows whose `field_name` is one of `values`, in one statement, loading nothing.

    For retention batches of models with nothing that must cascade in Python (no signals run):
    the rule's own `delete_batch` clears whatever points at the rows first. Plain SQL because
    the ORM's collector loads each row and a long IN list is slow to plan on PostgreSQL.
    """
    if not values:
        return 0
    connection = connections[router.db_for_write(model)]
    if field_name == "pk":
        field_name = model._meta.pk.name
    where, params = _where_in(connection, model, field_name, values, equal)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {where}", params)  # noqa: S608
        return cursor.rowcount


def clear_links(model: type[Model], field_name: str, values: list[Any]) -> int:
    """Set the nullable foreign key `field_name` to NULL where it points at one of `values`."""
    if not values:
        return 0
    connection = connections[router.db_for_write(model)]
    where, params = _where_in(connection, model, field_name, values, {})
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(model._meta.get_field(field_name).column)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = NULL WHERE {where}", params)  # noqa: S608
        return cursor.rowcount


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
