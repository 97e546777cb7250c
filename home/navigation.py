"""Header and footer links that editors arrange (Settings → Navigation), in the shopper's language.

The links of each site and language are kept in the cache until a page is published, unpublished,
moved or deleted, or the navigation setting is saved: every page shows the menus, so they cost
no query once cached, and three at most when not. Each worker also remembers them for the content
generation (cms.memo), so a page does not ask the cache for them either.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Page, Site

from cms.memo import remembered
from home.models import NavigationSettings

MENUS = ("header", "footer")
VERSION_KEY = "navigation:version"
CACHE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class MenuLink:
    title: str
    url: str
    current: bool = False


def invalidate_menus(*args, **kwargs) -> None:
    """Forget every cached menu (connected to page and setting changes in apps.py)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def _chosen_page_ids(setting: NavigationSettings | None, menu: str) -> list[int]:
    # The stream's raw data holds page ids; reading block values would load each page apart.
    if setting is None:
        return []
    return [
        item["value"] for item in getattr(setting, f"{menu}_links").raw_data if item.get("value")
    ]


def _build_menus(request: HttpRequest | None, site: Site | None, language: str) -> dict:
    setting = NavigationSettings.objects.filter(site=site).first() if site else None
    chosen = {menu: _chosen_page_ids(setting, menu) for menu in MENUS}
    ids = [pk for menu in MENUS for pk in chosen[menu]]
    in_language = Page.objects.live().filter(locale__language_code=language)
    fields = ("id", "title", "url_path", "translation_key", "locale_id", "depth", "show_in_menus")
    if ids:
        keys = dict(Page.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        pages = list(in_language.filter(translation_key__in=keys.values()).only(*fields))
    else:
        keys, pages = {}, []
    if not chosen["header"]:
        # Nothing chosen: the home page's children ticked "Show in menus" (Wagtail's convention).
        pages += list(in_language.filter(Q(depth=3, show_in_menus=True)).only(*fields))
    by_key = {page.translation_key: page for page in pages}
    menus: dict[str, list[MenuLink]] = {}
    for menu in MENUS:
        if chosen[menu]:
            selected = [by_key[keys[pk]] for pk in chosen[menu] if keys.get(pk) in by_key]
        elif menu == "header":
            selected = sorted(
                (page for page in pages if page.depth == 3 and page.show_in_menus),
                key=lambda page: page.url_path,
            )
        else:
            selected = []
        links = []
        for page in selected:
            url = page.get_url(request=request)
            if url:
                links.append(MenuLink(title=page.title, url=url))
        menus[menu] = links
    return menus


def _cached_menus(request: HttpRequest | None, site: Site | None, language: str) -> dict:
    key = f"navigation:{cache.get_or_set(VERSION_KEY, 1, None)}:{site.pk if site else 0}:{language}"
    menus = cache.get(key)
    if menus is None:
        menus = _build_menus(request, site, language)
        cache.set(key, menus, CACHE_SECONDS)
    return menus


def menu_links(request: HttpRequest | None, menu: str) -> list[MenuLink]:
    """The links of `menu` ("header" or "footer") in the active language, in the editors' order.

    Each chosen page is shown as its live translation in the active language; a page without
    one is left out. With nothing chosen for the header, the home page's children ticked
    "Show in menus" in that language are used, so a new site still has a menu.
    """
    if menu not in MENUS:
        raise ValueError(f"Unknown menu {menu!r}")
    language = translation.get_language()
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    # Remembered per worker for the content generation (which every change that retires the
    # cached menus also starts): no cache round trip per menu on each page.
    menus = remembered(
        ("navigation", site.pk if site else 0, language),
        lambda: _cached_menus(request, site, language),
    )
    path = request.path if request is not None else ""
    return [replace(link, current=link.url == path) for link in menus[menu]]
