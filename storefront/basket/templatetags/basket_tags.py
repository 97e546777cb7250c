from decimal import Decimal

from django import template

from storefront.basket.money import format_money

register = template.Library()


@register.filter
def money(amount: Decimal, currency: str) -> str:
    """{{ line.unit_price|money:line.currency }}"""
    return format_money(amount, currency)


@register.simple_tag
def orderable_quantity(page, variant=None) -> int:
    """{% orderable_quantity page variant as qty %}: what the shopper may order (0: sold out)."""
    return page.available_quantity(variant)
