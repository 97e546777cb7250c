"""What the product page (and the storefront API's product) shows: gallery, variants, stock
left, breadcrumbs and the data for search engines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from wagtail.models import Page

from home.routing import ANCESTORS_ATTRIBUTE
from home.seo import breadcrumb_data, seo_context
from storefront.catalogue.availability import LOW_STOCK, shown_availability
from storefront.catalogue.structured_data import product_structured_data

if TYPE_CHECKING:
    from storefront.catalogue.models import ProductPage


def product_context(request: HttpRequest | None, page: ProductPage) -> dict[str, Any]:
    """The product page's gallery, variants, breadcrumbs and SEO data."""
    page.images = page.gallery()
    variants = list(page.variants.order_by("sort_order", "pk"))
    for variant in variants:
        variant.product = page  # variant.price reads the product without another query
        variant.orderable = page.available_quantity(variant) > 0
    availability = shown_availability(page, variants)
    crumbs = breadcrumbs(page)
    stock = sum(v.stock for v in variants) if variants else page.stock
    return {
        "variants": variants,
        "chosen_variant": request.GET.get("variant", "") if request is not None else "",
        "availability": availability,
        "low_stock": stock if availability == "in_stock" and stock <= LOW_STOCK else 0,
        "breadcrumbs": crumbs,
        "seo": seo_context(request, page),
        "structured_data": product_structured_data(request, page, variants),
        "breadcrumb_data": breadcrumb_data(
            request,
            [(crumb.title, crumb.get_url(request=request)) for crumb in crumbs]
            + [(page.title, page.get_url(request=request))],
        ),
    }


def breadcrumbs(page: Page) -> list[Page]:
    """The page's ancestors below the tree root; the router has them already (home.routing)."""
    ancestors = getattr(page, ANCESTORS_ATTRIBUTE, None)
    if ancestors is not None:
        return list(ancestors)
    return list(page.get_ancestors().filter(depth__gt=1).only("title", "url_path"))
