from django import template
from django.conf import settings
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.safestring import mark_safe
from wagtail.models import Page

from cms.memo import remembered
from home import seo

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One entry per language; keeps the shopper on the same page when a translation exists."""
    request = context.get("request")
    current = translation.get_language()
    page = context.get("page")
    urls = seo.translation_urls(request, page) if isinstance(page, Page) else {}
    query = iri_to_uri(request.META.get("QUERY_STRING", "")) if request else ""
    entries = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        if url is None and page is None and request is not None:
            # The view in that language with the same query, as translate_url() gives it; a
            # path no view answers stays as it came.
            path = seo.view_paths(request)[code]
            if path == request.path:
                url = request.get_full_path()
            else:
                url = f"{path}?{query}" if query else path
        elif url is None:
            url = f"/{code}/"
        entries.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "label": name,
                "url": url,
                "current": code == current,
            }
        )
    return {"entries": entries, "request": request, "csrf_token": context.get("csrf_token")}


def default_description(request) -> str:
    """The home page's description in the current language: for pages with none of their own.

    Remembered per process and content generation: every listing and form page would otherwise
    read the home page again.
    """
    from home.models import HomePage

    language = translation.get_language()

    def read() -> str:
        home = HomePage.objects.live().filter(locale__language_code=language).first()
        return seo.page_description(home) if home is not None else ""

    return remembered(("default_description", language), read)


@register.simple_tag(takes_context=True)
def meta_description(context) -> str:
    """The page's own description, else the shop's (every page has one, P-neutral SEO)."""
    page = context.get("page")
    description = seo.page_description(page) if isinstance(page, Page) else ""
    return description or default_description(context.get("request"))


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context, title: str = "", description: str = "", site_name: str = ""):
    """Canonical, hreflang and Open Graph for any page, in or outside the page tree."""
    from storefront.catalogue.models import ProductPage

    request = context.get("request")
    page = context.get("page")
    page = page if isinstance(page, Page) else None
    data = context.get("seo") or seo.seo_context(request, page)
    if page is not None and hasattr(page, "hero_title") and not page.seo_title:
        title = f"{site_name} · {page.hero_title}"  # the home page: the shop and what it sells
    return {
        "seo": data,
        "title": title,
        "description": description,
        "site_name": site_name,
        "og_type": "product" if isinstance(page, ProductPage) else "website",
        # A product page's share image, kept with its gallery (storefront/catalogue/product.py).
        "og_image": context.get("og_image"),
    }


@register.simple_tag(takes_context=True)
def home_structured_data(context) -> dict:
    from home.models import OperatorSettings

    request = context.get("request")
    return seo.home_structured_data(request, OperatorSettings.for_request(request))


@register.simple_tag
def inline_site_css() -> str:
    """The minified site stylesheet in a <style> element (allowed by its CSP hash)."""
    from home.css import site_css

    css, _hash = site_css()
    if not css or "</" in css:
        return ""  # nothing that could end the element early (the file is ours, but be sure)
    return mark_safe(f"<style>{css}</style>")  # noqa: S308 - the site's own stylesheet


@register.simple_tag(takes_context=True)
def menu_links(context, menu: str):
    """The editor-arranged `menu` ("header" or "footer") in the active language."""
    from home.navigation import menu_links as links_for

    return links_for(context.get("request"), menu)
