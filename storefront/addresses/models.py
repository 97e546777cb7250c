"""The delivery address fields of the policy (P02): the address book and inquiries inherit them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from storefront.addresses.countries import country_name


class BuildingType(models.TextChoices):
    APARTMENT = "apartment", _("Apartment")
    HOUSE = "house", _("House")
    OFFICE = "office", _("Office")
    OTHER = "other", _("Other")


# The names of DeliveryAddressFields, for forms and copies that move an address around.
ADDRESS_FIELDS = (
    "street",
    "building_type",
    "city",
    "region",
    "postal_code",
    "country",
    "instructions",
)


class DeliveryAddressFields(models.Model):
    """The delivery address fields of the policy (P02), shared by the address book and inquiries.

    The country is stored as its ISO 3166-1 alpha-2 code; `country_name` is what shoppers read.
    """

    street = models.CharField(_("street and number"), max_length=200)
    building_type = models.CharField(
        _("building type"),
        max_length=20,
        choices=BuildingType.choices,
        default=BuildingType.APARTMENT,
    )
    city = models.CharField(_("city"), max_length=100)
    region = models.CharField(_("state / region"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = CountryField(_("country"), default="KZ")
    instructions = models.TextField(_("delivery instructions"), max_length=1000, blank=True)

    class Meta:
        abstract = True

    @property
    def country_name(self) -> str:
        """The country's name in the active language."""
        return country_name(str(self.country))
