"""Bench data: N products with variants, photos and Russian and Kazakh translations, quickly.

    python bench/generate.py 1000        # after `migrate` and `seed_demo` (bench/run.py does both)

Wagtail pages are multi-table rows in a materialised-path tree, so `bulk_create` cannot make them
directly: the generator computes each page's tree path and URL path itself, bulk-inserts the
`wagtailcore_page` rows, then the product rows, images and variants, in every language. The
pages are what wagtail-localize would publish (same translation key, translated titles) without
its translation records, which only the admin reads. A small pool of photos is shared by every
product, so the renditions (made here, as on publish) take seconds, not hours. Products are
indexed for search in bulk.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()


from storefront.catalogue.bulk import add_products, existing_count  # noqa: E402
from storefront.catalogue.demo import draw_photo, make_image  # noqa: E402
from storefront.catalogue.images import (  # noqa: E402
    BODY_FILTERS,
    CARD_FILTERS,
    PRODUCT_FILTERS,
    generate_renditions,
)

PHOTO_POOL = 12
SHAPES = ("ring", "earrings", "necklace", "bracelet")


def photo_pool() -> list:
    images = []
    for number in range(PHOTO_POOL):
        content = draw_photo(
            SHAPES[number % len(SHAPES)],
            (240 - number * 5, 232, 220),
            (120, 90 + number * 8, 60),
            seed=1000 + number,
            size=800,
        )
        images.append(make_image(f"Bench photo {number}", f"bench-photo-{number}", content))
    return images


def main() -> None:
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("BENCH_PRODUCTS", 1000))
    started = time.monotonic()
    have = existing_count()
    if have >= wanted:
        print(f"{have} bench products already there.")
        return
    photos = photo_pool()
    generate_renditions(photos, [*CARD_FILTERS, *PRODUCT_FILTERS, *BODY_FILTERS])
    page_ids = add_products(wanted - have, photos, start=have)
    print(
        f"Generated {wanted - have} products ({len(page_ids)} pages in 3 languages) "
        f"in {time.monotonic() - started:.1f} s."
    )


if __name__ == "__main__":
    main()
