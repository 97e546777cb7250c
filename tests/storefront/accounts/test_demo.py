import io

import pytest
from django.core.management.base import BaseCommand

from storefront.accounts import demo
from storefront.accounts.models import Address, User

pytestmark = pytest.mark.django_db


def test_demo_shopper_is_created_once(monkeypatch):
    monkeypatch.setenv("SEED_SHOPPER", "1")
    command = BaseCommand(stdout=io.StringIO())

    demo.seed(command)
    demo.seed(command)

    user = User.objects.get(email=demo.DEMO_EMAIL)
    assert user.emailaddress_set.get().verified
    assert Address.objects.filter(user=user).count() == 2
    assert Address.objects.get(user=user, is_default=True).label == "Дом"
    assert command.stdout.getvalue().count("Demo shopper created") == 1


def test_no_demo_shopper_outside_development(monkeypatch):
    monkeypatch.delenv("SEED_SHOPPER", raising=False)

    demo.seed(BaseCommand(stdout=io.StringIO()))

    assert not User.objects.exists()
