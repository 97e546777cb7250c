from django import template
from django.utils.safestring import mark_safe

from storefront.catalogue.cards import product_cards as cards
from storefront.catalogue.images import PICTURES
from storefront.catalogue.images import card_picture as picture
from storefront.catalogue.images import picture as sized
from storefront.catalogue.structured_data import json_ld_script

register = template.Library()


@register.simple_tag
def json_ld(data) -> str:
    """A schema.org JSON-LD data block (not executable, so allowed under the CSP)."""
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def product_cards(context, products) -> str:
    """The product cards of a listing, search or the home page (cached per generation)."""
    return mark_safe("".join(cards(context.get("request"), products)))  # noqa: S308 - rendered HTML


@register.simple_tag
def card_picture(image, alt: str, lazy: bool = False) -> str:
    """A product card's photo (storefront.catalogue.images.card_picture)."""
    return picture(image, alt, lazy=lazy)


@register.simple_tag
def product_picture(image, kind: str, alt: str = "", **attributes) -> str:
    """A product photo at the sizes of `kind` (gallery, thumbnail, body; storefront.catalogue.
    images.PICTURES), e.g. `{% product_picture item.image "gallery" alt=... loading="lazy" %}`."""
    return sized(image, PICTURES[kind], alt=alt, **attributes)


@register.simple_tag
def page_numbers(page) -> list[int | None]:
    """The page links of a listing: the first and last pages and two on each side of the
    current one, with None for each gap. Every page used to have a link: 417 of them with
    10,000 products, about a quarter of that listing's template time."""
    return [
        number if isinstance(number, int) else None
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
