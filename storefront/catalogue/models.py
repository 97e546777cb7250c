from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page

# No shopper orders more than this many of one line; protects stock and the WhatsApp message.
MAX_ORDER_QUANTITY = 99


class Availability(models.TextChoices):
    IN_STOCK = "in_stock", _("In stock")
    MADE_TO_ORDER = "made_to_order", _("Made to order")
    SOLD_OUT = "sold_out", _("Sold out")


class ProductIndexPage(Page):
    """The shop: lists every product below it, directly or in a category."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["catalogue.CategoryPage", "catalogue.ProductPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("shop index")


class CategoryPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["catalogue.ProductIndexPage"]
    subpage_types = ["catalogue.ProductPage"]

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class ProductPage(Page):
    sku = models.CharField(_("SKU"), max_length=64, unique=False)
    price = models.DecimalField(
        _("price"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    compare_at_price = models.DecimalField(
        _("compare-at price"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default=settings.DEFAULT_CURRENCY)
    availability = models.CharField(
        _("availability"),
        max_length=20,
        choices=Availability.choices,
        default=Availability.IN_STOCK,
    )
    stock = models.PositiveIntegerField(_("stock quantity"), default=0)
    short_description = models.CharField(_("short description"), max_length=300, blank=True)
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])),
            ("image", ImageBlock()),
        ],
        blank=True,
        verbose_name=_("description"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("short_description"),
        FieldPanel("body"),
        FieldPanel("sku"),
        FieldPanel("price"),
        FieldPanel("compare_at_price"),
        FieldPanel("currency"),
        FieldPanel("availability"),
        FieldPanel("stock"),
        InlinePanel("gallery_images", label=_("Images")),
        InlinePanel("variants", label=_("Variants")),
    ]
    parent_page_types = ["catalogue.ProductIndexPage", "catalogue.CategoryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def unit_price(self, variant: "ProductVariant | None" = None) -> Decimal:
        """The price a shopper pays for one piece of this product (or of one of its variants)."""
        return variant.price if variant is not None else self.price

    def available_quantity(self, variant: "ProductVariant | None" = None) -> int:
        """How many pieces a shopper may order now; 0 when it cannot be ordered.

        Made-to-order products are not limited by stock; the basket caps them at its own maximum.
        """
        if self.availability == Availability.SOLD_OUT:
            return 0
        if self.availability == Availability.MADE_TO_ORDER:
            return MAX_ORDER_QUANTITY
        return min(variant.stock if variant is not None else self.stock, MAX_ORDER_QUANTITY)


class ProductImage(Orderable):
    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(_("alternative text"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text")]


class ProductVariant(Orderable):
    """A size or colour of a product with its own SKU, stock and (optionally) price."""

    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(_("name"), max_length=100)
    sku = models.CharField(_("SKU"), max_length=64)
    price_override = models.DecimalField(
        _("price override"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    stock = models.PositiveIntegerField(_("stock quantity"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("sku"),
        FieldPanel("price_override"),
        FieldPanel("stock"),
    ]

    def __str__(self) -> str:
        return f"{self.product.title} – {self.name}"

    @property
    def price(self) -> Decimal:
        return self.price_override if self.price_override is not None else self.product.price
