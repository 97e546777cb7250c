"""What search engines and link previews read on every page: absolute URLs, canonical and
hreflang links, Open Graph and the site-wide JSON-LD (Organization, WebSite, BreadcrumbList).

All absolute URLs come from `absolute_url`, so that canonical links, hreflang, sitemap, JSON-LD
and share images name the same host: the Wagtail Site's, which the operator configures, never a
Host header that a client sends.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page, Site

DEFAULT_LANGUAGE = "en"
OG_LOCALES = {"en": "en_US", "ru": "ru_RU", "kk": "kk_KZ"}
# Search engines cut descriptions at about this many characters.
DESCRIPTION_LENGTH = 160
# Where translation_urls() keeps its answer on a page object.
TRANSLATION_URLS_ATTRIBUTE = "_translation_urls"


def site_root_url(request: HttpRequest | None) -> str:
    """The scheme and host of the Wagtail Site that serves `request` (default site otherwise)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/") if request is not None else ""


def absolute_url(request: HttpRequest | None, url: str) -> str:
    """`url` (a path, or already absolute as from object storage) as an absolute URL."""
    if not url or urlsplit(url).scheme:
        return url
    return f"{site_root_url(request)}{url if url.startswith('/') else '/' + url}"


def plain_description(text: str) -> str:
    """Rich text or a long lead as a one-line meta description."""
    return Truncator(" ".join(strip_tags(text or "").split())).chars(DESCRIPTION_LENGTH)


def page_description(page: Page) -> str:
    """The editor's search description, else the page's own lead text."""
    if getattr(page, "search_description", ""):
        return plain_description(page.search_description)
    for field in ("short_description", "hero_text", "intro"):
        value = getattr(page, field, "")
        if value:
            return plain_description(str(value))
    return ""


def translation_urls(request: HttpRequest | None, page: Page) -> dict[str, str]:
    """The address of `page` and of each live translation, by language, worked out once per page
    object: the language switcher and the hreflang links both need them, and a product page
    brings them from its kept parts (storefront.catalogue.product) without reading them at all."""
    urls = getattr(page, TRANSLATION_URLS_ATTRIBUTE, None)
    if urls is None:
        # Plain pages with only what a link needs: `page.get_translations()` would read every
        # field of the page's own type (a product's description included) for each language.
        translations = (
            Page.objects.filter(translation_key=page.translation_key)
            .live()
            .select_related("locale")
            .only("url_path", "locale", "locale__language_code")
            .order_by("locale__language_code")
        )
        urls = {}
        for translated in translations:
            url = translated.get_url(request=request)
            if url:
                urls[translated.locale.language_code] = url
        setattr(page, TRANSLATION_URLS_ATTRIBUTE, urls)
    return urls


def page_alternates(request: HttpRequest, page: Page) -> list[dict[str, str]]:
    """Every live translation of `page`, by language, as absolute URLs."""
    return [
        {"code": code, "url": absolute_url(request, url)}
        for code, url in translation_urls(request, page).items()
    ]


def view_paths(request: HttpRequest) -> dict[str, str]:
    """The current view's path in each language, worked out once per request: the hreflang links
    and the language switcher both need them, and each `translate_url` resolves the path anew."""
    paths = getattr(request, "_view_paths", None)
    if paths is None:
        paths = {code: translate_url(request.path, code) for code, _name in settings.LANGUAGES}
        request._view_paths = paths
    return paths


def view_alternates(request: HttpRequest) -> list[dict[str, str]]:
    """The same view in every language (views outside the page tree exist in all of them)."""
    paths = view_paths(request)
    return [{"code": code, "url": absolute_url(request, paths[code])} for code in sorted(paths)]


def seo_context(request: HttpRequest, page: Page | None = None, *, page_number: int = 1) -> dict:
    """Canonical URL, hreflang alternates with x-default and the Open Graph locale."""
    if page is not None:
        canonical = absolute_url(request, page.get_url(request=request) or "")
        alternates = page_alternates(request, page)
    else:
        canonical = absolute_url(request, request.path)
        alternates = view_alternates(request)
    if page_number > 1:
        canonical = f"{canonical}?page={page_number}"
    x_default = next((a["url"] for a in alternates if a["code"] == DEFAULT_LANGUAGE), None)
    current = translation.get_language() or DEFAULT_LANGUAGE
    return {
        "canonical": canonical,
        "alternates": alternates,
        "x_default": x_default,
        "og_locale": OG_LOCALES.get(current, "en_US"),
        "og_locale_alternates": [
            OG_LOCALES[a["code"]]
            for a in alternates
            if a["code"] != current and a["code"] in OG_LOCALES
        ],
    }


def organization_data(request: HttpRequest, operator: Any) -> dict[str, Any]:
    """schema.org Organization for the operator (P01's details, nothing more)."""
    home = absolute_url(request, f"/{translation.get_language() or DEFAULT_LANGUAGE}/")
    data: dict[str, Any] = {
        "@type": "Organization",
        "@id": f"{site_root_url(request)}/#organization",
        "name": operator.trading_name,
        "url": home,
    }
    if operator.legal_name:
        data["legalName"] = operator.legal_name
    if operator.email:
        data["email"] = operator.email
    if operator.phone:
        data["telephone"] = operator.phone
    if operator.legal_address:
        data["address"] = operator.legal_address
    return data


def home_structured_data(request: HttpRequest, operator: Any) -> dict[str, Any]:
    """Organization and WebSite (with the site search) for the home page."""
    language = translation.get_language() or DEFAULT_LANGUAGE
    home = absolute_url(request, f"/{language}/")
    search = absolute_url(request, reverse("catalogue:search"))
    return {
        "@context": "https://schema.org",
        "@graph": [
            organization_data(request, operator),
            {
                "@type": "WebSite",
                "@id": f"{site_root_url(request)}/#website",
                "name": operator.trading_name,
                "url": home,
                "inLanguage": language,
                "publisher": {"@id": f"{site_root_url(request)}/#organization"},
                "potentialAction": {
                    "@type": "SearchAction",
                    "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{query}}"},
                    "query-input": "required name=query",
                },
            },
        ],
    }


def breadcrumb_data(request: HttpRequest, crumbs: list[tuple[str, str]]) -> dict[str, Any]:
    """schema.org BreadcrumbList for the trail shown on the page: (name, relative URL) pairs."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute_url(request, url),
            }
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }
