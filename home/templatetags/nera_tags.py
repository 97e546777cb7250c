from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from storefront.catalogue.services import live_translations

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One entry per language; keeps the shopper on the same page when a translation exists."""
    request = context.get("request")
    current = translation.get_language()
    page = context.get("page")
    urls: dict[str, str] = {}
    if isinstance(page, Page):
        for translated in live_translations(page):
            url = translated.get_url(request=request)
            if url:
                urls[translated.locale.language_code] = url
    path = request.get_full_path() if request else "/"
    entries = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code)
        if url is None:
            url = translate_url(path, code) if page is None else f"/{code}/"
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
