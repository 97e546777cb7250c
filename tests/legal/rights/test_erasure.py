"""Account deletion by the shopper (P26, P21, H31, H05, H06): what goes, what stays."""

import io
import json

import pytest
from cookie_consent.models import LogItem
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings

from legal.models import ConsentRecord
from legal.rights.models import RightsRequest, requester_digest
from legal.rights.services import erase_person, person_for_email
from storefront.accounts.models import Address, User
from storefront.checkout.models import Inquiry, Order
from tests.factories.accounts import PASSWORD

from .conftest import sign_in

DELETE_URL = "/en/account/privacy/delete/"


def delete_account(client: Client, password: str = PASSWORD):
    return client.post(DELETE_URL, {"password": password, "confirm": "on"})


def dump_database() -> str:
    out = io.StringIO()
    call_command("dumpdata", format="json", stdout=out)
    return out.getvalue()


@pytest.mark.promise("P26")
@pytest.mark.promise("P21")
@pytest.mark.hardening("H31")
def test_after_deletion_a_database_dump_holds_the_person_only_in_kept_orders(dana, marat):
    second_browser = sign_in(dana.email)

    response = delete_account(dana.client)

    assert response.status_code == 302
    assert response["Location"] == "/en/account/privacy/deleted/"
    assert not User.objects.filter(pk=dana.user.pk).exists()

    dump = json.loads(dump_database())
    kept_orders = [row for row in dump if row["model"] == "checkout.order"]
    elsewhere = json.dumps([row for row in dump if row["model"] != "checkout.order"])
    for value in (dana.email, dana.first_name, dana.last_name, dana.phone, dana.street):
        assert value not in elsewhere, value
    # The kept order has what tax law needs and nothing to contact the person by.
    order = next(row["fields"] for row in kept_orders if row["pk"] == dana.order.pk)
    assert order["user"] is None and order["inquiry"] is None
    assert (order["first_name"], order["last_name"], order["street"]) == (
        dana.first_name,
        dana.last_name,
        dana.street,
    )
    assert order["email"] == "" and order["phone"] == "" and order["instructions"] == ""
    assert order["lines"] and order["total"] == "25000.00"
    orders_text = json.dumps(kept_orders)
    assert dana.email not in orders_text and dana.phone not in orders_text
    # The other shopper is untouched.
    assert marat.email in elsewhere and marat.phone in elsewhere
    # Every session of the account is gone: the other browser is signed out too (H06).
    assert second_browser.get("/en/account/").status_code == 302


@pytest.mark.promise("P26")
@pytest.mark.hardening("H31")
def test_deletion_erases_account_addresses_inquiries_consent_and_sends_a_confirmation(dana, marat):
    response = delete_account(dana.client)
    assert response.status_code == 302

    assert not Address.objects.filter(user_id=dana.user.pk).exists()
    assert Address.objects.filter(user=marat.user).count() == 2
    assert not Inquiry.objects.filter(email__iexact=dana.email).exists()
    assert Inquiry.objects.filter(email__iexact=marat.email).count() == 3
    assert not ConsentRecord.objects.filter(user_id=dana.user.pk).exists()
    assert ConsentRecord.objects.filter(user=marat.user).count() == 1
    assert LogItem.objects.count() == 1  # marat's accept; dana's log row is gone
    assert Order.objects.count() == 2
    # The request Dana sent by email is kept as proof of the answer, without her address.
    kept = RightsRequest.objects.get(requester_digest=requester_digest(dana.email))
    assert kept.requester_email == ""
    assert RightsRequest.objects.filter(requester_email=marat.email).exists()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [f'"{dana.first_name} {dana.last_name}" <{dana.email}>']
    assert "deleted" in mail.outbox[0].subject
    page = dana.client.get(response["Location"])
    assert "Your account has been deleted" in page.content.decode()
    # Signed out, and cannot sign in again.
    assert dana.client.get("/en/account/").status_code == 302
    login = Client().post("/en/account/login/", {"login": dana.email, "password": PASSWORD})
    assert login.status_code == 200


@pytest.mark.promise("P26")
@pytest.mark.hardening("H05")
def test_deletion_needs_the_password_and_the_confirmation(dana):
    page = dana.client.get(DELETE_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Orders are kept for 7 years" in html  # the dry-run preview of what stays

    wrong = delete_account(dana.client, password="not my password")
    assert wrong.status_code == 200
    assert "Incorrect password." in wrong.content.decode()
    unconfirmed = dana.client.post(DELETE_URL, {"password": PASSWORD})
    assert unconfirmed.status_code == 200
    assert User.objects.filter(pk=dana.user.pk).exists()
    assert Address.objects.filter(user=dana.user).count() == 2  # the preview erased nothing


@pytest.mark.hardening("H31")
@pytest.mark.hardening("H06")
def test_sessions_are_erased_from_the_database_and_the_cache(dana):
    engine = "django.contrib.sessions.backends.cached_db"
    with override_settings(SESSION_ENGINE=engine):
        browser = sign_in(dana.email)
        key = browser.cookies[settings.SESSION_COOKIE_NAME].value
        cache_key = f"django.contrib.sessions.cached_db{key}"
        assert cache.get(cache_key) is not None
        assert Session.objects.filter(session_key=key).exists()

        report = erase_person(person_for_email(dana.email))

        assert cache.get(cache_key) is None
        assert not Session.objects.filter(session_key=key).exists()
        assert browser.get("/en/account/").status_code == 302
    lines = {line.key: line.result for line in report.lines}
    assert lines["legal.sessions"].removed == 2  # this browser and the fixture's


def test_dry_run_changes_nothing_and_matches_the_real_run(dana):
    person = person_for_email(dana.email)
    before = dump_database()

    preview = erase_person(person, dry_run=True)

    assert dump_database() == before
    assert dana.client.get("/en/account/").status_code == 200  # still signed in
    real = erase_person(person)
    assert preview.counts() == real.counts()
    assert real.counts()["checkout.order"] == {"removed": 0, "retained": 1}


def test_staff_accounts_cannot_delete_themselves_here(db):
    from tests.factories.accounts import VerifiedUserFactory

    staff = VerifiedUserFactory(is_staff=True)
    client = sign_in(staff.email)

    response = delete_account(client)

    assert response.status_code == 302
    assert User.objects.filter(pk=staff.pk).exists()
