"""Personal data of the legal app: consent records (see legal.registry)."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from legal.antispam.models import SpamRecord
from legal.models import ConsentRecord
from legal.registry import (
    DeclaredRetention,
    ErasureResult,
    Person,
    PersonalDataEntry,
    RetentionRule,
    declare_retention,
    register,
)

CONSENT_RETENTION = timedelta(days=365)  # P23


def _records(person: Person):
    """Records made while signed in as this person; anonymous records carry only a random id."""
    by_user = person.user is not None
    mine = Q(user=person.user) if by_user else Q(user__email__iexact=person.email)
    # The same browser's choices from before signing in carry the same consent id.
    browsers = ConsentRecord.objects.filter(mine).values("consent_id")
    return ConsentRecord.objects.filter(mine | Q(user__isnull=True, consent_id__in=browsers))


def records_for_consent_id(consent_id: str):
    """The records of one browser, found by the consent id in its consent cookie."""
    return (
        ConsentRecord.objects.filter(consent_id=consent_id)
        if consent_id
        else ConsentRecord.objects.none()
    )


def export_consent_records(person: Person) -> list[dict]:
    return [record.as_export() for record in _records(person).order_by("created_at", "pk")]


def erase_consent_records(person: Person) -> ErasureResult:
    # Before the account: records are found through it (and would go with it by CASCADE).
    removed, _details = _records(person).delete()
    return ErasureResult(removed=removed)


register(
    PersonalDataEntry(
        key="legal.consent_records",
        description=_("Cookie consent records: choices, cookie-group version, EU or not, time."),
        export=export_consent_records,
        erase=erase_consent_records,
        erase_order=50,
        retention=RetentionRule(
            model=ConsentRecord,
            age_field="created_at",
            keep_for=CONSENT_RETENTION,
            description=_("Cookie consent records are deleted after 1 year."),
        ),
    )
)


# -- Cookie-consent's own log --------------------------------------------------------------
# django-cookie-consent logs each accept/decline as a LogItem with no visitor id. The rows of
# one visitor are the ones the library wrote for the groups of that visitor's consent record,
# in the same moment (record_choice writes both in one transaction).
LOG_MATCH_WINDOW = timedelta(seconds=5)


def _log_items(person: Person):
    from cookie_consent.models import LogItem

    match = Q(pk__in=[])
    for record in _records(person):
        groups = [*record.accepted, *record.declined]
        match |= Q(
            cookiegroup__varname__in=groups,
            created__gte=record.created_at - LOG_MATCH_WINDOW,
            created__lte=record.created_at,
        )
    return LogItem.objects.filter(match)


def export_consent_log(person: Person) -> list[dict]:
    return [
        {
            "group": item.cookiegroup.varname,
            "action": "accept" if item.action == 1 else "decline",
            "version": item.version,
            "time": item.created.isoformat(),
        }
        for item in _log_items(person).select_related("cookiegroup").order_by("created", "pk")
    ]


def erase_consent_log(person: Person) -> ErasureResult:
    removed, _details = _log_items(person).delete()
    return ErasureResult(removed=removed)


def _register_consent_log() -> None:
    from cookie_consent.models import LogItem

    register(
        PersonalDataEntry(
            key="legal.cookie_consent_log",
            description=_("The cookie library's log of each accepted or declined cookie group."),
            export=export_consent_log,
            erase=erase_consent_log,
            # Found through the consent records: erased before them.
            erase_order=40,
            retention=RetentionRule(
                model=LogItem,
                age_field="created",
                keep_for=CONSENT_RETENTION,
                description=_("The cookie library's consent log is deleted after 1 year."),
                batch_size=5000,
            ),
        )
    )


_register_consent_log()


# -- Sessions ------------------------------------------------------------------------------


def _session_store_class():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _user_sessions(person: Person, now=None) -> list[Session]:
    """Live sessions signed in as the person's account (a scan: erasure is rare)."""
    if person.user is None or person.user.pk is None:
        return []
    user_id = str(person.user.pk)
    found = []
    live = Session.objects.filter(expire_date__gt=now or timezone.now())
    for session in live.iterator(chunk_size=2000):
        if str(session.get_decoded().get(SESSION_KEY, "")) == user_id:
            found.append(session)
    return found


def export_sessions(person: Person) -> list[dict]:
    """Only when each signed-in session expires: its contents are the basket and login state."""
    return [{"expires": session.expire_date.isoformat()} for session in _user_sessions(person)]


