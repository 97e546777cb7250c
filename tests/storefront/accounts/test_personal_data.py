"""The accounts app's declarations in the personal-data registry (P03, P20)."""

import json

import pytest
from allauth.account.models import EmailAddress

from legal.registry import Person, entries
from storefront.accounts.models import Address, User
from tests.factories.accounts import AddressFactory, UserFactory, VerifiedUserFactory

pytestmark = pytest.mark.django_db


def entry(key):
    return next(e for e in entries() if e.key == key)


@pytest.mark.promise("P03")
def test_account_export_has_the_profile_and_never_the_password_hash():
    user = VerifiedUserFactory(email="dana@example.com", first_name="Dana", last_name="Ospan")

    exported = entry("accounts.user").export(Person(email="DANA@example.com"))

    assert exported[0]["email"] == "dana@example.com"
    assert exported[0]["first_name"] == "Dana"
    assert exported[0]["email_addresses"] == [
        {"email": "dana@example.com", "verified": True, "primary": True}
    ]
    text = json.dumps(exported)  # plain JSON
    assert user.password not in text
    assert "password" not in text and "md5$" not in text and "argon2" not in text


def test_address_export_lists_the_owners_addresses_only():
    user = UserFactory()
    AddressFactory(user=user, label="Home", street="Abay 1")
    AddressFactory(label="Not theirs")

    exported = entry("accounts.address").export(Person(email=user.email, user=user))

    assert [row["label"] for row in exported] == ["Home"]
    assert exported[0]["street"] == "Abay 1" and exported[0]["country"] == "KZ"
    json.dumps(exported)


def test_erasure_deletes_the_account_with_its_addresses_and_email_records():
    user = VerifiedUserFactory()
    AddressFactory.create_batch(2, user=user)
    someone_else = AddressFactory()

    addresses = entry("accounts.address").erase(Person(email=user.email, user=user))
    account = entry("accounts.user").erase(Person(email=user.email, user=user))

    assert addresses.removed == 2
    assert account.removed == 1
    assert not User.objects.filter(pk=user.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    assert list(Address.objects.all()) == [someone_else]


def test_erasure_keeps_staff_accounts_for_an_administrator():
    staff = UserFactory(is_staff=True)

    result = entry("accounts.user").erase(Person(email=staff.email, user=staff))

    assert (result.removed, result.retained) == (0, 1)
    assert User.objects.filter(pk=staff.pk).exists()
