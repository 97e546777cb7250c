"""Staff record rights requests received by email (P29): due dates, dashboard, export, erase."""

import json
from datetime import date, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.test import Client

from legal.rights.models import AuditAction, RightsRequest, RightsRequestEvent
from storefront.accounts.models import User
from storefront.checkout.models import Inquiry, Order
from tests.factories.accounts import UserFactory
from tests.factories.checkout import InquiryFactory, OrderFactory

INDEX = "/admin/legal/rights-requests/"
TODAY = date(2026, 5, 10)

pytestmark = pytest.mark.django_db


def staff_client(*codenames: str, superuser: bool = False) -> tuple[Client, User]:
    user = UserFactory(is_staff=True, is_superuser=superuser)
    perms = Permission.objects.filter(codename__in=["access_admin", *codenames])
    user.user_permissions.add(*perms)
    client = Client()
    client.force_login(user)
    return client, user


@pytest.fixture
def admin_client_():
    return staff_client(superuser=True)


def add_request(client, **overrides):
    data = {
        "requester_email": "dana@example.com",
        "kind": "deletion",
        "received_on": "2026-05-01",
        "status": "open",
        "notes": "",
    }
    data.update(overrides)
    return client.post(f"{INDEX}new/", data)


@pytest.mark.promise("P29")
def test_staff_record_a_request_and_it_is_due_30_days_after_receipt(admin_client_):
    client, staff = admin_client_

    response = add_request(client)

    assert response.status_code == 302, response.content.decode()[:3000]
    request = RightsRequest.objects.get()
    assert request.due_on == date(2026, 5, 31)
    assert request.kind == "deletion" and request.status == "open"
    event = RightsRequestEvent.objects.get()
    assert (event.actor, event.action) == (staff, AuditAction.RECORDED)
    listing = client.get(INDEX).content.decode()
    assert "dana@example.com" in listing and "May 31, 2026" in listing

    client.post(
        f"{INDEX}edit/{request.pk}/",
        {
            "requester_email": "dana@example.com",
            "kind": "deletion",
            "received_on": "2026-05-03",
            "status": "done",
            "notes": "Answered by email.",
        },
    )
    request.refresh_from_db()
    assert request.due_on == date(2026, 6, 2)  # follows the receipt date
    assert request.closed_at is not None
    assert [e.action for e in request.events.all()] == ["recorded", "changed"]


@pytest.mark.promise("P29")
def test_dashboard_shows_overdue_and_due_within_7_days(admin_client_):
    client, _staff = admin_client_
    make = RightsRequest.objects.create
    overdue = make(
        requester_email="a@example.com", kind="access", received_on=TODAY - timedelta(days=31)
    )
    soon = make(
        requester_email="b@example.com", kind="access", received_on=TODAY - timedelta(days=25)
    )
    later = make(
        requester_email="c@example.com", kind="access", received_on=TODAY - timedelta(days=10)
    )
    make(
        requester_email="d@example.com",
        kind="access",
        received_on=TODAY - timedelta(days=40),
        status="done",
    )

    with time_machine.travel(TODAY, tick=False):
        html = client.get("/admin/").content.decode()

    assert "Rights requests due" in html
    assert f'href="/admin/legal/rights-requests/inspect/{overdue.pk}/"' in html
    assert f'href="/admin/legal/rights-requests/inspect/{soon.pk}/"' in html
    assert f"/inspect/{later.pk}/" not in html
    assert html.count("rights-request-overdue") == 1
    assert html.count("rights-request-due-soon") == 1


@pytest.mark.promise("P24")
@pytest.mark.promise("P29")
def test_prepare_export_downloads_the_persons_data_and_is_audited(admin_client_):
    client, staff = admin_client_
    InquiryFactory(email="guest@example.com", first_name="Aliya")
    InquiryFactory(email="other@example.com")
    request = RightsRequest.objects.create(requester_email="guest@example.com", kind="access")

    response = client.get(f"{INDEX}export/{request.pk}/")

    assert response.status_code == 200
    document = json.loads(response.content)
    assert [r["first_name"] for r in document["sections"]["checkout.inquiry"]["records"]] == [
        "Aliya"
    ]
    assert "other@example.com" not in response.content.decode()
    event = request.events.get()
    assert (event.actor, event.action) == (staff, AuditAction.EXPORT_PREPARED)
    assert event.counts["checkout.inquiry"] == 1
    assert "guest@example.com" not in json.dumps(event.counts)  # counts only


@pytest.mark.promise("P26")
@pytest.mark.promise("P29")
def test_erase_shows_a_dry_run_then_erases_and_keeps_the_order(admin_client_):
    client, staff = admin_client_
    shopper = UserFactory(email="dana@example.com")
    InquiryFactory(email="dana@example.com", phone="+77075550000")
    order = OrderFactory(email="dana@example.com", user=shopper)
    request = RightsRequest.objects.create(requester_email="dana@example.com", kind="deletion")
    url = f"{INDEX}erase/{request.pk}/"

    preview = client.get(url)

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Orders are kept for 7 years" in html
    assert User.objects.filter(pk=shopper.pk).exists() and Inquiry.objects.exists()

    response = client.post(url)

    assert response.status_code == 302
    assert not User.objects.filter(pk=shopper.pk).exists()
    assert not Inquiry.objects.exists()
    order.refresh_from_db()
    assert order.user is None and order.email == "" and order.phone == ""
    assert Order.objects.count() == 1
    actions = [(e.action, e.actor) for e in request.events.all()]
    assert actions == [(AuditAction.ERASURE_PREVIEWED, staff), (AuditAction.ERASED, staff)]
    erased = request.events.get(action=AuditAction.ERASED)
    assert erased.counts["checkout.inquiry"] == {"removed": 1, "retained": 0}
    assert erased.counts["checkout.order"] == {"removed": 0, "retained": 1}
    audit = json.dumps([e.counts for e in RightsRequestEvent.objects.all()])
    assert "dana" not in audit and "+7707" not in audit


@pytest.mark.hardening("H11")
def test_erasing_needs_a_post(admin_client_):
    client, _staff = admin_client_
    shopper = UserFactory(email="dana@example.com")
    request = RightsRequest.objects.create(requester_email="dana@example.com", kind="deletion")
    client.get(f"{INDEX}erase/{request.pk}/")
    assert User.objects.filter(pk=shopper.pk).exists()
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(_staff)
    assert csrf_client.post(f"{INDEX}erase/{request.pk}/").status_code == 403
    assert User.objects.filter(pk=shopper.pk).exists()
