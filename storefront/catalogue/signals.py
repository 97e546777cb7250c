"""What a product's publication sets off: its image sizes and its translations."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from storefront.catalogue.images import generate_product_renditions
from storefront.catalogue.models import ProductPage
from storefront.catalogue.sync import sync_translations


@receiver(page_published, sender=ProductPage, dispatch_uid="catalogue-product-renditions")
def make_renditions(sender, instance, **kwargs) -> None:
    """No shopper waits for a resize: every size is made once the publish is saved."""
    transaction.on_commit(lambda: generate_product_renditions(instance))


@receiver(page_published, sender=ProductPage, dispatch_uid="catalogue-sync-product-translations")
def sync_product_translations(sender, instance, revision=None, **kwargs) -> None:
    """Any publish of a source product (admin, scheduled, API) updates its translations."""
    sync_translations(instance, user=getattr(revision, "user", None))
