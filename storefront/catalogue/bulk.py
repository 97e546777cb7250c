"""Many products at once, in every language: for the load benchmark and the query budgets.

Wagtail pages are multi-table rows in a materialised-path tree, so `bulk_create` cannot make
them directly: each page's tree path and URL path are computed here, the `wagtailcore_page`
rows are bulk-inserted, then the product rows, images and variants. The pages are what
wagtail-localize would publish (same translation key, translated titles) without its
translation records, which only the admin reads.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from cms.page_cache import new_generation
from storefront.catalogue.models import (
    Availability,
    CategoryPage,
    ProductImage,
    ProductPage,
    ProductVariant,
)

PHOTO_POOL = 12
CHUNK = 500
SKU_PREFIX = "BENCH-"
NAMES = {
    "en": ("Bench ring {n}", "Handmade silver ring, polished by hand.", "Size {s}", "Photo {p}"),
    "ru": (
        "Тестовое кольцо {n}",
        "Серебряное кольцо ручной работы.",
        "Размер {s}",
        "Фото {p}",
    ),
    "kk": ("Сынақ сақинасы {n}", "Қолдан жасалған күміс сақина.", "{s} өлшем", "{p}-сурет"),
}
SHAPES = ("ring", "earrings", "necklace", "bracelet")


def categories_by_locale() -> dict[str, list[CategoryPage]]:
    """The shop's categories in each language, in the same order (by translation key)."""
    english = list(CategoryPage.objects.filter(locale__language_code="en").order_by("path"))
    if not english:
        raise ValueError("No categories: run `manage.py seed_demo` first.")
    result = {"en": english}
    for code in ("ru", "kk"):
        by_key = {
            page.translation_key: page
            for page in CategoryPage.objects.filter(locale__language_code=code)
        }
        result[code] = [by_key.get(page.translation_key) for page in english]
    return result


def existing_count() -> int:
    return ProductPage.objects.filter(
        locale__language_code="en", sku__startswith=SKU_PREFIX
    ).count()


def product_rows(number: int, key: uuid.UUID, code: str, page_id: int) -> ProductPage:
    base = 9000 + (number % 40) * 500
    return ProductPage(
        page_ptr_id=page_id,
        sku=f"{SKU_PREFIX}{number:05d}",
        price=Decimal(base),
        compare_at_price=Decimal(base + 3000) if number % 5 == 0 else None,
        currency="KZT",
        availability=Availability.MADE_TO_ORDER if number % 7 == 3 else Availability.IN_STOCK,
        stock=3 + number % 9,
        short_description=NAMES[code][1],
        body=[("paragraph", f"<p>{NAMES[code][1]}</p>")],
    )


def insert_products(products: list[ProductPage]) -> None:
    """The product table's own columns, for pages whose wagtailcore_page rows exist."""
    fields = ProductPage._meta.local_concrete_fields
    table = connection.ops.quote_name(ProductPage._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    rows = [
        [field.get_db_prep_save(getattr(product, field.attname), connection) for field in fields]
        for product in products
    ]
    with connection.cursor() as cursor:
        # Table and column names come from the model, values are parameters.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        cursor.executemany(sql, rows)


def add_chunk(start: int, stop: int, categories, locales, photos, content_type) -> list[int]:
    """Products start..stop-1 in every language; returns the new page ids."""
    now = timezone.now()
    keys = {number: uuid.uuid4() for number in range(start, stop)}
    image_keys = {(number, p): uuid.uuid4() for number in range(start, stop) for p in range(2)}
    variant_keys = {(number, v): uuid.uuid4() for number in range(start, stop) for v in range(2)}
    new_ids: list[int] = []
    for code, locale in locales.items():
        groups: dict[int, list[int]] = {}
        for number in range(start, stop):
            groups.setdefault(number % len(categories[code]), []).append(number)
        for index, numbers in groups.items():
            parent = categories[code][index]
            if parent is None:
                continue
            parent.refresh_from_db(fields=["numchild", "path", "depth", "url_path"])
            last = parent.get_last_child()
            step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
            pages = []
            for offset, number in enumerate(numbers):
                slug = f"bench-{number:05d}"
                title = NAMES[code][0].format(n=number)
                pages.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        live=True,
                        has_unpublished_changes=False,
                        url_path=f"{parent.url_path}{slug}/",
                        first_published_at=now,
                        last_published_at=now,
                        locale=locale,
                        translation_key=keys[number],
                        path=Page._get_path(parent.path, parent.depth + 1, step + offset),
                        depth=parent.depth + 1,
                        numchild=0,
                    )
                )
            created = Page.objects.bulk_create(pages)
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(created))
            ids = {page.translation_key: page.pk for page in created}
            insert_products(
                [product_rows(number, keys[number], code, ids[keys[number]]) for number in numbers]
            )
            images, variants = [], []
            for number in numbers:
                page_id = ids[keys[number]]
                for position in range(2):
                    images.append(
                        ProductImage(
                            product_id=page_id,
                            image=photos[(number + position) % len(photos)],
                            alt_text=NAMES[code][3].format(p=position + 1),
                            sort_order=position,
                            locale=locale,
                            translation_key=image_keys[(number, position)],
                        )
                    )
                    variants.append(
                        ProductVariant(
                            product_id=page_id,
                            name=NAMES[code][2].format(s=16 + position),
                            sku=f"{SKU_PREFIX}{number:05d}-{position + 1}",
                            stock=(number + position) % 6,
                            sort_order=position,
                            locale=locale,
                            translation_key=variant_keys[(number, position)],
                        )
                    )
            ProductImage.objects.bulk_create(images)
            ProductVariant.objects.bulk_create(variants)
            new_ids.extend(ids.values())
    return new_ids


def index(page_ids: list[int]) -> None:
    """Add the products to the search index in chunks."""
    backend = get_search_backend()
    for start in range(0, len(page_ids), CHUNK):
        chunk = ProductPage.objects.filter(pk__in=page_ids[start : start + CHUNK])
        backend.add_bulk(ProductPage, list(chunk))


def add_products(
    count: int, photos: list, *, start: int = 0, languages=("en", "ru", "kk")
) -> list[int]:
    """Products start..start+count-1 under the shop's categories in each language, indexed.

    No page is published through Wagtail, so no publish signal retires the cached pages, cards
    and listing results: a new content generation does."""
    categories = categories_by_locale()
    locales = {code: Locale.objects.get(language_code=code) for code in languages}
    content_type = ContentType.objects.get_for_model(ProductPage)
    page_ids: list[int] = []
    for first in range(start, start + count, CHUNK):
        with transaction.atomic():
            page_ids += add_chunk(
                first, min(start + count, first + CHUNK), categories, locales, photos, content_type
            )
    index(page_ids)
    new_generation()
    return page_ids
