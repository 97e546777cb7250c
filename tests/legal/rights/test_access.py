"""Who reaches the privacy area and the rights-request screens (H08, H05, P25, P28)."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from legal.rights.models import RightsRequest
from tests.factories.accounts import VerifiedUserFactory

from .conftest import reauthenticate, sign_in

pytestmark = pytest.mark.django_db

SHOPPER_URLS = [
    "/en/account/privacy/",
    "/en/account/privacy/export/",
    "/en/account/privacy/delete/",
]


def staff_urls(pk: int) -> list[str]:
    base = "/admin/legal/rights-requests/"
    return [
        base,
        f"{base}new/",
        f"{base}edit/{pk}/",
        f"{base}inspect/{pk}/",
        f"{base}export/{pk}/",
        f"{base}erase/{pk}/",
    ]


@pytest.fixture
def people(db):
    shopper_a = VerifiedUserFactory(email="a@example.com")
    shopper_b = VerifiedUserFactory(email="b@example.com")
    editor = VerifiedUserFactory(email="editor@example.com", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    superuser = VerifiedUserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    clients = {"anonymous": Client()}
    for name, user in [
        ("shopper A", shopper_a),
        ("shopper B", shopper_b),
        ("editor", editor),
        ("superuser", superuser),
    ]:
        clients[name] = sign_in(user.email)
    return clients


def status(client, url):
    response = client.get(url)
    location = response.get("Location", "")
    if response.status_code == 302 and "/reauthenticate/" in location:
        return "reauth"
    if response.status_code == 302 and "login" in location:
        return "login"
    if response.status_code == 302 and location == "/admin/":
        return "denied"  # Wagtail's "no permission": back to the dashboard with a message
    return response.status_code


@pytest.mark.hardening("H08")
def test_access_matrix(people):
    request = RightsRequest.objects.create(requester_email="a@example.com", kind="access")
    expected_shopper = {
        "anonymous": ["login", "login", "login"],
        "shopper A": [200, "reauth", 200],
        "shopper B": [200, "reauth", 200],
        "editor": [200, "reauth", 302],  # staff accounts are not deleted from here
        "superuser": [200, "reauth", 302],
    }
    expected_staff = {
        "anonymous": ["login"] * 6,
        "shopper A": ["login"] * 6,
        "shopper B": ["login"] * 6,
        "editor": ["denied"] * 6,
        "superuser": [200] * 6,
    }
    found_shopper = {
        who: [status(client, url) for url in SHOPPER_URLS] for who, client in people.items()
    }
    found_staff = {
        who: [status(client, url) for url in staff_urls(request.pk)]
        for who, client in people.items()
    }
    assert found_shopper == expected_shopper
    assert found_staff == expected_staff
    # The editor's dashboard shows no rights-request panel either.
    assert "Rights requests due" not in people["editor"].get("/admin/").content.decode()
    assert "Rights requests due" in people["superuser"].get("/admin/").content.decode()


@pytest.mark.hardening("H08")
def test_each_staff_permission_opens_only_its_own_action(db):
    request = RightsRequest.objects.create(requester_email="a@example.com", kind="access")
    viewer = VerifiedUserFactory(is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_rightsrequest"])
    )
    client = Client()
    client.force_login(viewer)
    base = "/admin/legal/rights-requests/"
    assert status(client, base) == 200
    assert status(client, f"{base}inspect/{request.pk}/") == 200
    assert status(client, f"{base}new/") == "denied"
    assert status(client, f"{base}export/{request.pk}/") == "denied"
    assert status(client, f"{base}erase/{request.pk}/") == "denied"
    viewer.user_permissions.add(Permission.objects.get(codename="export_personal_data"))
    viewer = type(viewer).objects.get(pk=viewer.pk)  # fresh permission cache
    client.force_login(viewer)
    assert status(client, f"{base}export/{request.pk}/") == 200
    assert status(client, f"{base}erase/{request.pk}/") == "denied"
    assert "Rights requests due" in client.get("/admin/").content.decode()


@pytest.mark.hardening("H05")
def test_export_requires_a_recent_reauthentication(db):
    shopper = VerifiedUserFactory()
    client = sign_in(shopper.email)

    response = client.get("/en/account/privacy/export/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/reauthenticate/")
    assert "privacy%2Fexport" in response["Location"]  # and back to the download afterwards
    reauthenticate(client)
    assert client.get("/en/account/privacy/export/").status_code == 200


@pytest.mark.promise("P25")
@pytest.mark.promise("P28")
def test_privacy_page_links_to_correction_and_cookie_settings(db):
    shopper = VerifiedUserFactory()
    client = sign_in(shopper.email)

    page = client.get("/en/account/privacy/").content.decode()
    # Only the page's own content, not the footer's or the menu's links.
    html = page.split('class="account-main"', 1)[1].split("</main>", 1)[0]

    for href in [
        "/en/account/",
        "/en/account/email/",
        "/en/account/addresses/",
        "/en/cookies/",
        "/en/account/privacy/export/",
        "/en/account/privacy/delete/",
    ]:
        assert f'href="{href}"' in html, href
    profile = client.get("/en/account/").content.decode()
    assert 'href="/en/account/privacy/"' in profile


def test_privacy_area_speaks_the_shoppers_language(db):
    shopper = VerifiedUserFactory()
    client = sign_in(shopper.email)
    assert "Конфиденциальность и мои данные" in client.get("/ru/account/privacy/").content.decode()
