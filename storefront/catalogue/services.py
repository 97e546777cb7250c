"""Catalogue reads: listings, search, product page data, SEO data and SKU uniqueness.

Every read here runs a fixed number of SQL queries whatever the number of products: images,
renditions and variants are prefetched, never loaded one product at a time.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from home.seo import breadcrumb_data
from storefront.catalogue.forms import SORT_ORDER_BY, ProductFilterForm

if TYPE_CHECKING:
    from storefront.catalogue.models import ProductPage

PRODUCTS_PER_PAGE = 24
DEFAULT_LANGUAGE = "en"
# Up to this many pieces left, the product page says how many.
LOW_STOCK = 3


def sku_owner(sku: str, *, exclude_translation_key: uuid.UUID | None = None) -> str | None:
    """Who already uses `sku` (a product or a variant), or None when it is free.

    Translations of one product share its SKU, so everything with the same translation key
    (the product in other languages and their variants) does not count as a duplicate.
    """
    from storefront.catalogue.models import ProductPage, ProductVariant

    products = ProductPage.objects.filter(sku__iexact=sku)
    variants = ProductVariant.objects.filter(sku__iexact=sku).select_related("product")
    if exclude_translation_key is not None:
        products = products.exclude(translation_key=exclude_translation_key)
        variants = variants.exclude(product__translation_key=exclude_translation_key)
    product = products.only("title").first()
    if product is not None:
        return f"«{product.title}»"
    variant = variants.first()
    if variant is not None:
        return f"«{variant.product.title} – {variant.name}»"
    return None


def image_prefetch(lookup: str, queryset: QuerySet | None = None, to_attr: str | None = None):
    """Prefetch product images with their image and renditions in two queries."""
    from storefront.catalogue.images import card_renditions_prefetch
    from storefront.catalogue.models import ProductImage

    queryset = queryset if queryset is not None else ProductImage.objects.all()
    return Prefetch(
        lookup,
        queryset=queryset.select_related("image").prefetch_related(card_renditions_prefetch()),
        to_attr=to_attr,
    )


def with_listing_data(products: QuerySet) -> QuerySet:
    """Products with their gallery images (and renditions) and variants prefetched."""
    return products.prefetch_related(*listing_prefetches())


def listing_prefetches() -> list[Prefetch]:
    from storefront.catalogue.models import ProductImage, ProductVariant

    # modelcluster's prefetcher cannot take a sliced queryset, so every image of the page's
    # products comes (a few per product); the card shows the first.
    images = ProductImage.objects.order_by("sort_order", "pk")
    variants = ProductVariant.objects.order_by("sort_order", "pk").only("product_id", "stock")
    return [
        image_prefetch("gallery_images", images, "listing_images"),
        Prefetch("variants", queryset=variants, to_attr="listing_variants"),
    ]


def annotate_cards(products) -> None:
    """What each card says about availability (sold out when no variant is left)."""
    for product in products:
        product.shown_availability = shown_availability(product, product.listing_variants)


def product_queryset(listing_page: Page) -> QuerySet:
    from storefront.catalogue.models import ProductPage

    return ProductPage.objects.live().descendant_of(listing_page)


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


def _routed_shop(category: Page) -> Page | None:
    """The shop above a category, from the ancestors the router loaded (no query)."""
    from home.routing import ANCESTORS_ATTRIBUTE
    from storefront.catalogue.models import ProductIndexPage

    for ancestor in reversed(getattr(category, ANCESTORS_ATTRIBUTE, None) or []):
        if ancestor.specific_class is ProductIndexPage:
            return ancestor
    return None


def listing_context(request: HttpRequest, listing_page: Page) -> dict[str, Any]:
    """Everything the shop index and category templates show."""
    from storefront.catalogue.models import CategoryPage, ProductIndexPage

    shop = (
        listing_page
        if isinstance(listing_page, ProductIndexPage)
        else _routed_shop(listing_page)
        or ProductIndexPage.objects.parent_of(listing_page).first()
        or listing_page
    )
    categories = list(CategoryPage.objects.child_of(shop).live().only("title", "slug", "url_path"))
    on_index = listing_page.pk == shop.pk
    form = ProductFilterForm(request.GET, categories=categories if on_index else ())
    values = form.valid_values()
    within: Page = listing_page
    if on_index and "category" in values:
        within = next(c for c in categories if c.slug == values["category"])
    # The cards load their photos and variants themselves, only for cards not in the cache
    # (storefront.catalogue.cards).
    page_obj = paginate(request, filter_products(product_queryset(within), values))
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


def featured_context(request: HttpRequest, featured) -> dict[str, Any]:
    """The products and categories an editor features on the home page, in the shopper's
    language, live ones only, in the editor's order; products come ready for cards."""
    from storefront.catalogue.models import CategoryPage, ProductPage

    chosen: dict[str, list[int]] = {"product": [], "category": []}
    for block in featured:
        if block.value is not None and block.block_type in chosen:
            chosen[block.block_type].append(block.value.translation_key)
    locale = Locale.get_active()
    products = {
        product.translation_key: product
        for product in with_listing_data(
            ProductPage.objects.live().filter(locale=locale, translation_key__in=chosen["product"])
        )
    }
    categories = {
        category.translation_key: category
        for category in CategoryPage.objects.live().filter(
            locale=locale, translation_key__in=chosen["category"]
        )
    }
    featured_products = [products[key] for key in chosen["product"] if key in products]
    annotate_cards(featured_products)
    return {
        "featured_products": featured_products,
        "featured_categories": [categories[key] for key in chosen["category"] if key in categories],
    }


