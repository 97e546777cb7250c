import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from storefront.accounts.models import Address
from storefront.addresses.models import BuildingType

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"shopper{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)


class VerifiedUserFactory(UserFactory):
    """A shopper who confirmed their email address, so allauth lets them sign in."""

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    user = factory.SubFactory(UserFactory)
    label = factory.Sequence(lambda n: f"Address {n}")
    street = factory.Sequence(lambda n: f"Abay Avenue {n + 1}")
    building_type = BuildingType.APARTMENT
    city = "Almaty"
    region = "Almaty"
    postal_code = "050000"
    country = "KZ"
