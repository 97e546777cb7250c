"""Products in every language: the synchronised fields follow the source page, and stock is
changed once, on the source, for all of them."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import TranslationSource

from home.seo import DEFAULT_LANGUAGE
from storefront.catalogue.models import ProductPage


def sync_translations(page: Page, user=None) -> int:
    """Carry a published source page's synchronised fields (price, stock, SKU, images, variants)
    to its published translations; returns how many translations were updated.

    This is what wagtail-localize's "Sync translated pages" with "Publish immediately" does; it
    runs whenever a source product is published (see apps.py), so a price is changed once.
    Text that translators have not translated yet shows in the source language until they do.
    """
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
