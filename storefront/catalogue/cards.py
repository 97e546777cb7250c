"""Product cards, rendered once per product, language and content generation.

A listing shows 24 cards. Rendering them (each with a `<picture>` of six renditions) and loading
their photos, renditions and variants was most of the time of a listing the page cache does not
serve (shoppers with a basket or an account). A card shows only what editors and stock change:
title, price, availability, photo and address. So its HTML is kept in the cache per product,
language, host, content generation (cms.page_cache: every publish, page save, stock, variant,
image or setting change starts a new one) and whether its photo is lazy-loaded; a listing asks
the cache for its cards in one round trip and loads the photos and variants of the missing
cards only.

Nothing per visitor is in a card: it is rendered with a plain template context (no context
processors, so no CSRF token, basket, account or messages) and has no form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.template import Context
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from cms.memo import current_generation
from storefront.catalogue.listing import annotate_cards
from storefront.catalogue.models import ProductPage, listing_prefetches

CARD_TEMPLATE = "catalogue/includes/product_card.html"
# Cards in the first row are in view at once: their photos are not lazy-loaded.
EAGER_CARDS = 4


def kept_per_product(
    request: HttpRequest | None,
    kind: Callable[[int], str],
    ids: list[int],
    make: Callable[[list[int]], dict[int, Any]],
) -> dict[int, Any]:
    """What `make` builds for each product id (a card's HTML, an API item), kept in the cache
    per kind, product, language, host and content generation: one round trip for all of them,
    `make` for the missing ones only. A product `make` no longer finds is left out."""
    generation = current_generation()
    timeout = settings.CARD_CACHE_SECONDS
    if not generation or not timeout:
        return make(ids)
    host = request.get_host() if request is not None else ""
    language = translation.get_language()
    keys = {pk: f"{kind(pk)}:{generation}:{host}:{language}:{pk}" for pk in ids}
    found = cache.get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in found]
    made = make(missing) if missing else {}
    if made:
        cache.set_many({keys[pk]: value for pk, value in made.items()}, timeout)
    return {
        pk: made[pk] if pk in made else found[keys[pk]]
        for pk in ids
        if pk in made or keys[pk] in found
    }


def _rows(items: list) -> list:
    """The products of `items` (products, or product ids read here in one query); a product
    deleted since its id was listed is left out."""
    ids = [item for item in items if isinstance(item, int)]
    if not ids:
        return items
    # A card shows no description: its StreamField is neither read nor decoded.
    products = ProductPage.objects.filter(pk__in=ids).defer_streamfields()
    found = {product.pk: product for product in products}
    rows = [found.get(item) if isinstance(item, int) else item for item in items]
    return [row for row in rows if row is not None]


def _prepare(products: list) -> None:
    """Photos, renditions, variants and availability for cards not in the cache."""
    unloaded = [product for product in products if not hasattr(product, "listing_variants")]
    if unloaded:
        prefetch_related_objects(unloaded, *listing_prefetches())
    annotate_cards([product for product in products if not hasattr(product, "shown_availability")])


def render_card(request: HttpRequest | None, product, *, lazy: bool) -> SafeString:
    template = get_template(CARD_TEMPLATE).template
    return mark_safe(  # noqa: S308 - an autoescaped template's output
        template.render(Context({"request": request, "product": product, "lazy": lazy}))
    )


def product_cards(request: HttpRequest | None, items: Sequence) -> list[SafeString]:
    """The cards of `items` (products, or their ids) in order: from the cache when there,
    rendered (and kept) if not. A listing passes ids: when every card is cached, no product
    row is read at all."""
    items = list(items)
    given = {item.pk: item for item in items if not isinstance(item, int)}
    ids = [item if isinstance(item, int) else item.pk for item in items]
    lazy = {pk: index >= EAGER_CARDS for index, pk in enumerate(ids)}

    def render(missing: list[int]) -> dict[int, str]:
        products = _rows([given.get(pk, pk) for pk in missing])
        _prepare(products)
        return {p.pk: str(render_card(request, p, lazy=lazy[p.pk])) for p in products}

    cards = kept_per_product(request, lambda pk: "card-l" if lazy[pk] else "card-e", ids, render)
    return [mark_safe(cards[pk]) for pk in ids if pk in cards]  # noqa: S308 - rendered card HTML
