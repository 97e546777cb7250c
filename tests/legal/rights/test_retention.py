"""The retention job (P19-P23, H32): time travel to each rule's boundary, run the command.

Each test travels with time-machine, calls `enforce_retention` as cron would, and then looks at
the database.
"""

import dataclasses
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from cookie_consent.models import LogItem
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command

from legal import registry
from legal.antispam.models import SpamRecord
from legal.antispam.services import record as record_spam
from legal.models import ConsentRecord
from legal.rights.models import RightsRequest
from legal.rights.tasks import enforce_retention as enforce_retention_task
from storefront.accounts.models import Address, User
from storefront.checkout.models import Inquiry, Order
from storefront.checkout.services import record_order
from tests.factories.accounts import AddressFactory, UserFactory
from tests.factories.checkout import InquiryFactory, OrderFactory
from tests.workers import run_worker

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("enforce_retention", *args, stdout=out)
    return out.getvalue()


def at(moment: datetime):
    return time_machine.travel(moment, tick=False)


def years_later(moment: datetime, years: int) -> datetime:
    return moment.replace(year=moment.year + years)


@pytest.mark.promise("P19")
def test_checkout_data_without_a_purchase_is_deleted_90_days_after_submission():
    with at(T0):
        inquiry = InquiryFactory()
        bought = InquiryFactory()
        order = record_order(bought)

    with at(T0 + timedelta(days=89)):
        run()
    assert Inquiry.objects.filter(pk=inquiry.pk).exists()
    with at(T0 + timedelta(days=90)):
        run()
    assert Inquiry.objects.filter(pk=inquiry.pk).exists()  # exactly 90 days: still there
    with at(T0 + timedelta(days=90, seconds=1)):
        output = run()
    assert not Inquiry.objects.filter(pk__in=[inquiry.pk, bought.pk]).exists()
    assert "checkout.Inquiry: deleted 2" in output
    # The purchase lives on as the order, with its own copy of the details.
    order.refresh_from_db()
    assert order.inquiry is None and order.email == bought.email


@pytest.mark.promise("P20")
def test_accounts_go_with_their_addresses_3_years_after_the_last_activity():
    with at(T0):
        active = UserFactory(last_activity=T0)
        AddressFactory(user=active)
        staff = UserFactory(is_staff=True, last_activity=T0)
        order = OrderFactory(user=active)
    later = T0 + timedelta(days=3 * 365)

    with at(later - timedelta(days=1)):
        run()
    assert User.objects.filter(pk=active.pk).exists()
    with at(later + timedelta(seconds=1)):
        run()
    assert not User.objects.filter(pk=active.pk).exists()
    assert not Address.objects.exists()
    assert User.objects.filter(pk=staff.pk).exists()  # staff accounts are not purged
    order.refresh_from_db()
    assert order.user is None  # P21: the order stays, no longer linked


@pytest.mark.promise("P20")
def test_activity_moves_the_clock_and_never_active_accounts_count_from_sign_up():
    with at(T0):
        never_active = UserFactory(last_activity=None, date_joined=T0)
        returning = UserFactory(last_activity=T0)
    with at(T0 + timedelta(days=365)):
        User.objects.filter(pk=returning.pk).update(last_activity=T0 + timedelta(days=365))

    with at(T0 + timedelta(days=3 * 365 - 1)):
        run()
    assert User.objects.filter(pk=never_active.pk).exists()
    with at(T0 + timedelta(days=3 * 365 + 1)):
        run()
    assert not User.objects.filter(pk=never_active.pk).exists()
    assert User.objects.filter(pk=returning.pk).exists()
    with at(T0 + timedelta(days=4 * 365 + 1)):
        run()
    assert not User.objects.filter(pk=returning.pk).exists()


@pytest.mark.promise("P21")
def test_orders_are_kept_7_years_also_after_the_account_is_deleted():
    with at(T0):
        user = UserFactory(last_activity=T0)
        order = record_order(InquiryFactory(user=user))

    with at(T0 + timedelta(days=3 * 365 + 1)):
        run()  # the account goes, the order stays
    assert not User.objects.filter(pk=user.pk).exists()
    order.refresh_from_db()
    assert order.user is None and order.first_name == "Aigerim"
    with at(years_later(T0, 7) - timedelta(days=1)):
        run()
    assert Order.objects.filter(pk=order.pk).exists()
    with at(years_later(T0, 7) + timedelta(days=2, seconds=1)):  # leap days counted
        run()
    assert not Order.objects.filter(pk=order.pk).exists()


@pytest.mark.promise("P23")
def test_consent_records_and_the_libraries_log_are_deleted_after_a_year(client, cookie_groups):
    with at(T0):
        assert client.post("/en/cookies/", {"action": "reject_all"}).status_code == 302
    assert ConsentRecord.objects.count() == 1
    assert LogItem.objects.count() == 1

    with at(T0 + timedelta(days=364)):
        run()
    assert ConsentRecord.objects.count() == 1 and LogItem.objects.count() == 1
    with at(T0 + timedelta(days=365, seconds=1)):
        output = run()
    assert ConsentRecord.objects.count() == 0 and LogItem.objects.count() == 0
    assert "legal.ConsentRecord: deleted 1" in output
    assert "cookie_consent.LogItem: deleted 1" in output


def test_expired_sessions_are_deleted():
    with at(T0):
        store = SessionStore()
        store["basket"] = {"1": 2}
        store.set_expiry(14 * 24 * 3600)
        store.create()
    with at(T0 + timedelta(days=13)):
        run()
    assert Session.objects.filter(session_key=store.session_key).exists()
    with at(T0 + timedelta(days=14, seconds=1)):
        run()
    assert not Session.objects.filter(session_key=store.session_key).exists()


