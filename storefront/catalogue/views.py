"""Shopper views outside the page tree: product search."""

from urllib.parse import urlencode

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from storefront.catalogue.search import search_products


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
