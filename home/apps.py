from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    label = "home"
    verbose_name = _("Home")

    def ready(self) -> None:
        from cms.memo import remember_active_locale, remember_site_root_paths
        from cms.page_cache import connect_invalidation
        from home import signals  # noqa: F401  (connects the menus' receivers)

        # The page cache belongs to the project package (cms), which has no AppConfig of its own.
        connect_invalidation()
        remember_active_locale()
        remember_site_root_paths()
