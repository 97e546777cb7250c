"""What the shop index and category pages show: filters, sort order, pages of product cards.

Imports no model: the listing pages ask themselves for their shop, categories and products
(models.py), so the pages can build their context from here without an import cycle.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property
from wagtail.models import Page

from cms.memo import current_generation
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


class ListingPaginator(Paginator):
    """A listing's pages: the count and each page's product ids kept per content generation.

    Counting and sorting the listed products is the one part of a listing that grows with the
    catalogue (at 10,000 products 3 ms for the count and 4 ms for the sort on SQLite, against
    0.5 ms at 1,000). Both change only when content does, so they are kept in the cache under
    the content generation (cms.page_cache: a publish, unpublish, move or stock change starts a
    new one) and the listing, its filters and the page number; the page's rows are then read
    by id. Without a generation (outside a request) or with LISTING_CACHE_SECONDS=0 nothing is
    kept.
    """

    def __init__(
        self,
        object_list: QuerySet | Sequence,
        per_page: int,
        *,
        remember_as: str = "",
        load: Callable[[list[int]], Iterable] | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.remember_as = remember_as
        # What the page holds for its ids: by default the rows, read by id; a listing of cards
        # keeps the ids (the card cache reads only the rows it misses).
        self.load = load or (
            lambda ids: in_order(ids, object_list.model.objects.filter(pk__in=ids))
        )

    def _remembered(self, name: str, make: Callable[[], Any]) -> Any:
        generation = current_generation()
        timeout = settings.LISTING_CACHE_SECONDS
        if not (self.remember_as and generation and timeout):
            return make()
        key = f"listing:{generation}:{self.remember_as}:{self.per_page}:{name}"
        value = cache.get(key)
        if value is None:
            value = make()
            cache.set(key, value, timeout)
        return value

    @cached_property
    def count(self) -> int:
        return self._remembered("count", lambda: Paginator.count.func(self))

    def _get_page(self, object_list, number, paginator):
        if isinstance(object_list, QuerySet):
            # Only the ids go through the sort; the page's rows are then read by id.
            sliced = object_list
            ids = self._remembered(
                f"page-{number}", lambda: list(sliced.values_list("pk", flat=True))
            )
            object_list = self.load(ids)
        return super()._get_page(object_list, number, paginator)


def in_order(ids: list[int], rows: Iterable) -> list:
    """`rows` in the order of `ids` (a row deleted meanwhile is left out)."""
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def listing_key(within: Page, values: dict[str, Any]) -> str:
    """The listing page and its valid filters and sort order (the form's cleaned values)."""
    filters = repr(sorted((name, str(value)) for name, value in values.items()))
    return f"{within.pk}:{hashlib.sha256(filters.encode()).hexdigest()[:32]}"


def paginate(
    request: HttpRequest,
    items: QuerySet | Sequence,
    *,
    remember_as: str = "",
    load: Callable[[list[int]], Iterable] | None = None,
) -> PaginatorPage:
    """The requested page; a malformed number gives the first, one past the end the last."""
    paginator = ListingPaginator(items, PRODUCTS_PER_PAGE, remember_as=remember_as, load=load)
    return paginator.get_page(request.GET.get("page"))


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
    page_obj = paginate(
        request,
        filter_products(within.listed_products(), values),
        remember_as=listing_key(within, values),
        load=list,  # the products' ids: product_cards reads the rows of uncached cards only
    )
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
