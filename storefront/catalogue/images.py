"""Product image renditions: made when a product is published, looked up cheaply when shown.

Shoppers never wait for an image to be resized: every size the templates and the APIs ask for
is generated on publish (and by `seed_demo`, which publishes). Listings prefetch only the card
renditions, not every size of every image.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.images import get_image_model
from wagtail.images.models import Filter

# The sizes of a product card's <picture> (webp and jpeg; card_picture below).
CARD_FILTERS = Filter.expand_spec("fill-{240x240,480x480,640x640}|format-{webp,jpeg}")
# templates/catalogue/product_page.html: gallery, thumbnails and the share image; the APIs'
# thumbnail/medium/large (ProductImage.api_fields, storefront API).
PRODUCT_FILTERS = [
    *Filter.expand_spec("fill-{480x480,800x800,1200x1200}|format-{webp,jpeg}"),
    *Filter.expand_spec("fill-{96x96,192x192}|format-{webp,jpeg}"),
    "fill-320x320",
    "fill-640x640",
    "fill-1200x1200",
]
# What a listing shows: the cards, and the storefront API's list (thumbnail, medium, large).
LISTING_FILTERS = [*CARD_FILTERS, "fill-320x320", "fill-640x640", "fill-1200x1200"]
# Images placed in a product's description.
BODY_FILTERS = Filter.expand_spec("fill-{480x360,960x720}|format-{webp,jpeg}")


def generate_renditions(images: Iterable, filters: Iterable[str]) -> int:
    """Make the missing renditions of `images`; returns how many images were handled."""
    specs = list(filters)
    count = 0
    for image in images:
        image.get_renditions(*specs)
        count += 1
    return count


def generate_product_renditions(product) -> int:
    """Every rendition the product's cards, page, share image and APIs show."""
    images = [item.image for item in product.gallery_images.select_related("image")]
    generate_renditions(images, [*CARD_FILTERS, *PRODUCT_FILTERS])
    body_images = [block.value for block in product.body if block.block_type == "image"]
    generate_renditions([image for image in body_images if image is not None], BODY_FILTERS)
    return len(images) + len(body_images)


def card_renditions_prefetch() -> Prefetch:
    """The listing sizes only: a listing loads 7 renditions per image, not every size made."""
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        "image__renditions",
        queryset=rendition_model.objects.filter(filter_spec__in=LISTING_FILTERS),
    )


_parsed_operations: dict[str, list] = {}


def remember_parsed_filters() -> None:
    """Parse each filter spec once per process instead of on every `{% picture %}` call.

    Wagtail builds new Filter objects on every tag call, and parsing a spec (which checks the
    operation's arguments with `inspect`) was a sixth of a listing's render time. Operations
    hold only their parsed arguments, so one parsed list per spec is shared safely.
    """
    original = Filter.__dict__["operations"].func
    if getattr(original, "_remembers", False):
        return

    def operations(self):
        parsed = _parsed_operations.get(self.spec)
        if parsed is None:
            parsed = _parsed_operations[self.spec] = original(self)
        return parsed

    operations._remembers = True  # type: ignore[attr-defined]
    prop = cached_property(operations)
    prop.__set_name__(Filter, "operations")
    Filter.operations = prop


# The card photo's widths and layout sizes (templates/catalogue/includes/product_card.html).
CARD_WIDTHS = (240, 480, 640)
CARD_SIZES = "(min-width: 64em) 16rem, (min-width: 40em) 30vw, 45vw"


def card_picture(image, alt: str, *, lazy: bool) -> SafeString:
    """A card's `<picture>` (WebP and JPEG at 240/480/640 px) from one get_renditions() call.

    The same markup as Wagtail's `{% picture %}` tag, which built a Picture of ResponsiveImages
    and an `<img>` through the rendition's attribute machinery for every card: half the time of
    rendering a card. The renditions come prefetched with the listing (card_renditions_prefetch).
    """
    renditions = image.get_renditions(*CARD_FILTERS)

    def srcset(file_format: str) -> str:
        return ", ".join(
            f"{rendition.url} {rendition.width}w"
            for rendition in (
                renditions[f"fill-{width}x{width}|format-{file_format}"] for width in CARD_WIDTHS
            )
        )

    fallback = renditions[f"fill-{CARD_WIDTHS[0]}x{CARD_WIDTHS[0]}|format-jpeg"]
    return format_html(
        '<picture><source sizes="{sizes}" srcset="{webp}" type="image/webp">'
        '<img alt="{alt}" class="product-card-image" height="{height}"{loading} sizes="{sizes}"'
        ' src="{src}" srcset="{jpeg}" width="{width}"></picture>',
        sizes=CARD_SIZES,
        webp=srcset("webp"),
        alt=alt,
        height=fallback.height,
        loading=mark_safe(' loading="lazy"') if lazy else "",  # noqa: S308 - a constant
        src=fallback.url,
        jpeg=srcset("jpeg"),
        width=fallback.width,
    )
