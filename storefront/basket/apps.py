from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BasketConfig(AppConfig):
    name = "storefront.basket"
    label = "basket"
    verbose_name = _("Basket")

    def ready(self):
        from storefront.basket import signals  # noqa: F401  (connects the sign-out receiver)
