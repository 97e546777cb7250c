"""Retry of account emails the provider refused (H35), as a django-tasks task.

With the default immediate backend the retry is a second attempt straight away; a deployment
that configures a queued TASKS backend (and its worker) gets a later, independent attempt.
"""

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django_tasks import task


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


@task()
def deliver_account_email(kind: str, message: dict) -> None:
    email = EmailMultiAlternatives(
        message["subject"], message["body"], message["from_email"], message["to"]
    )
    if message["html"]:
        email.attach_alternative(message["html"], "text/html")
    try:
        email.send()
    except Exception as exc:  # noqa: BLE001
        raise EmailDeliveryFailed(f"{kind}: {type(exc).__name__}") from None
