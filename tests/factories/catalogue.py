from decimal import Decimal

import factory
import wagtail_factories

from storefront.catalogue.models import (
    Availability,
    CategoryPage,
    ProductImage,
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


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductPageFactory)
    image = factory.SubFactory(wagtail_factories.ImageFactory)
    alt_text = factory.Sequence(lambda n: f"Photo {n}")


def translate_page(page, language_code: str, strings: dict[str, str] | None = None):
    """Publish the `language_code` translation of `page` through wagtail-localize.

    wagtail-localize publishes in `transaction.on_commit`, which never comes inside a test's
    transaction, so the callbacks run here.
    """
    from django.test import TestCase

    from home.translation import publish_translation
    from storefront.catalogue.demo import plain_text_strings

    with TestCase.captureOnCommitCallbacks(execute=True):
        translation = publish_translation(page, language_code, plain_text_strings(strings or {}))
    return translation.specific.__class__.objects.get(pk=translation.pk)
