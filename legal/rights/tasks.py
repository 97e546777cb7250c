"""The retention purge as a django-tasks task: a deployment with a task worker needs no cron.

It runs in the worker (`manage.py db_worker --backend worker`, deploy/systemd/nera-worker.service),
and each run queues the next one a day later; enqueue it once after deploying
(docs/retention.md). Without a worker, the nightly timer or cron line runs the command instead.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from legal.rights.services import purge_expired

RUN_EVERY = timedelta(days=1)


@task(backend="worker")
def enforce_retention(reschedule: bool = True) -> dict[str, int]:
    """Apply every retention rule now; the number of rows deleted per model."""
    counts = {result.label: result.count for result in purge_expired(timezone.now())}
    if reschedule:
        enforce_retention.using(run_after=timezone.now() + RUN_EVERY).enqueue(reschedule=True)
    return counts
