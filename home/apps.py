from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    label = "home"
    verbose_name = _("Home")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from home.models import NavigationSettings
        from home.navigation import invalidate_menus

        # The cached menus show titles and addresses of live pages: any change forgets them.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(invalidate_menus, weak=False, dispatch_uid=f"menus-{id(signal)}")
        post_save.connect(
            invalidate_menus, sender=NavigationSettings, weak=False, dispatch_uid="menus-setting"
        )
        post_delete.connect(_forget_menus_on_page_delete, weak=False, dispatch_uid="menus-delete")

        from cms.page_cache import connect_invalidation

        connect_invalidation()


def _forget_menus_on_page_delete(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    from home.navigation import invalidate_menus

    if isinstance(instance, Page):
        invalidate_menus()
