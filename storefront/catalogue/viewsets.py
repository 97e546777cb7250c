"""Admin screens for the catalogue: a flat products listing with price, stock and status."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from storefront.catalogue.models import ProductPage
from storefront.money import format_money


class ProductFilterSet(PageListingViewSet.filterset_class):
    class Meta:
        model = ProductPage
        fields = ["availability", "live"]  # the language filter is built in (?locale=ru)


class ProductIndexView(PageListingViewSet.index_view_class):
    list_export = ["pk", "title", "sku", "price", "currency", "availability", "stock", "live"]


class ProductListingViewSet(PageListingViewSet):
    """All products of every category and language in one searchable, filterable table."""

    model = ProductPage
    icon = "tag"
    menu_label = _("Products")
    menu_order = 150
    add_to_admin_menu = True
    columns = PageListingViewSet.columns + [
        Column("sku", label=_("SKU"), sort_key="sku"),
        Column(
            "price",
            label=_("Price"),
            accessor=lambda product: format_money(product.price, product.currency),
            sort_key="price",
        ),
        Column("stock", label=_("Stock"), sort_key="stock"),
        Column(
            "availability",
            label=_("Availability"),
            accessor="get_availability_display",
            sort_key="availability",
        ),
    ]
    index_view_class = ProductIndexView
    filterset_class = ProductFilterSet


product_listing_viewset = ProductListingViewSet("products")
