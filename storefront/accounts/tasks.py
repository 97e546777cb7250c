"""Retry of account emails the provider refused (H35), as a django-tasks task.

The task runs in the worker (`manage.py db_worker --backend worker`), EMAIL_RETRY_DELAY seconds after the
failure, so a provider outage is not hammered from the request; each failed try schedules the
next one, up to EMAIL_RETRY_ATTEMPTS, and only the error's class name is ever logged.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


class EmailDeliveryFailed(Exception):
    """Raised with the provider error's class name only: its message would name the recipient."""


def serialise_message(message: EmailMessage) -> dict:
    """A JSON-able copy of the rendered email, so the task can send it again as it was."""
    html = next(
        (
            content
            for content, mimetype in getattr(message, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    return {
        "subject": message.subject,
        "body": message.body,
        "html": html,
        "from_email": message.from_email,
        "to": list(message.to),
    }


def schedule_retry(kind: str, message: dict, attempt: int) -> bool:
    """Queue try number `attempt` for later; False once the tries are used up."""
    if attempt > settings.EMAIL_RETRY_ATTEMPTS:
        return False
    run_after = timezone.now() + timedelta(seconds=settings.EMAIL_RETRY_DELAY * (attempt - 1))
    deliver_account_email.using(run_after=run_after).enqueue(kind, message, attempt)
    return True


@task(backend="worker")
def deliver_account_email(kind: str, message: dict, attempt: int = 2) -> None:
    email = EmailMultiAlternatives(
        message["subject"], message["body"], message["from_email"], message["to"]
    )
    if message["html"]:
        email.attach_alternative(message["html"], "text/html")
    try:
        email.send()
    except Exception as exc:  # noqa: BLE001
        error = type(exc).__name__
        if schedule_retry(kind, message, attempt + 1):
            logger.warning(
                "Account email %r failed again (%s); queued try %d.", kind, error, attempt + 1
            )
            return
        logger.error("Account email %r failed %d times (%s); giving up.", kind, attempt, error)
        raise EmailDeliveryFailed(f"{kind}: {error}") from None
