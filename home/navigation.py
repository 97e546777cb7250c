"""Header and footer links that editors arrange (Settings → Navigation), in the shopper's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Locale, Page

from home.models import NavigationSettings

MENUS = ("header", "footer")


@dataclass(frozen=True)
class MenuLink:
    title: str
    url: str
    current: bool


def _chosen_page_ids(setting: NavigationSettings, menu: str) -> list[int]:
    # The stream's raw data holds page ids; reading block values would load each page apart.
    field = getattr(setting, f"{menu}_links")
    return [item["value"] for item in field.raw_data if item.get("value")]


def menu_links(request: HttpRequest | None, menu: str) -> list[MenuLink]:
    """The links of `menu` ("header" or "footer") in the active language, in the editors' order.

    Each chosen page is shown as its live translation in the active language; a page without
    one is left out. With nothing chosen for the header, the home page's children ticked
    "Show in menus" are used (Wagtail's own convention), so a new site still has a menu.
    A fixed number of queries, however many links there are.
    """
    if menu not in MENUS:
        raise ValueError(f"Unknown menu {menu!r}")
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    if locale is None:
        return []
    setting = (
        NavigationSettings.for_request(request)
        if request is not None
        else NavigationSettings.objects.first()
    )
    ids = _chosen_page_ids(setting, menu) if setting is not None else []
    if ids:
        keys = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        pages = {
            page.translation_key: page
            for page in Page.objects.live()
            .filter(translation_key__in=keys.values(), locale=locale)
            .only("id", "title", "url_path", "translation_key", "locale_id")
        }
        chosen = [pages[keys[pk]] for pk in ids if pk in keys and keys[pk] in pages]
    elif menu == "header":
        chosen = list(
            Page.objects.live()
            .in_menu()
            .filter(depth=3, locale=locale)
            .only("id", "title", "url_path", "translation_key", "locale_id")
            .order_by("path")
        )
    else:
        chosen = []
    path = request.path if request is not None else ""
    links = []
    for page in chosen:
        url = page.get_url(request=request)
        if url:
            links.append(MenuLink(title=page.title, url=url, current=path == url))
    return links
