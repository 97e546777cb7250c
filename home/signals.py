"""The cached menus show titles and addresses of live pages: any change forgets them.

Connected from HomeConfig.ready(), which also connects the page cache's receivers
(cms.page_cache.connect_invalidation): cms is the project package, not an app.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.models import NavigationSettings
from home.navigation import invalidate_menus


@receiver([page_published, page_unpublished, post_page_move], dispatch_uid="home_menus_page_change")
def forget_menus_on_page_change(sender, **kwargs) -> None:
    invalidate_menus()


@receiver(post_save, sender=NavigationSettings, dispatch_uid="home_menus_setting")
def forget_menus_on_setting_change(sender, **kwargs) -> None:
    invalidate_menus()


@receiver(post_delete, dispatch_uid="home_menus_page_delete")
def forget_menus_on_page_delete(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        invalidate_menus()
