from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "storefront.catalogue"
    label = "catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from wagtail.signals import page_published

        from storefront.catalogue.models import ProductPage
        from storefront.catalogue.services import sync_translations

        def sync_product_translations(sender, instance, revision=None, **kwargs):
            """Any publish of a source product (admin, scheduled, API) updates its translations."""
            sync_translations(instance, user=getattr(revision, "user", None))

        page_published.connect(
            sync_product_translations,
            sender=ProductPage,
            weak=False,
            dispatch_uid="catalogue-sync-product-translations",
        )
