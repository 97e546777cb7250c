"""Profile edits (P25) and the last-activity clock of the retention rule (P20)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from storefront.accounts.models import User
from tests.factories.accounts import PASSWORD
from tests.storefront.accounts.conftest import LOGIN_URL

pytestmark = pytest.mark.django_db


@pytest.mark.promise("P25")
def test_shopper_corrects_their_name(signed_in, shopper):
    response = signed_in.post("/en/account/", {"first_name": "Dana", "last_name": "Abenova"})

    assert response.status_code == 302
    shopper.refresh_from_db()
    assert shopper.get_full_name() == "Dana Abenova"
    assert "Your name has been saved." in signed_in.get("/en/account/").content.decode()


@pytest.mark.promise("P25")
def test_profile_cannot_change_the_email_or_anything_else(signed_in, shopper):
    signed_in.post(
        "/en/account/",
        {"first_name": "Dana", "last_name": "Ospan", "email": "evil@example.com", "is_staff": "on"},
    )

    shopper.refresh_from_db()
    assert shopper.email == "shopper@example.com"
    assert not shopper.is_staff


def test_names_are_required(signed_in):
    response = signed_in.post("/en/account/", {"first_name": "", "last_name": ""})

    assert set(response.context["form"].errors) == {"first_name", "last_name"}


@pytest.mark.promise("P20")
def test_sign_in_records_last_activity(client, shopper):
    assert shopper.last_activity is None

    client.post(LOGIN_URL, {"login": shopper.email, "password": PASSWORD})

    shopper.refresh_from_db()
    assert timezone.now() - shopper.last_activity < timedelta(minutes=1)


@pytest.mark.promise("P20")
def test_any_sign_in_records_last_activity_without_a_page_view(client, shopper):
    """Client.login() signs in without the middleware: only the user_logged_in receiver writes."""
    assert client.login(username=shopper.email, password=PASSWORD)

    shopper.refresh_from_db()
    assert shopper.last_activity is not None


@pytest.mark.promise("P20")
def test_signed_in_requests_touch_last_activity_at_most_once_a_day(client, shopper):
    yesterday = timezone.now() - timedelta(days=1, minutes=1)
    client.force_login(shopper)
    User.objects.filter(pk=shopper.pk).update(last_activity=yesterday)

    client.get("/en/account/")  # a day old: written now
    first = User.objects.get(pk=shopper.pk).last_activity
    assert first > yesterday

    with CaptureQueriesContext(connection) as queries:
        client.get("/en/account/addresses/")
    assert not [q for q in queries if q["sql"].startswith("UPDATE") and "last_activity" in q["sql"]]
    assert User.objects.get(pk=shopper.pk).last_activity == first


def test_anonymous_requests_write_nothing(client, site_pages):
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/account/login/")

    assert not [q for q in queries if q["sql"].startswith("UPDATE")]
