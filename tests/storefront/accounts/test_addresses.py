"""The address book (P04): only through the signed-in owner (H09), changes by POST with CSRF (H11)."""

import pytest
from django.test import Client

from storefront.accounts import services
from storefront.accounts.models import Address
from tests.factories.accounts import AddressFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/en/account/addresses/"
NEW_URL = "/en/account/addresses/new/"


def address_data(**overrides) -> dict:
    data = {
        "label": "Home",
        "street": "Abay Avenue 10, flat 5",
        "building_type": "apartment",
        "city": "Almaty",
        "region": "Almaty",
        "postal_code": "050000",
        "country": "KZ",
        "instructions": "Ring twice",
    }
    data.update(overrides)
    return data


@pytest.mark.promise("P04")
def test_shopper_saves_several_addresses_and_picks_a_default(signed_in, shopper):
    response = signed_in.post(NEW_URL, address_data())
    assert response.status_code == 302
    signed_in.post(NEW_URL, address_data(label="Office", street="Dostyk 5", building_type="office"))

    home, office = Address.objects.get(label="Home"), Address.objects.get(label="Office")
    assert home.user == shopper and home.is_default  # the first one is the default
    assert not office.is_default
    assert services.default_address(shopper) == home

    page = signed_in.get(LIST_URL).content.decode()
    assert "Home" in page and "Office" in page and "Dostyk 5" in page

    response = signed_in.post(f"/en/account/addresses/{office.public_id}/default/")

    assert response.status_code == 302
    assert services.default_address(shopper) == Address.objects.get(label="Office")
    assert Address.objects.filter(user=shopper, is_default=True).count() == 1


@pytest.mark.promise("P04")
def test_new_address_can_be_made_default_at_once(signed_in, shopper):
    AddressFactory(user=shopper, label="Home", is_default=True)

    signed_in.post(NEW_URL, address_data(label="Dacha", make_default="on"))

    assert services.default_address(shopper).label == "Dacha"


@pytest.mark.promise("P25")
def test_shopper_edits_an_address(signed_in, shopper):
    address = AddressFactory(user=shopper, label="Home")

    response = signed_in.post(
        f"/en/account/addresses/{address.public_id}/",
        address_data(label="Parents", street="Satpayev 1"),
    )

    assert response.status_code == 302
    address.refresh_from_db()
    assert (address.label, address.street) == ("Parents", "Satpayev 1")


def test_delete_asks_first_and_deletes_on_post_only(signed_in, shopper):
    home = AddressFactory(user=shopper, label="Home", is_default=True)
    office = AddressFactory(user=shopper, label="Office")
    url = f"/en/account/addresses/{home.public_id}/delete/"

    page = signed_in.get(url)
    assert page.status_code == 200
    assert Address.objects.filter(pk=home.pk).exists()

    response = signed_in.post(url)

    assert response.status_code == 302
    assert not Address.objects.filter(pk=home.pk).exists()
    office.refresh_from_db()
    assert office.is_default  # the remaining address takes over


@pytest.mark.promise("P04")
def test_at_most_twenty_addresses_with_a_clear_message(signed_in, shopper):
    AddressFactory.create_batch(Address.MAX_ADDRESSES, user=shopper)

    page = signed_in.get(LIST_URL).content.decode()
    assert "You have saved 20 addresses, the most an account can keep." in page
    assert NEW_URL not in page

    response = signed_in.post(NEW_URL, address_data(), follow=True)

    assert Address.objects.filter(user=shopper).count() == Address.MAX_ADDRESSES
    assert "You can save up to 20 addresses. Delete one to add another." in (
        response.content.decode()
    )


def test_postal_code_shape_is_checked_per_country(signed_in):
    response = signed_in.post(NEW_URL, address_data(postal_code="0500"))

    assert response.status_code == 200
    assert (
        "Enter a postal code in the format used in Kazakhstan, for example 040900."
        in response.content.decode()
    )
    assert not Address.objects.exists()

    signed_in.post(NEW_URL, address_data(country="GE", postal_code="0105"))
    assert Address.objects.get().postal_code == "0105"


