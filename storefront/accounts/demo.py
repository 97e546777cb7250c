"""Demo shopper with a confirmed email and two saved addresses (development only)."""

import os
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction

from storefront.accounts import services
from storefront.accounts.models import User
from storefront.addresses.models import BuildingType

DEMO_EMAIL = "shopper@example.com"
DEMO_ADDRESSES = [
    {
        "label": "Дом",
        "street": "пр. Абая 10, кв. 5",
        "building_type": BuildingType.APARTMENT,
        "city": "Алматы",
        "region": "Алматы",
        "postal_code": "050000",
        "country": "KZ",
    },
    {
        "label": "Работа",
        "street": "пр. Достык 5, офис 301",
        "building_type": BuildingType.OFFICE,
        "city": "Алматы",
        "region": "Алматы",
        "postal_code": "050010",
        "country": "KZ",
    },
]


def seed(command) -> None:
    """Idempotent: the shopper and their addresses are created once; the password printed then."""
    if not (settings.DEBUG or os.environ.get("SEED_SHOPPER") == "1"):
        return
    with transaction.atomic():
        user = User.objects.filter(email__iexact=DEMO_EMAIL).first()
        if user is not None:
            command.stdout.write(
                f"Demo shopper exists: {DEMO_EMAIL} (password printed when created)."
            )
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            email=DEMO_EMAIL, password=password, first_name="Айгерим", last_name="Садыкова"
        )
        services.touch_last_activity(user)
        EmailAddress.objects.create(user=user, email=DEMO_EMAIL, primary=True, verified=True)
        for fields in DEMO_ADDRESSES:
            services.add_address(user, **fields)
    command.stdout.write(f"Demo shopper created: {DEMO_EMAIL} / {password}")
