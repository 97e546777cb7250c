"""What the product page (and the storefront API's product) shows: gallery, variants, stock
left, breadcrumbs and the data for search engines.

The page's photos (gallery and thumbnails, `<picture>` elements of 14 renditions for two
photos), its share image, its schema.org data, its variants with what is left of each and the
addresses of its translations change only with content, like a product card; building them
(four queries and the pictures) was a quarter of a product page's time for the shoppers the
page cache does not serve (a basket or an account). So they are kept in the cache per product,
host, language and content generation (cms.page_cache: every publish, page save, stock,
variant, image or setting change starts a new one), and read in one round trip. Nothing per
visitor is in them: the gallery is rendered with a plain template context, and the
add-to-basket form (its CSRF token, the chosen variant) is rendered on every request. A preview
is never kept: it shows a draft."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import router
from django.http import HttpRequest
from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Page

from cms.memo import current_generation
from home.routing import ANCESTORS_ATTRIBUTE
from home.seo import (
    TRANSLATION_URLS_ATTRIBUTE,
    absolute_url,
    breadcrumb_data,
    seo_context,
    translation_urls,
)
from storefront.catalogue.availability import LOW_STOCK, shown_availability
from storefront.catalogue.structured_data import json_ld_script, product_structured_data

if TYPE_CHECKING:
    from storefront.catalogue.models import ProductPage, ProductVariant

GALLERY_TEMPLATE = "catalogue/includes/product_gallery.html"
# The share image (og:image) and the schema.org images: the largest square.
SHARE_IMAGE = "fill-1200x1200"
# Part of the cache key: a release that changes what is kept must not read an older release's
# parts, which live on in a shared cache until their generation ends.
PARTS_FORMAT = 2


def product_facts(page: ProductPage) -> dict[str, Any]:
    """Variants (each marked orderable or not), availability and the stock left to show."""
    variants = list(page.variants.order_by("sort_order", "pk"))
    for variant in variants:
        variant.product = page  # variant.price reads the product without another query
        variant.orderable = page.available_quantity(variant) > 0
    availability = shown_availability(page, variants)
    stock = sum(v.stock for v in variants) if variants else page.stock
    return {
        "variants": variants,
        "availability": availability,
        "low_stock": stock if availability == "in_stock" and stock <= LOW_STOCK else 0,
    }


def product_context(request: HttpRequest, page: ProductPage) -> dict[str, Any]:
    """The product page's variants, breadcrumbs, SEO data and its kept parts (`parts`)."""
    crumbs = breadcrumbs(page)
    parts = product_parts(request, page, crumbs)
    return {
        **parts["facts"],
        "chosen_variant": request.GET.get("variant", ""),
        "breadcrumbs": crumbs,
        "seo": seo_context(request, page),
        "parts": parts,
        "og_image": parts["og_image"],
    }


def parts_key(request: HttpRequest, generation: str, page: Page) -> str:
    """Host and language apart: the data's addresses and the gallery's labels differ."""
    host, language = request.get_host(), translation.get_language()
    return f"product:{PARTS_FORMAT}:{generation}:{host}:{language}:{page.pk}"


def product_parts(request: HttpRequest, page: ProductPage, crumbs: list[Page]) -> dict[str, Any]:
    """The gallery's HTML, the schema.org data's HTML, the share image, the translations'
    addresses and the product's facts (`product_facts`), from the cache when kept there (see the
    module's docstring)."""
    generation = current_generation()
    keep = bool(generation and settings.PRODUCT_CACHE_SECONDS) and not getattr(
        request, "is_preview", False
    )
    key = parts_key(request, generation, page) if keep else ""
    kept = cache.get(key) if keep else None
    if kept is not None:
        # HTML this module rendered with autoescaping templates and format_html.
        html = {name: mark_safe(kept[name]) for name in ("gallery", "data")}  # noqa: S308
        setattr(page, TRANSLATION_URLS_ATTRIBUTE, kept["translations"])
        return {**kept, **html, "facts": _facts_from_storage(page, kept["facts"])}
    facts = product_facts(page)
    parts = {**build_product_parts(request, page, facts["variants"], crumbs), "facts": facts}
    if keep:
        stored = {
            **parts,
            "gallery": str(parts["gallery"]),
            "data": str(parts["data"]),
            "facts": _facts_for_storage(facts),
        }
        cache.set(key, stored, settings.PRODUCT_CACHE_SECONDS)
    return parts


def _variant_fields() -> list[str]:
    from storefront.catalogue.models import ProductVariant

    return [field.attname for field in ProductVariant._meta.concrete_fields]


def _facts_for_storage(facts: dict[str, Any]) -> dict[str, Any]:
    """The variants as their column values: a pickled variant would carry its product page."""
    fields = _variant_fields()
    return {
        **facts,
        "variants": [
            (tuple(getattr(variant, name) for name in fields), variant.orderable)
            for variant in facts["variants"]
        ],
    }


def _facts_from_storage(page: ProductPage, stored: dict[str, Any]) -> dict[str, Any]:
    from storefront.catalogue.models import ProductVariant

    fields = _variant_fields()
    variants = []
    for values, orderable in stored["variants"]:
        variant = ProductVariant.from_db(router.db_for_read(ProductVariant), fields, values)
        variant.product = page
        variant.orderable = orderable
        variants.append(variant)
    return {**stored, "variants": variants}


def build_product_parts(
    request: HttpRequest, page: ProductPage, variants: list[ProductVariant], crumbs: list[Page]
) -> dict[str, Any]:
    """What product_parts keeps, made from the database (two queries for the photos, one for
    the translations' addresses)."""
    images = page.images = page.gallery()
    share = images[0].image.get_renditions(SHARE_IMAGE)[SHARE_IMAGE] if images else None
    gallery = get_template(GALLERY_TEMPLATE).template.render(Context({"images": images}))
    crumb_links = [(crumb.title, crumb.get_url(request=request)) for crumb in crumbs]
    crumb_links.append((page.title, page.get_url(request=request)))
    data = json_ld_script(product_structured_data(request, page, variants)) + json_ld_script(
        breadcrumb_data(request, crumb_links)
    )
    return {
        "gallery": mark_safe(gallery),  # noqa: S308 - an autoescaped template's output
        "data": data,
        "og_image": {
            "url": absolute_url(request, share.url),
            "width": share.width,
            "height": share.height,
        }
        if share is not None
        else None,
        # The language switcher's and the hreflang links' addresses (home.seo).
        "translations": translation_urls(request, page),
    }


def breadcrumbs(page: Page) -> list[Page]:
    """The page's ancestors below the tree root; the router has them already (home.routing)."""
    ancestors = getattr(page, ANCESTORS_ATTRIBUTE, None)
    if ancestors is not None:
        return list(ancestors)
    return list(page.get_ancestors().filter(depth__gt=1).only("title", "url_path"))