def test_required_address_fields(signed_in):
    response = signed_in.post(NEW_URL, address_data(street="", city="", label=""))

    form = response.context["form"]
    assert set(form.errors) == {"street", "city", "label"}


@pytest.mark.hardening("H09")
@pytest.mark.parametrize(
    ("method", "suffix"),
    [("get", "/"), ("post", "/"), ("get", "/delete/"), ("post", "/delete/"), ("post", "/default/")],
)
def test_another_shoppers_address_answers_404(signed_in, method, suffix):
    other = AddressFactory(user=VerifiedUserFactory(), label="Theirs", is_default=True)
    url = f"/en/account/addresses/{other.public_id}{suffix}"

    response = getattr(signed_in, method)(url, address_data(label="Mine now"))

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.label == "Theirs" and other.is_default


@pytest.mark.hardening("H09")
def test_address_ids_are_not_sequential_and_lists_show_only_own(signed_in, shopper):
    mine = AddressFactory(user=shopper, label="Mine")
    AddressFactory(user=VerifiedUserFactory(), label="Someone else's")

    page = signed_in.get(LIST_URL).content.decode()

    assert "Mine" in page and "Someone else&#x27;s" not in page and "Someone else's" not in page
    assert str(mine.public_id) in page
    assert f"/addresses/{mine.pk}/" not in page


@pytest.mark.hardening("H11")
@pytest.mark.parametrize("suffix", ["/", "/delete/", "/default/"])
def test_address_changes_need_csrf(shopper, suffix):
    address = AddressFactory(user=shopper, label="Home")
    client = Client(enforce_csrf_checks=True)
    client.force_login(shopper)

    response = client.post(f"/en/account/addresses/{address.public_id}{suffix}", address_data())

    assert response.status_code == 403
    assert Address.objects.filter(pk=address.pk, label="Home").exists()


@pytest.mark.hardening("H11")
def test_new_address_and_profile_need_csrf(shopper):
    client = Client(enforce_csrf_checks=True)
    client.force_login(shopper)

    assert client.post(NEW_URL, address_data()).status_code == 403
    assert client.post("/en/account/", {"first_name": "X", "last_name": "Y"}).status_code == 403
    assert not Address.objects.exists()


def test_making_default_needs_a_post(signed_in, shopper):
    address = AddressFactory(user=shopper, label="Second")
    AddressFactory(user=shopper, label="First", is_default=True)

    response = signed_in.get(f"/en/account/addresses/{address.public_id}/default/")

    assert response.status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/en/account/",
        LIST_URL,
        NEW_URL,
        "/en/account/addresses/00000000-0000-0000-0000-000000000000/",
    ],
)
def test_account_area_needs_sign_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/login/?next=")


def test_service_refuses_the_twenty_first_address(shopper):
    AddressFactory.create_batch(Address.MAX_ADDRESSES, user=shopper)

    with pytest.raises(services.AddressLimitReached):
        services.add_address(shopper, **address_data())


def test_an_address_abroad_stays_editable(signed_in, shopper):
    address = AddressFactory(user=shopper, label="Berlin", country="DE", postal_code="10115")

    response = signed_in.post(
        f"/en/account/addresses/{address.public_id}/",
        address_data(label="Berlin flat", country="DE", postal_code="10117"),
    )

    assert response.status_code == 302
    address.refresh_from_db()
    assert (address.label, str(address.country)) == ("Berlin flat", "DE")
    assert "Germany" in signed_in.get(LIST_URL).content.decode()


def test_address_book_offers_the_delivery_countries_in_the_shoppers_language(signed_in):
    page = signed_in.get("/kk/account/addresses/new/").content.decode()

    assert '<option value="KZ" selected>Қазақстан</option>' in page
    assert "Ресей" in page
