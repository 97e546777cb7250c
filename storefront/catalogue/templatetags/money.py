from decimal import Decimal

from django import template

from storefront.money import format_money

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str = "KZT") -> str:
    """{{ product.price|money:product.currency }} in the page's language."""
    if amount is None:
        return ""
    return format_money(amount, currency)
