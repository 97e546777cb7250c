from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "legal"
    label = "legal"
    verbose_name = _("Legal")

    def ready(self):
        # Each app declares its personal data in `personal_data.py` (see legal.registry).
        autodiscover_modules("personal_data")
        from legal import signals  # noqa: F401  (connects the privacy policy's receivers)
