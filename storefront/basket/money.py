"""How prices are written for shoppers: the same in pages and in the WhatsApp message."""

from decimal import ROUND_HALF_UP, Decimal

SYMBOLS = {"KZT": "₸", "RUB": "₽", "USD": "$", "EUR": "€"}


def format_money(amount: Decimal, currency: str) -> str:
    """`12 500 ₸`, `12 500.50 ₸`: thousands grouped with spaces, cents only when there are some."""
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    text = text.replace(",", " ")
    return f"{text} {SYMBOLS.get(currency, currency)}"