def search_results(query: str, products: QuerySet | None = None):
    """Live products in the active language matching `query`, or None when nothing to search.

    Only words reach the search backend: quotes and operators would be query syntax to it
    (SQLite FTS5 raises on a stray quote), and shoppers mean plain words.
    """
    from storefront.catalogue.models import ProductPage

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


def product_context(request: HttpRequest, page: ProductPage) -> dict[str, Any]:
    """The product page's gallery, variants, breadcrumbs and SEO data."""
    from storefront.catalogue.models import ProductImage

    page.images = list(
        ProductImage.objects.filter(product=page)
        .order_by("sort_order", "pk")
        .select_related("image")
        .prefetch_related("image__renditions")
    )
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
    from home.routing import ANCESTORS_ATTRIBUTE

    ancestors = getattr(page, ANCESTORS_ATTRIBUTE, None)
    if ancestors is not None:
        return list(ancestors)
    return list(page.get_ancestors().filter(depth__gt=1).only("title", "url_path"))


def shown_availability(page: ProductPage, variants: list) -> str:
    """What the shopper is told: an in-stock product with nothing left shows as sold out."""
    from storefront.catalogue.models import Availability

    if page.availability != Availability.IN_STOCK:
        return page.availability
    pieces = (
        [page.available_quantity(v) for v in variants] if variants else [page.available_quantity()]
    )
    return Availability.IN_STOCK if any(pieces) else Availability.SOLD_OUT


def seo_context(request: HttpRequest, page: Page, *, page_number: int = 1) -> dict[str, Any]:
    """Canonical URL and hreflang alternates for every live translation, plus x-default."""
    from home.seo import seo_context as site_seo_context

    return site_seo_context(request, page, page_number=page_number)


def offer_data(request: HttpRequest, page: ProductPage, variant, url: str) -> dict[str, Any]:
    """One schema.org Offer: price, currency, availability and who sells it."""
    from home.seo import site_root_url
    from storefront.catalogue.models import SCHEMA_AVAILABILITY

    return {
        "@type": "Offer",
        "price": str(page.unit_price(variant)),
        "priceCurrency": page.currency,
        "availability": SCHEMA_AVAILABILITY[
            shown_availability(page, [variant] if variant is not None else [])
        ],
        "itemCondition": "https://schema.org/NewCondition",
        "url": url,
        "seller": {"@id": f"{site_root_url(request)}/#organization"},
    }


