"""Product image renditions: made when a product is published, looked up cheaply when shown.

Shoppers never wait for an image to be resized: every size the templates and the APIs ask for
is generated on publish (and by `seed_demo`, which publishes). Listings prefetch only the card
renditions, not every size of every image.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.forms.utils import flatatt
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.images import get_image_model
from wagtail.images.models import Filter


@dataclass(frozen=True)
class PictureSizes:
    """The renditions of one `<picture>`: fills at each width, in WebP and JPEG, and the layout
    width the browser chooses by."""

    fills: tuple[str, ...]
    sizes: str

    @property
    def filters(self) -> list[str]:
        return [f"{fill}|format-{kind}" for kind in FORMATS for fill in self.fills]


FORMATS = ("webp", "jpeg")
# templates/catalogue/includes/product_card.html
CARD = PictureSizes(
    ("fill-240x240", "fill-480x480", "fill-640x640"),
    "(min-width: 64em) 16rem, (min-width: 40em) 30vw, 45vw",
)
# templates/catalogue/product_page.html: the gallery, its thumbnails, images in the description.
GALLERY = PictureSizes(
    ("fill-480x480", "fill-800x800", "fill-1200x1200"),
    "(min-width: 72em) 35rem, (min-width: 48em) 50vw, 100vw",
)
THUMBNAIL = PictureSizes(("fill-96x96", "fill-192x192"), "4rem")
BODY = PictureSizes(("fill-480x360", "fill-960x720"), "(min-width: 64em) 40rem, 100vw")
PICTURES = {"card": CARD, "gallery": GALLERY, "thumbnail": THUMBNAIL, "body": BODY}

CARD_FILTERS = CARD.filters
# The product page (gallery, thumbnails, the share image) and the APIs' thumbnail, medium and
# large (ProductImage.api_fields, storefront API).
PRODUCT_FILTERS = [
    *GALLERY.filters,
    *THUMBNAIL.filters,
    "fill-320x320",
    "fill-640x640",
    "fill-1200x1200",
]
# Images placed in a product's description.
BODY_FILTERS = BODY.filters


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


def renditions_prefetch(filters: Iterable[str]) -> Prefetch:
    """Only the renditions at `filters` of each image (`image__renditions`).

    Into `prefetched_renditions`, which Wagtail's get_renditions() reads as a plain list: the
    prefetch cache of `image.renditions` cost a queryset clone per image when filled and
    another on every get_renditions() call.
    """
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        "image__renditions",
        queryset=rendition_model.objects.filter(filter_spec__in=list(filters)),
        to_attr="prefetched_renditions",
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


def picture(image, kind: PictureSizes, *, alt: str, **attributes: str) -> SafeString:
    """A `<picture>` (WebP and JPEG at each width) from one get_renditions() call.

    The same markup as Wagtail's `{% picture %}` tag, which built a Picture of ResponsiveImages
    and each `<img>` through the rendition's attribute machinery: half the time of rendering a
    product card, and a quarter of a product page's template time. The renditions come
    prefetched (listing_prefetches, ProductPage.gallery); `flatatt` writes the attributes
    in alphabetical order, as Wagtail does.
    """
    renditions = image.get_renditions(*kind.filters)

    def srcset(file_format: str) -> str:
        return ", ".join(
            f"{rendition.url} {rendition.width}w"
            for rendition in (renditions[f"{fill}|format-{file_format}"] for fill in kind.fills)
        )

    fallback = renditions[f"{kind.fills[0]}|format-jpeg"]
    img = {
        **attributes,
        "alt": alt,
        "height": str(fallback.height),
        "sizes": kind.sizes,
        "src": fallback.url,
        "srcset": srcset("jpeg"),
        "width": str(fallback.width),
    }
    return format_html(
        '<picture><source sizes="{}" srcset="{}" type="image/webp"><img{}></picture>',
        kind.sizes,
        srcset("webp"),
        flatatt(img),
    )


def card_picture(image, alt: str, *, lazy: bool) -> SafeString:
    """A product card's photo; the first row's photos are not lazy-loaded."""
    extra = {"loading": "lazy"} if lazy else {}
    return picture(image, CARD, alt=alt, **{"class": "product-card-image"}, **extra)
