from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "storefront.catalogue"
    label = "catalogue"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from storefront.catalogue import signals  # noqa: F401  (connects the publish receivers)
        from storefront.catalogue.images import remember_parsed_filters

        remember_parsed_filters()