def test_rights_requests_are_deleted_3_years_after_they_are_closed():
    with at(T0):
        answered = RightsRequest.objects.create(
            requester_email="a@example.com", kind="access", status="done"
        )
        still_open = RightsRequest.objects.create(requester_email="b@example.com", kind="access")
    with at(T0 + timedelta(days=3 * 365 - 1)):
        run()
    assert RightsRequest.objects.filter(pk=answered.pk).exists()
    with at(T0 + timedelta(days=3 * 365 + 1)):
        run()
    assert not RightsRequest.objects.filter(pk=answered.pk).exists()
    assert RightsRequest.objects.filter(pk=still_open.pk).exists()


def test_dry_run_counts_and_deletes_nothing():
    with at(T0):
        InquiryFactory.create_batch(3)
    with at(T0 + timedelta(days=91)):
        output = run("--dry-run")
    assert "checkout.Inquiry: would delete 3" in output
    assert Inquiry.objects.count() == 3


@pytest.fixture
def inquiry_batches(monkeypatch):
    """The inquiry rule with batches of 3 rows, its batch deletion wrapped by `spy`."""

    original = registry._entries

    def configure(spy):
        entries = dict(original)
        entry = entries["checkout.inquiry"]
        real = entry.retention.delete_batch

        def delete_batch(pks):
            spy(list(pks))
            return real(pks)

        retention = dataclasses.replace(entry.retention, batch_size=3, delete_batch=delete_batch)
        entries["checkout.inquiry"] = dataclasses.replace(entry, retention=retention)
        monkeypatch.setattr(registry, "_entries", entries)

    return configure


@pytest.mark.hardening("H32")
def test_the_purge_deletes_in_batches_survives_an_interruption_and_can_rerun(inquiry_batches):
    with at(T0):
        InquiryFactory.create_batch(10)
        fresh = InquiryFactory(created_at=T0 + timedelta(days=60))
    calls = []

    def interrupt_in_the_third_batch(pks):
        calls.append(len(pks))
        if len(calls) == 3:
            raise KeyboardInterrupt  # the operator pressed Ctrl-C

    inquiry_batches(interrupt_in_the_third_batch)
    with at(T0 + timedelta(days=91)):
        with pytest.raises(KeyboardInterrupt):
            run()
        assert calls == [3, 3, 3]
        assert Inquiry.objects.count() == 11 - 6  # the two finished batches stay done
        calls.clear()
        inquiry_batches(lambda pks: calls.append(len(pks)))
        output = run()
        assert "checkout.Inquiry: deleted 4" in output
        assert calls == [3, 1]
        assert list(Inquiry.objects.all()) == [fresh]
        assert "checkout.Inquiry: deleted 0" in run()  # a re-run finds nothing more


@pytest.mark.hardening("H32")
def test_each_batch_holds_only_primary_keys_so_memory_stays_flat(inquiry_batches):
    with at(T0):
        InquiryFactory.create_batch(7)
        order = record_order(InquiryFactory())
    seen = []
    inquiry_batches(seen.append)

    with at(T0 + timedelta(days=91)):
        run()

    assert [len(batch) for batch in seen] == [3, 3, 2]
    assert all(isinstance(pk, int) for batch in seen for pk in batch)
    assert not Inquiry.objects.exists()
    order.refresh_from_db()
    assert order.inquiry is None  # the link cleared before the raw delete


def test_the_worker_runs_the_same_purge_and_queues_the_next_day():
    from django_tasks_db.models import DBTaskResult

    with at(T0):
        InquiryFactory()
    with at(T0 + timedelta(days=91)):
        enforce_retention_task.enqueue()
        run_worker()
    assert not Inquiry.objects.exists()
    done = DBTaskResult.objects.get(status="SUCCESSFUL")
    assert done.return_value["checkout.Inquiry"] == 1
    following = DBTaskResult.objects.get(status="READY")
    assert following.run_after == T0 + timedelta(days=92)


def test_long_runs_show_progress(inquiry_batches, monkeypatch):
    from legal.management.commands import enforce_retention

    monkeypatch.setattr(enforce_retention, "PROGRESS_THRESHOLD", 5)
    inquiry_batches(lambda pks: None)
    with at(T0):
        InquiryFactory.create_batch(7)
    with at(T0 + timedelta(days=91)):
        output = run()
    assert "checkout.Inquiry [##############################] 7/7" in output


@pytest.mark.promise("P22")
def test_anti_spam_records_are_deleted_after_a_year():
    with at(T0):
        caught = record_spam(None, form="checkout", reason="honeypot", email="bot@example.com")
    with at(T0 + timedelta(days=365)):
        run()
    assert SpamRecord.objects.filter(pk=caught.pk).exists()
    with at(T0 + timedelta(days=365, seconds=1)):
        output = run()
    assert not SpamRecord.objects.filter(pk=caught.pk).exists()
    assert "legal.SpamRecord: deleted 1" in output


def test_queued_account_emails_are_deleted_after_a_week():
    from django_tasks_db.models import DBTaskResult

    from storefront.accounts.tasks import schedule_retry

    message = {"subject": "s", "body": "b", "html": "", "from_email": "f@x.kz", "to": ["a@x.kz"]}
    with at(T0):
        schedule_retry("email_confirmation_signup", message, attempt=2)
    with at(T0 + timedelta(days=7)):
        run()
    assert DBTaskResult.objects.count() == 1
    with at(T0 + timedelta(days=7, seconds=1)):
        run()
    assert not DBTaskResult.objects.exists()
