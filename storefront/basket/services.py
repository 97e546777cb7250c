"""The session basket: a small service object used by the HTML views, the checkout and the API.

Lines are stored by keys that do not depend on the language (the product's `translation_key` and
the variant's SKU, because wagtail-localize copies variants into each translation with new ids),
and are resolved to the product in the shopper's current language on every read. Every read also
re-checks the line against the catalogue: unpublished or deleted products and sold-out variants
leave the basket, quantities are capped at what can be ordered.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import gettext as _
from wagtail.models import Locale

from storefront.catalogue.models import MAX_ORDER_QUANTITY, ProductPage, ProductVariant

SESSION_KEY = "basket"
# A basket with more distinct lines than this is not a shopper's basket; it protects the session.
MAX_LINES = 50


@dataclass(frozen=True)
class BasketLine:
    """One resolved line: the product in the current language, its variant and the prices."""

    key: str
    product: ProductPage
    variant: ProductVariant | None
    quantity: int
    available: int

    @property
    def name(self) -> str:
        return self.product.title

    @property
    def variant_name(self) -> str:
        return self.variant.name if self.variant is not None else ""

    @property
    def sku(self) -> str:
        return self.variant.sku if self.variant is not None else self.product.sku

    @property
    def unit_price(self) -> Decimal:
        return self.product.unit_price(self.variant)

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def currency(self) -> str:
        return self.product.currency


def line_key(product: ProductPage, variant: ProductVariant | None = None) -> str:
    """The language-independent key of a product (and variant) in the basket."""
    return f"{product.translation_key}:{variant.sku if variant is not None else ''}"


class Basket:
    """The basket held in one session. Cheap to build; reads hit the database once per call."""

    def __init__(self, session: SessionBase) -> None:
        self.session = session
        self.notices: list[str] = []

    # Stored state -------------------------------------------------------------------------------
    def _stored(self) -> dict[str, int]:
        data = self.session.get(SESSION_KEY)
        if not isinstance(data, dict):
            return {}
        return {
            str(key): int(qty)
            for key, qty in data.items()
            if isinstance(qty, int) and qty > 0 and ":" in str(key)
        }

    def _store(self, lines: dict[str, int]) -> None:
        if lines:
            self.session[SESSION_KEY] = lines
        elif SESSION_KEY in self.session:
            del self.session[SESSION_KEY]

    @property
    def count(self) -> int:
        """Number of pieces, from the session alone (no database): for the header on every page."""
        return sum(self._stored().values())

    def is_empty(self) -> bool:
        return not self._stored()

    def has_line(self, key: str) -> bool:
        return key in self._stored()

    # Actions --------------------------------------------------------------------------------------
    def add(self, product: ProductPage, variant: ProductVariant | None, quantity: int) -> int:
        """Add pieces of a product; returns how many of it are now in the basket (0: none).

        A product with variants needs one of them; the quantity is capped at what can be ordered.
        """
        if quantity < 1:
            return 0
        if variant is None and product.variants.exists():
            self.notices.append(_("Please choose a variant of %(name)s.") % {"name": product.title})
            return 0
        available = product.available_quantity(variant) if product.live else 0
        if available <= 0:
            self.notices.append(_("%(name)s is sold out.") % {"name": product.title})
            return 0
        lines = self._stored()
        key = line_key(product, variant)
        if key not in lines and len(lines) >= MAX_LINES:
            self.notices.append(_("Your basket is full."))
            return 0
        wanted = lines.get(key, 0) + quantity
        lines[key] = min(wanted, available, MAX_ORDER_QUANTITY)
        if lines[key] < wanted:
            self.notices.append(
                _("Only %(count)d of %(name)s can be ordered.")
                % {"count": lines[key], "name": product.title}
            )
        self._store(lines)
        return lines[key]

    def set_quantity(self, key: str, quantity: int) -> None:
        """Change a line's quantity; zero or less removes it. Capping happens on the next read."""
        lines = self._stored()
        if key not in lines:
            return
        if quantity <= 0:
            del lines[key]
        else:
            lines[key] = min(quantity, MAX_ORDER_QUANTITY)
        self._store(lines)

    def remove(self, key: str) -> None:
        self.set_quantity(key, 0)

    def clear(self) -> None:
        self._store({})

    # Reads ----------------------------------------------------------------------------------------
    def lines(self) -> list[BasketLine]:
        """The lines in the current language, after dropping and capping what cannot be ordered.

        Two queries whatever the number of lines: products (all languages) and their variants.
        """
        stored = self._stored()
        if not stored:
            return []
        keys = {key.split(":", 1)[0] for key in stored}
        products, withdrawn = _products_by_key(keys)
        resolved: list[BasketLine] = []
        changed = dict(stored)
        for key, quantity in stored.items():
            translation_key, sku = key.split(":", 1)
            product = products.get(translation_key)
            if translation_key in withdrawn:
                self.notices.append(
                    _("%(name)s is no longer available and has left your basket.")
                    % {"name": withdrawn[translation_key].title}
                )
                del changed[key]
                continue
            if product is None:
                self.notices.append(_("A product in your basket is no longer available."))
                del changed[key]
                continue
            variant = None
            if sku:
                variant = next((v for v in product.variants.all() if v.sku == sku), None)
                if variant is None:
                    self.notices.append(
                        _("A variant of %(name)s is no longer available.") % {"name": product.title}
                    )
                    del changed[key]
                    continue
            elif any(True for _v in product.variants.all()):
                # The product gained variants since it was added: the shopper must choose one.
                self.notices.append(
                    _("Please choose a variant of %(name)s.") % {"name": product.title}
                )
                del changed[key]
                continue
            available = product.available_quantity(variant)
            label = f"{product.title} ({variant.name})" if variant is not None else product.title
            if available <= 0:
                self.notices.append(
                    _("%(name)s is sold out and has left your basket.") % {"name": label}
                )
                del changed[key]
                continue
            if quantity > available:
                self.notices.append(
                    _("Only %(count)d of %(name)s can be ordered; the quantity was changed.")
                    % {"count": available, "name": label}
                )
                quantity = available
                changed[key] = quantity
            resolved.append(BasketLine(key, product, variant, quantity, available))
        if changed != stored:
            self._store(changed)
        return resolved

    @staticmethod
    def total(lines: list[BasketLine]) -> Decimal:
        return sum((line.line_total for line in lines), Decimal("0"))

    @staticmethod
    def currency(lines: list[BasketLine]) -> str:
        return lines[0].currency if lines else settings.DEFAULT_CURRENCY

    def pop_notices(self) -> list[str]:
        notices, self.notices = self.notices, []
        return notices


def _products_by_key(keys: set[str]) -> tuple[dict[str, ProductPage], dict[str, ProductPage]]:
    """Live products by translation key, each in the current language when it exists; and the
    products whose page in the current language exists but is unpublished.

    Another language's copy must not stand in for a product the shopper's language withdrew;
    products never translated into the current language fall back to the default language.
    """
    current = Locale.get_active()
    default_id = Locale.get_default().pk
    candidates = ProductPage.objects.filter(translation_key__in=keys).prefetch_related("variants")
    chosen: dict[str, ProductPage] = {}
    withdrawn: dict[str, ProductPage] = {}

    def rank(page: ProductPage) -> int:
        if page.locale_id == current.pk:
            return 0
        return 1 if page.locale_id == default_id else 2

    for page in candidates:
        key = str(page.translation_key)
        if not page.live:
            if page.locale_id == current.pk:
                withdrawn[key] = page
            continue
        if key not in chosen or rank(page) < rank(chosen[key]):
            chosen[key] = page
    for key in withdrawn:
        chosen.pop(key, None)
    return chosen, withdrawn