def product_structured_data(
    request: HttpRequest, page: ProductPage, variants: list
) -> dict[str, Any]:
    """schema.org markup as Google documents it for products and their variants.

    A product without variants is a Product with one Offer; with variants it is a ProductGroup
    whose `hasVariant` Products each carry their own SKU, offer and the property they differ in
    (`variesBy`), so that search engines do not read several prices for one item.
    """
    from home.models import OperatorSettings
    from home.seo import absolute_url, organization_data, page_description

    url = absolute_url(request, page.get_url(request=request) or "")
    operator = OperatorSettings.for_request(request) if request is not None else None
    brand = {"@type": "Brand", "name": operator.trading_name if operator else "Nera"}
    images = [
        absolute_url(request, item.image.get_renditions("fill-1200x1200")["fill-1200x1200"].url)
        for item in page.images[:4]
    ]
    description = page_description(page)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@id": f"{url}#product",
        "name": page.title,
        "url": url,
    }
    if description:
        data["description"] = description
    if images:
        data["image"] = images
    data["brand"] = brand
    if not variants:
        data.update(
            {"@type": "Product", "sku": page.sku, "offers": offer_data(request, page, None, url)}
        )
    else:
        group_id = page.sku
        data.update(
            {
                "@type": "ProductGroup",
                "productGroupID": group_id,
                "variesBy": [f"https://schema.org/{page.varies_by}"],
                "hasVariant": [
                    {
                        "@type": "Product",
                        "name": f"{page.title} – {variant.name}",
                        "sku": variant.sku,
                        page.varies_by: variant.name,
                        "inProductGroupWithID": group_id,
                        "isVariantOf": {"@id": f"{url}#product"},
                        **({"description": description} if description else {}),
                        **({"image": images[0]} if images else {}),
                        # The page opens with this variant chosen (Google's single-page way).
                        "url": f"{url}?{urlencode({'variant': variant.sku})}",
                        "offers": offer_data(
                            request, page, variant, f"{url}?{urlencode({'variant': variant.sku})}"
                        ),
                    }
                    for variant in variants
                ],
            }
        )
    if operator is None:
        return data
    # The seller named in every offer, described once in the same graph.
    return {
        "@context": "https://schema.org",
        "@graph": [strip_context(data), organization_data(request, operator)],
    }


def strip_context(data: dict[str, Any]) -> dict[str, Any]:
    """A node for an @graph: the context is given once, on the graph."""
    return {key: value for key, value in data.items() if key != "@context"}


def locale_roots_filter(root: Page) -> Q:
    """A filter for every page under any translation of `root` (the site in all languages)."""
    condition = Q()
    for translation in root.get_translations(inclusive=True).live():
        condition |= Q(path__startswith=translation.path)
    return condition


def sync_translations(page: Page, user=None) -> int:
    """Carry a published source page's synchronised fields (price, stock, SKU, images, variants)
    to its published translations; returns how many translations were updated.

    This is what wagtail-localize's "Sync translated pages" with "Publish immediately" does; it
    runs whenever a source product is published (see apps.py), so a price is changed once.
    Text that translators have not translated yet shows in the source language until they do.
    """
    from django.core.exceptions import ValidationError
    from wagtail_localize.models import TranslationSource

    source = TranslationSource.objects.get_for_instance_or_none(page)
    if source is None:
        return 0
    source.update_from_db()
    updated = 0
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        target = page.get_translation_or_none(translation.target_locale)
        if target is None or not target.live:
            continue  # an unpublished translation stays unpublished
        try:
            translation.save_target(user=user, publish=True)
        except ValidationError:
            continue  # an invalid translation stays as it was; the editor sees it in the admin
        updated += 1
    return updated


def source_product(page: ProductPage) -> ProductPage:
    """The product that its translations follow: wagtail-localize's source, else the page in
    the default language, else the page itself."""
    from wagtail_localize.models import TranslationSource

    from storefront.catalogue.models import ProductPage

    source = (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .select_related("locale")
        .first()
    )
    code = source.locale.language_code if source else DEFAULT_LANGUAGE
    return (
        ProductPage.objects.filter(
            translation_key=page.translation_key, locale__language_code=code
        ).first()
        or page
    )


@transaction.atomic
def set_stock(
    products: Iterable[ProductPage],
    *,
    stock: int | None = None,
    availability: str | None = None,
    user=None,
) -> list[ProductPage]:
    """Set the stock (of the product and each of its variants) and/or the availability of
    `products`, in every language; returns the source products changed.

    The change is made on each product's source page and published, so the publish signal
    carries it to the translations exactly as an edit in the page editor would (apps.py). A draft
    waiting on the page keeps its other changes and gets the new values too.
    """
    changed: dict[int, ProductPage] = {}
    for product in products:
        source = source_product(product)
        if source.pk in changed:
            continue
        draft = source.get_latest_revision_as_object() if source.has_unpublished_changes else None
        _apply_stock(source, stock, availability)
        source.save_revision(user=user, log_action=True).publish(user=user)
        if draft is not None:
            _apply_stock(draft, stock, availability)
            draft.save_revision(user=user, log_action=True)
        changed[source.pk] = source
    return list(changed.values())


def _apply_stock(product: ProductPage, stock: int | None, availability: str | None) -> None:
    if stock is not None:
        product.stock = stock
        variants = list(product.variants.all())
        for variant in variants:
            variant.stock = stock
        product.variants = variants  # kept in memory until the revision is saved
    if availability:
        product.availability = availability
