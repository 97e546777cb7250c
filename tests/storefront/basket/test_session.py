"""P07: the session (and so the basket) lasts two weeks from the last visit and survives sign-in
and sign-out in the same browser."""

from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.views import LogoutView
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.urls import path
from django.utils import timezone

from cms.urls import urlpatterns as site_urlpatterns
from tests.factories.accounts import UserFactory
from tests.factories.checkout import build_shop

# This module is also the URLconf of its tests: the site's URLs plus Django's own logout view,
# so that sign-out goes through the real middleware stack whatever the accounts app mounts.
urlpatterns = [
    path("test-logout/", LogoutView.as_view(next_page="/en/basket/"), name="test_logout"),
    *site_urlpatterns,
]


def basket_skus(client, language="en") -> list[str]:
    return [line.sku for line in client.get(f"/{language}/basket/").context["lines"]]


@pytest.mark.promise("P07")
def test_session_cookie_lasts_two_weeks_and_slides(client, site_pages):
    shop = build_shop(site_pages, translate=False)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": 1})
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        # A cookie that outlives the browser: two weeks, not "until the browser closes".
        assert int(cookie["max-age"]) == 14 * 24 * 60 * 60
        expires = parsedate_to_datetime(cookie["expires"])
        assert abs(expires - (start + timedelta(days=14))) < timedelta(seconds=2)

        # Every visit within two weeks keeps the basket and starts the two weeks again.
        for _ in range(3):
            clock.shift(timedelta(days=13))
            caches[settings.SESSION_CACHE_ALIAS].clear()
            assert basket_skus(client) == ["BOX"]

        # Two weeks and a day without a visit: the session and its basket are gone.
        clock.shift(timedelta(days=15))
        caches[settings.SESSION_CACHE_ALIAS].clear()
        assert basket_skus(client) == []


@pytest.mark.promise("P07")
def test_every_visit_pushes_the_expiry_two_weeks_ahead(client, site_pages):
    shop = build_shop(site_pages, translate=False)
    client.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": 1})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    # Pretend the last visit was ten days ago.
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(days=4))

    response = client.get("/en/")

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 14 * 24 * 60 * 60
    expiry = Session.objects.get(session_key=key).expire_date
    assert expiry > timezone.now() + timedelta(days=13, hours=23)
    assert basket_skus(client) == ["BOX"]


@pytest.mark.promise("P07")
def test_an_expired_session_has_an_empty_basket(client, site_pages):
    shop = build_shop(site_pages, translate=False)
    client.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": 1})
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    # With Redis (cached_db sessions) the cached copy expires at the same moment.
    caches[settings.SESSION_CACHE_ALIAS].clear()

    assert basket_skus(client) == []


@pytest.mark.promise("P07")
def test_basket_survives_sign_in(client, site_pages):
    shop = build_shop(site_pages, translate=False)
    client.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": 2})
    client.post(
        "/en/basket/add/", {"product": shop["ring"].pk, "variant": "RING-17", "quantity": 1}
    )
    before = client.cookies[settings.SESSION_COOKIE_NAME].value

    client.force_login(UserFactory())

    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before  # H02: key cycled
    assert basket_skus(client) == ["BOX", "RING-17"]


@pytest.mark.promise("P07")
@pytest.mark.urls("tests.storefront.basket.test_session")
def test_basket_survives_sign_out(client, site_pages):
    shop = build_shop(site_pages, translate=False)
    user = UserFactory()
    client.force_login(user)
    client.post("/en/basket/add/", {"product": shop["box"].pk, "quantity": 2})
    signed_in_key = client.cookies[settings.SESSION_COOKIE_NAME].value

    response = client.post("/test-logout/")

    assert response.status_code == 302
    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != signed_in_key
    assert not Session.objects.filter(session_key=signed_in_key).exists()
    assert "_auth_user_id" not in Session.objects.get(session_key=new_key).get_decoded()
    assert basket_skus(client) == ["BOX"]
    assert client.get("/en/basket/").context["lines"][0].quantity == 2


@pytest.mark.promise("P07")
@pytest.mark.urls("tests.storefront.basket.test_session")
def test_sign_out_does_not_carry_the_checkout_references(client, site_pages):
    """The next person at a shared computer cannot open the last shopper's confirmation page."""
    build_shop(site_pages, translate=False)
    client.force_login(UserFactory())
    session = client.session
    session["checkout_references"] = ["NR-2346AC"]
    session.save()

    client.post("/test-logout/")

    assert "checkout_references" not in client.session
