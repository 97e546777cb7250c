"""The retention purge as a django-tasks task: a deployment with a task worker needs no cron.

Each run enqueues the next one a day later when the configured backend can defer tasks; with
the immediate backend (the default) the command or a timer runs it (docs/retention.md).
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from legal.rights.services import purge_expired

RUN_EVERY = timedelta(days=1)


@task()
def enforce_retention(reschedule: bool = True) -> dict[str, int]:
    """Apply every retention rule now; the number of rows deleted per model."""
    counts = {result.label: result.count for result in purge_expired(timezone.now())}
    if reschedule and default_task_backend.supports_defer:
        enforce_retention.using(run_after=timezone.now() + RUN_EVERY).enqueue(reschedule=True)
    return counts
