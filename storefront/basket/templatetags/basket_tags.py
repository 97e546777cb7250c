from django import template

register = template.Library()


@register.simple_tag
def orderable_quantity(page, variant=None) -> int:
    """{% orderable_quantity page variant as qty %}: what the shopper may order (0: sold out)."""
    return page.available_quantity(variant)
