from decimal import Decimal

import factory
import wagtail_factories

from storefront.catalogue.models import (
    Availability,
    CategoryPage,
    ProductIndexPage,
    ProductPage,
    ProductVariant,
)


class ProductIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProductIndexPage

    title = "Shop"
    slug = "shop"


class CategoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CategoryPage

    title = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProductPage

    title = factory.Sequence(lambda n: f"Product {n}")
    slug = factory.Sequence(lambda n: f"product-{n}")
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    price = Decimal("12500.00")
    availability = Availability.IN_STOCK
    stock = 10


class ProductVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductPageFactory)
    name = factory.Sequence(lambda n: f"Size {n}")
    sku = factory.Sequence(lambda n: f"VAR-{n:05d}")
    stock = 5
