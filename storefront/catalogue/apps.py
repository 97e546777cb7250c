from django.apps import AppConfig
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published


class CatalogueConfig(AppConfig):
    name = "storefront.catalogue"
    label = "catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        # Models (and modules that import them) load only once the app registry is ready.
        from storefront.catalogue.images import (
            generate_product_renditions,
            remember_parsed_filters,
        )
        from storefront.catalogue.models import ProductPage
        from storefront.catalogue.sync import sync_translations

        def sync_product_translations(sender, instance, revision=None, **kwargs):
            """Any publish of a source product (admin, scheduled, API) updates its translations."""
            sync_translations(instance, user=getattr(revision, "user", None))

        remember_parsed_filters()

        def make_renditions(sender, instance, **kwargs):
            """No shopper waits for a resize: every size is made once the publish is saved."""
            transaction.on_commit(lambda: generate_product_renditions(instance))

        page_published.connect(
            make_renditions,
            sender=ProductPage,
            weak=False,
            dispatch_uid="catalogue-product-renditions",
        )
        page_published.connect(
            sync_product_translations,
            sender=ProductPage,
            weak=False,
            dispatch_uid="catalogue-sync-product-translations",
        )
