"""Catalogue pages: the shop index, categories and products with images and variants.

Translation (wagtail-localize): text is translated, money, SKUs, stock, availability and images are
synchronised from the source page, so an editor changes a price once, on the English page, and
"Sync translated pages" (or publishing with sync) carries it to the Russian and Kazakh pages.
Variants and gallery images are translatable inline children (TranslatableMixin) so that variant
names and alt texts are translated while their other fields follow the source.

The pages' own queries live here (what a listing lists, a SKU's owner, the card prefetches); what
their templates show is put together in listing.py and product.py, which import no model.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from rest_framework.fields import DecimalField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page, PageQuerySet, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.memo import remembered
from cms.tree import children_q, descendants_q
from home.routing import ANCESTORS_ATTRIBUTE, RoutedAncestorsMixin
from storefront.catalogue.availability import (
    MAX_ORDER_QUANTITY,
    Availability,
    shown_availability,
)
from storefront.catalogue.forms import ProductPageForm
from storefront.catalogue.images import CARD_FILTERS, PRODUCT_FILTERS, renditions_prefetch
from storefront.catalogue.listing import listing_context
from storefront.catalogue.product import product_context


class VariesBy(models.TextChoices):
    """What a product's variants differ in: the schema.org property search engines are told."""

    SIZE = "size", _("Size")
    COLOR = "color", _("Colour")
    MATERIAL = "material", _("Material")
    PATTERN = "pattern", _("Pattern")