def erase_sessions(person: Person) -> ErasureResult:
    """End every session of the account, in the database and in the cache (H06, H31)."""
    store = _session_store_class()
    sessions = _user_sessions(person)
    for session in sessions:
        # cached_db and cache stores remove the cache entry too; the db store its row.
        store(session.session_key).delete()
    Session.objects.filter(pk__in=[session.pk for session in sessions]).delete()
    return ErasureResult(removed=len(sessions))


def preview_sessions(person: Person) -> ErasureResult:
    return ErasureResult(removed=len(_user_sessions(person)))


register(
    PersonalDataEntry(
        key="legal.sessions",
        description=_("Sessions: the basket and sign-in of one browser."),
        export=export_sessions,
        erase=erase_sessions,
        preview=preview_sessions,
        erase_order=10,
        retention=RetentionRule(
            model=Session,
            age_field="expire_date",
            keep_for=timedelta(0),
            description=_("Sessions are deleted when they expire, 2 weeks after the last visit."),
            batch_size=5000,
        ),
    )
)


# -- Rights requests -----------------------------------------------------------------------
# A request is kept as proof that it was answered for 3 years after it is closed: the general
# limitation period of Kazakhstan's Civil Code (article 178), within which a complaint about
# the answer can be raised. Erasing the person removes the requester's address from it; the
# keyed digest of the address stays, so the proof still matches the person if they ask again.
RIGHTS_REQUEST_RETENTION = timedelta(days=3 * 365)


def _rights_requests(person: Person):
    from legal.rights.models import RightsRequest, requester_digest

    if not person.email:
        return RightsRequest.objects.none()
    return RightsRequest.objects.filter(
        Q(requester_email__iexact=person.email) | Q(requester_digest=requester_digest(person.email))
    )


def export_rights_requests(person: Person) -> list[dict]:
    return [
        {
            "id": str(request.public_id),
            "type": request.kind,
            "received": request.received_on.isoformat(),
            "due": request.due_on.isoformat(),
            "status": request.status,
            "closed": request.closed_at.isoformat() if request.closed_at else None,
        }
        for request in _rights_requests(person).order_by("received_on", "pk")
    ]


def erase_rights_requests(person: Person) -> ErasureResult:
    """The requests stay as proof of the answer, without the address (only its digest)."""
    requests = _rights_requests(person)
    kept = requests.count()
    requests.update(requester_email="")
    messages = []
    if kept:
        messages.append(
            str(
                _(
                    "Requests you sent us are kept without your email address, as proof of our "
                    "answer, until 3 years after they are closed."
                )
            )
        )
    return ErasureResult(removed=0, retained=kept, messages=messages)


def _register_rights_requests() -> None:
    from legal.rights.models import RightsRequest

    register(
        PersonalDataEntry(
            key="legal.rights_requests",
            description=_("Requests about your data that you sent us by email."),
            export=export_rights_requests,
            erase=erase_rights_requests,
            retention=RetentionRule(
                model=RightsRequest,
                age_field="closed_at",
                keep_for=RIGHTS_REQUEST_RETENTION,
                description=_(
                    "Requests about personal data (with the requester's email) are deleted "
                    "3 years after they are answered."
                ),
            ),
        )
    )


_register_rights_requests()


# -- Anti-spam records (P11, P22) ----------------------------------------------------------
SPAM_RECORD_RETENTION = timedelta(days=365)  # P22


def _spam_records(person: Person):
    return (
        SpamRecord.objects.filter(email__iexact=person.email)
        if person.email
        else SpamRecord.objects.none()
    )


def export_spam_records(person: Person) -> list[dict]:
    return [record.as_export() for record in _spam_records(person).order_by("created_at", "pk")]


def erase_spam_records(person: Person) -> ErasureResult:
    removed, _details = _spam_records(person).delete()
    return ErasureResult(removed=removed)


register(
    PersonalDataEntry(
        key="legal.spam_records",
        description=_(
            "Anti-spam records, only when a check fired: IP address, email, browser, form, "
            "reason, time."
        ),
        export=export_spam_records,
        erase=erase_spam_records,
        retention=RetentionRule(
            model=SpamRecord,
            age_field="created_at",
            keep_for=SPAM_RECORD_RETENTION,
            description=_("Anti-spam records are deleted after 1 year."),
        ),
    )
)


# P33: PostHog keeps analytics events 12 months; its project settings enforce it, not this code.
POSTHOG_RETENTION = timedelta(days=365)

declare_retention(
    DeclaredRetention(
        key="posthog.analytics",
        data=_(
            "Analytics data (PostHog): pages visited, clicks, device type, no names or contacts."
        ),
        keep_for=POSTHOG_RETENTION,
        description=_("PostHog deletes analytics events after 12 months."),
        enforced_by=_(
            "PostHog project settings: data retention 12 months and 'Discard client IP data' on."
        ),
    )
)
