"""Running django-tasks' real database worker inside a test."""

from unittest import mock

from django.core.management import call_command


def run_worker() -> None:
    """The worker of the "worker" backend, until no task is due.

    The worker closes database connections between tasks, which inside a test's transaction
    would close the test's own connection (PostgreSQL); here that clean-up is a no-op.
    """
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command(
            "db_worker", "--backend", "worker", "--batch", "--no-startup-delay", verbosity=0
        )
