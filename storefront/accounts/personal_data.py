"""Personal data of the accounts app: the account itself and the address book (see legal.registry)."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from legal.registry import ErasureResult, Person, PersonalDataEntry, RetentionRule, register
from storefront.accounts.models import Address, User

ACCOUNT_RETENTION = timedelta(days=3 * 365)  # P20


def _users(person: Person):
    if person.user is not None:
        return User.objects.filter(pk=person.user.pk)
    return User.objects.filter(email__iexact=person.email)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_account(person: Person) -> list[dict]:
    """Profile fields and email addresses; never the password or its hash (P03)."""
    return [
        {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "last_activity": _iso(user.last_activity),
            "email_addresses": [
                {"email": row.email, "verified": row.verified, "primary": row.primary}
                for row in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
        }
        for user in _users(person)
    ]


def erase_account(person: Person) -> ErasureResult:
    """Delete the account; its addresses and allauth email records go with it (CASCADE)."""
    result = ErasureResult()
    for user in _users(person):
        if user.is_staff or user.is_superuser:
            result.retained += 1
            result.messages.append(str(_("Staff accounts are removed by an administrator.")))
            continue
        user.delete()
        result.removed += 1
    return result


def export_addresses(person: Person) -> list[dict]:
    fields = ["label", "street", "building_type", "city", "region", "postal_code", "instructions"]
    return [
        {
            "id": str(address.public_id),
            **{name: getattr(address, name) for name in fields},
            "country": str(address.country),
            "is_default": address.is_default,
            "created_at": _iso(address.created_at),
            "updated_at": _iso(address.updated_at),
        }
        for address in Address.objects.filter(user__in=_users(person)).order_by("pk")
    ]


def erase_addresses(person: Person) -> ErasureResult:
    removed, _details = Address.objects.filter(user__in=_users(person)).delete()
    return ErasureResult(removed=removed)


register(
    PersonalDataEntry(
        key="accounts.user",
        description=_("Customer account: name, email address, sign-up and last activity dates."),
        export=export_account,
        erase=erase_account,
        # Last: the other erasers find the person's data through the account.
        erase_order=900,
        retention=RetentionRule(
            model=User,
            age_field="last_activity",
            # Never active since signing up: the three years count from the sign-up.
            fallback_age_field="date_joined",
            keep_for=ACCOUNT_RETENTION,
            description=_(
                "Customer accounts with their addresses are deleted 3 years after the last "
                "activity (last sign-in or any signed-in action)."
            ),
            rows=Q(is_staff=False, is_superuser=False),
        ),
    )
)

register(
    PersonalDataEntry(
        key="accounts.address",
        description=_("Saved delivery addresses of the address book."),
        export=export_addresses,
        erase=erase_addresses,
    )
)


# Account emails waiting for a retry sit in the task queue with their recipient and text (H35).
QUEUED_EMAIL_RETENTION = timedelta(days=7)
QUEUED_EMAIL_TASK = "storefront.accounts.tasks.deliver_account_email"


def _queued_emails(person: Person) -> list[DBTaskResult]:
    """Queued emails to this person; few rows, so the recipient is matched in Python (portable)."""
    wanted = person.email.lower()
    return [
        row
        for row in DBTaskResult.objects.filter(task_path=QUEUED_EMAIL_TASK)
        if any(
            wanted and wanted in recipient.lower()
            for recipient in row.args_kwargs.get("args", [None, {}])[1].get("to", [])
        )
    ]


def export_queued_emails(person: Person) -> list[dict]:
    return [
        {
            "kind": row.args_kwargs["args"][0],
            "status": row.status,
            "queued_at": _iso(row.enqueued_at),
            "subject": row.args_kwargs["args"][1].get("subject", ""),
        }
        for row in _queued_emails(person)
    ]


def erase_queued_emails(person: Person) -> ErasureResult:
    rows = _queued_emails(person)
    removed, _details = DBTaskResult.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return ErasureResult(removed=removed)


register(
    PersonalDataEntry(
        key="accounts.queued_email",
        description=_("Account emails waiting to be sent again after the provider failed."),
        export=export_queued_emails,
        erase=erase_queued_emails,
        retention=RetentionRule(
            model=DBTaskResult,
            age_field="enqueued_at",
            keep_for=QUEUED_EMAIL_RETENTION,
            description=_("Queued account emails are deleted 7 days after they were queued."),
            rows=Q(task_path=QUEUED_EMAIL_TASK),
        ),
    )
)
