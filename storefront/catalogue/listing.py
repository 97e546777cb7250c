"""What the shop index and category pages show: filters, sort order, pages of product cards.

Imports no model: the listing pages ask themselves for their shop, categories and products
(models.py), so the pages can build their context from here without an import cycle.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page

from home.seo import breadcrumb_data, seo_context
from storefront.catalogue.availability import shown_availability
from storefront.catalogue.forms import SORT_ORDER_BY, ProductFilterForm

if TYPE_CHECKING:
    from storefront.catalogue.models import ListingPageMixin, ProductPage

PRODUCTS_PER_PAGE = 24


def annotate_cards(products: Iterable[ProductPage]) -> None:
    """What each card says about availability (sold out when no variant is left)."""
    for product in products:
        product.shown_availability = shown_availability(product, product.listing_variants)


def filter_products(products: QuerySet, values: dict[str, Any]) -> QuerySet:
    """Apply the valid listing filters and the sort order (newest first by default)."""
    if "min_price" in values:
        products = products.filter(price__gte=values["min_price"])
    if "max_price" in values:
        products = products.filter(price__lte=values["max_price"])
    if "availability" in values:
        products = products.filter(availability=values["availability"])
    return products.order_by(*SORT_ORDER_BY[values.get("sort", "newest")])


def paginate(request: HttpRequest, items) -> PaginatorPage:
    """The requested page; a malformed number gives the first, one past the end the last."""
    return Paginator(items, PRODUCTS_PER_PAGE).get_page(request.GET.get("page"))


def listing_context(request: HttpRequest, listing_page: ListingPageMixin) -> dict[str, Any]:
    """Everything the shop index and category templates show."""
    shop = listing_page.get_shop()
    categories = listing_page.shop_categories(shop)
    on_index = listing_page.pk == shop.pk
    form = ProductFilterForm(request.GET, categories=categories if on_index else ())
    values = form.valid_values()
    within: Page = listing_page
    if on_index and "category" in values:
        within = next(c for c in categories if c.slug == values["category"])
    # The cards load their photos and variants themselves, only for cards not in the cache
    # (storefront.catalogue.cards).
    page_obj = paginate(request, filter_products(within.listed_products(), values))
    page_obj.object_list = list(page_obj.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "shop": shop,
        "categories": categories,
        "filter_form": form,
        "products": page_obj,
        "query_string": query.urlencode(),
        "seo": seo_context(request, listing_page, page_number=page_obj.number),
        "breadcrumb_data": None
        if on_index
        else breadcrumb_data(
            request,
            [
                (shop.title, shop.get_url(request=request)),
                (listing_page.title, listing_page.get_url(request=request)),
            ],
        ),
    }
