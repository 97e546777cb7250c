"""Product search: plain words, the shopper's language, one page of cards."""

from __future__ import annotations

import re
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Locale

from storefront.catalogue.listing import paginate
from storefront.catalogue.models import ProductPage


def search_results(query: str, products: QuerySet | None = None) -> Any:
    """Live products in the active language matching `query`, or None when nothing to search.

    Only words reach the search backend: quotes and operators would be query syntax to it
    (SQLite FTS5 raises on a stray quote), and shoppers mean plain words.
    """
    query = " ".join(re.findall(r"\w+", query[:200]))
    if not query:
        return None
    locale = Locale.objects.filter(language_code=get_language()).first()
    if locale is None:
        return None
    base = products if products is not None else ProductPage.objects.live()
    return base.filter(locale=locale).search(query)


def search_products(request: HttpRequest, query: str) -> PaginatorPage | None:
    """Live products in the shopper's language matching `query` (Wagtail search), one page of them."""
    results = search_results(query)
    if results is None:
        return None
    page_obj = paginate(request, results)
    page_obj.object_list = list(page_obj.object_list)  # the cards load their own data
    return page_obj
