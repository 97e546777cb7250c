"""Shopper views outside the page tree: product search, robots.txt and the sitemap."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from storefront.catalogue.services import search_products
from storefront.catalogue.sitemap import AllLocalesSitemap


@require_safe
def search(request: HttpRequest) -> TemplateResponse:
    query = request.GET.get("q", "").strip()[:200]
    return TemplateResponse(
        request,
        "catalogue/search.html",
        {
            "query": query,
            "query_string": urlencode({"q": query}),
            "products": search_products(request, query),
        },
    )


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /*/search/",
        "Disallow: /*/basket/",
        "Disallow: /*/checkout/",
        "Disallow: /*/account/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    return wagtail_sitemap(request, sitemaps={"pages": AllLocalesSitemap})