class ListingPageMixin:
    """Shop index and category pages list the products below them (filters, sort, pages)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, self))
        return context

    def get_shop(self) -> Page:
        """The shop index this page lists products of (itself, or a category's parent)."""
        return self

    def listed_products(self) -> PageQuerySet:
        """The live products below this page, directly or in a category."""
        return ProductPage.objects.live().filter(descendants_q(self))

    @staticmethod
    def shop_categories(shop: Page) -> list[CategoryPage]:
        """The live categories directly below `shop` (its filter choices); `shop` may be the
        plain page the router loaded. Remembered per content generation (cms.memo): they change
        only when a page is published, moved or unpublished, and the query was a twentieth of
        a listing's time; each request gets its own copies."""
        categories = remembered(
            ("shop-categories", shop.pk),
            lambda: list(
                CategoryPage.objects.filter(children_q(shop))
                .live()
                .only("title", "slug", "url_path", "path", "depth")
            ),
        )
        return [copy.copy(category) for category in categories]


class ProductIndexPage(RoutedAncestorsMixin, ListingPageMixin, Page):
    """The shop: lists every product below it, directly or in a category."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["catalogue.CategoryPage", "catalogue.ProductPage"]
    max_count_per_parent = 1
    template = "catalogue/product_index_page.html"

    class Meta:
        verbose_name = _("shop index")


class CategoryPage(RoutedAncestorsMixin, ListingPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["catalogue.ProductIndexPage"]
    subpage_types = ["catalogue.ProductPage"]
    template = "catalogue/category_page.html"

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def get_shop(self) -> Page:
        """The shop above: from the ancestors the router loaded (no query), else the parent."""
        for ancestor in reversed(getattr(self, ANCESTORS_ATTRIBUTE, None) or []):
            if ancestor.specific_class is ProductIndexPage:
                return ancestor
        return ProductIndexPage.objects.parent_of(self).first() or self


class ProductPage(RoutedAncestorsMixin, Page):
    sku = models.CharField(_("SKU"), max_length=64, unique=False)
    price = models.DecimalField(
        _("price"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    compare_at_price = models.DecimalField(
        _("compare-at price"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("The former price, shown struck through; leave empty when not on sale."),
    )
    currency = models.CharField(_("currency"), max_length=3, default=settings.DEFAULT_CURRENCY)
    availability = models.CharField(
        _("availability"),
        max_length=20,
        choices=Availability.choices,
        default=Availability.IN_STOCK,
    )
    stock = models.PositiveIntegerField(_("stock quantity"), default=0)
    varies_by = models.CharField(
        _("variants differ in"),
        max_length=20,
        choices=VariesBy.choices,
        default=VariesBy.SIZE,
        help_text=_("What the variant names say: size, colour, material or pattern."),
    )
    short_description = models.CharField(_("short description"), max_length=300, blank=True)
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])),
            ("image", ImageBlock()),
        ],
        blank=True,
        verbose_name=_("description"),
    )

    base_form_class = ProductPageForm
    template = "catalogue/product_page.html"

    content_panels = Page.content_panels + [
        FieldPanel("short_description"),
        FieldPanel("body"),
        FieldPanel("varies_by"),
        InlinePanel("variants", heading=_("Variants"), label=_("Variant")),
    ]
    price_panels = [
        FieldPanel("sku"),
        FieldRowPanel([FieldPanel("price"), FieldPanel("compare_at_price")]),
        FieldPanel("currency"),
        FieldRowPanel([FieldPanel("availability"), FieldPanel("stock")]),
    ]
    image_panels = [InlinePanel("gallery_images", heading=_("Images"), label=_("Image"))]
    seo_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("For search engines"),
        )
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(price_panels, heading=_("Price and stock")),
            ObjectList(image_panels, heading=_("Images")),
            ObjectList(seo_panels, heading=_("SEO")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    promote_panels = seo_panels
    parent_page_types = ["catalogue.ProductIndexPage", "catalogue.CategoryPage"]
    subpage_types: list[str] = []

    search_fields = Page.search_fields + [
        index.SearchField("short_description"),
        index.SearchField("body"),
        index.SearchField("sku"),
        index.FilterField("price"),
        index.FilterField("availability"),
    ]

    # Money, stock and identity follow the source page; editors change them once.
    override_translatable_fields = [
        SynchronizedField("sku", overridable=False),
        SynchronizedField("price", overridable=False),
        SynchronizedField("compare_at_price", overridable=False),
        SynchronizedField("currency", overridable=False),
        SynchronizedField("availability", overridable=False),
        SynchronizedField("stock", overridable=False),
        SynchronizedField("varies_by", overridable=False),
        TranslatableField("gallery_images"),
        TranslatableField("variants"),
    ]

    # The content API (v2 and v3): what a front end needs to show and sell the product.
    api_fields = [
        APIField("sku"),
        APIField("price"),
        APIField("compare_at_price"),
        APIField("currency"),
        APIField("availability"),
        APIField("current_availability"),
        APIField("stock"),
        APIField("short_description"),
        APIField("body"),
        APIField("category"),
        APIField("variants"),
        APIField("gallery_images"),
        APIField("translations"),
    ]

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if (
            self.compare_at_price is not None
            and self.price is not None
            and self.compare_at_price <= self.price
        ):
            errors["compare_at_price"] = _(
                "The compare-at price is the former price: it must be higher than the price."
            )
        if self.sku:
            owner = self.sku_owner(self.sku)
            if owner is not None:
                errors["sku"] = _("SKU %(sku)s is already used by %(owner)s.") % {
                    "sku": self.sku,
                    "owner": owner,
                }
        if errors:
            raise ValidationError(errors)

    def sku_owner(self, sku: str) -> str | None:
        """Who else uses `sku` (a product or a variant), or None when it is free.

        Translations of one product share its SKU, so everything with this product's translation
        key (the product in other languages and their variants) does not count as a duplicate.
        """
        products = ProductPage.objects.filter(sku__iexact=sku)
        variants = ProductVariant.objects.filter(sku__iexact=sku).select_related("product")
        if self.translation_key is not None:
            products = products.exclude(translation_key=self.translation_key)
            variants = variants.exclude(product__translation_key=self.translation_key)
        product = products.only("title").first()
        if product is not None:
            return f"«{product.title}»"
        variant = variants.first()
        if variant is not None:
            return f"«{variant.product.title} – {variant.name}»"
        return None

    def unit_price(self, variant: ProductVariant | None = None) -> Decimal:
        """The price a shopper pays for one piece of this product (or of one of its variants)."""
        return variant.price if variant is not None else self.price

    def available_quantity(self, variant: ProductVariant | None = None) -> int:
        """How many pieces a shopper may order now; 0 when it cannot be ordered.

        Made-to-order products are not limited by stock; the basket caps them at its own maximum.
        """
        if self.availability == Availability.SOLD_OUT:
            return 0
        if self.availability == Availability.MADE_TO_ORDER:
            return MAX_ORDER_QUANTITY
        return min(variant.stock if variant is not None else self.stock, MAX_ORDER_QUANTITY)

    @property
    def current_availability(self) -> str:
        """What shoppers are told: an in-stock product with nothing left is sold out."""
        return shown_availability(self, list(self.variants.all()))

    @property
    def category(self) -> dict | None:
        """The category page the product sits in (None when it sits directly in the shop)."""
        parent = self.get_parent()
        if parent is None or parent.specific_class is not CategoryPage:
            return None
        return {"id": parent.pk, "title": parent.title, "slug": parent.slug}

    @property
    def translations(self) -> list[dict]:
        """The live translations of this product: language, page id and address."""
        pages = self.get_translations(inclusive=False).live().select_related("locale")
        return [
            {"locale": page.locale.language_code, "id": page.pk, "url": page.url}
            for page in pages.order_by("locale__language_code")
        ]

    @property
    def on_sale(self) -> bool:
        return self.compare_at_price is not None and self.compare_at_price > self.price

    @cached_property
    def images(self) -> list[ProductImage]:
        """Gallery images in editor order (uses the prefetch when the view made one)."""
        return list(self.gallery_images.all())

    @property
    def first_image(self) -> ProductImage | None:
        return self.images[0] if self.images else None

    def gallery(self) -> list[ProductImage]:
        """The product page's images with the sizes the page and the APIs show, from the
        database (not every size made of them: cards and descriptions have their own)."""
        return list(
            ProductImage.objects.filter(product=self)
            .order_by("sort_order", "pk")
            .select_related("image")
            .prefetch_related(renditions_prefetch(PRODUCT_FILTERS))
        )

    def get_context(self, request: HttpRequest, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(product_context(request, self))
        return context


class ProductImage(TranslatableMixin, Orderable):
    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(_("alternative text"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text")]
    override_translatable_fields = [SynchronizedField("image", overridable=False)]
    # Renditions at the sizes the site itself uses: cards, product page, share images.
    api_fields = [
        APIField("alt"),
        APIField("thumbnail", serializer=ImageRenditionField("fill-320x320", source="image")),
        APIField("medium", serializer=ImageRenditionField("fill-640x640", source="image")),
        APIField("large", serializer=ImageRenditionField("fill-1200x1200", source="image")),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("product image")
        verbose_name_plural = _("product images")

    @property
    def alt(self) -> str:
        return self.alt_text or self.product.title


class ProductVariant(TranslatableMixin, Orderable):
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
        help_text=_("Leave empty to use the product's price."),
    )
    stock = models.PositiveIntegerField(_("stock quantity"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("sku"),
        FieldPanel("price_override"),
        FieldPanel("stock"),
    ]
    api_fields = [
        APIField("name"),
        APIField("sku"),
        # Money as a decimal string in v2 too, never a float.
        APIField("price", serializer=DecimalField(max_digits=12, decimal_places=2)),
        APIField("stock"),
    ]
    override_translatable_fields = [
        SynchronizedField("sku", overridable=False),
        SynchronizedField("price_override", overridable=False),
        SynchronizedField("stock", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("variant")
        verbose_name_plural = _("variants")

    def __str__(self) -> str:
        return f"{self.product.title} – {self.name}"

    @property
    def price(self) -> Decimal:
        return self.price_override if self.price_override is not None else self.product.price


def listing_prefetches(filters: Iterable[str] = CARD_FILTERS) -> list[Prefetch]:
    """What a product card shows: its first image (`listing_images`, with its renditions at
    `filters`) and its variants' stock.

    Only the first image: a card shows one, and loading every image of 24 products with their
    renditions (a few photos each, nine sizes) was a fifth of an uncached listing's time.
    modelcluster's prefetcher cannot take a sliced queryset, so a subquery picks each first.
    """
    first = (
        ProductImage.objects.filter(product=OuterRef("product"))
        .order_by("sort_order", "pk")
        .values("pk")[:1]
    )
    images = (
        ProductImage.objects.filter(pk=Subquery(first))
        .select_related("image")
        .prefetch_related(renditions_prefetch(filters))
    )
    variants = ProductVariant.objects.order_by("sort_order", "pk").only("product_id", "stock")
    return [
        Prefetch("gallery_images", queryset=images, to_attr="listing_images"),
        Prefetch("variants", queryset=variants, to_attr="listing_variants"),
    ]


def with_listing_data(products: QuerySet, filters: Iterable[str] = CARD_FILTERS) -> QuerySet:
    """Products with their first image (and its renditions at `filters`) and variants."""
    return products.prefetch_related(*listing_prefetches(filters))
