"""Admin screens for the catalogue: the products listing with price, stock, status and the state
of each translation; one row per product in the default language unless another is chosen.
"""

import django_filters
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale

from home.dashboard import default_language, low_stock_products
from home.models import OperatorSettings
from home.translation import TranslationState, page_translation_states
from storefront.catalogue.models import ProductPage
from storefront.money import format_money

ALL_LANGUAGES = "all"
STATE_LABELS = {
    TranslationState.UP_TO_DATE: _("up to date"),
    TranslationState.BEHIND: _("behind"),
    TranslationState.MISSING: _("missing"),
}


class ProductFilterSet(PageListingViewSet.filterset_class):
    # `language` rather than Wagtail's `locale` (which only filters, and reads "all" as a locale).
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=[*settings.LANGUAGES, (ALL_LANGUAGES, _("All languages"))],
        method="filter_locale",
        empty_label=None,
        widget=forms.RadioSelect,
    )
    stock = django_filters.ChoiceFilter(
        label=_("Stock"),
        choices=[("low", _("Out of stock or low"))],
        method="filter_stock",
        empty_label=_("Any"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ProductPage
        fields = ["availability", "live"]

    def _add_locale_filter(self):
        pass  # the `language` filter above takes its place

    def filter_locale(self, queryset, name, value):
        if not value or value == ALL_LANGUAGES:
            return queryset
        # By id, as Wagtail's own locale filter does: the search backend filters on `locale`.
        locale = Locale.objects.filter(language_code=value).first()
        return queryset.filter(locale_id=locale.pk) if locale else queryset.none()

    def filter_stock(self, queryset, name, value):
        if value != "low":
            return queryset
        threshold = OperatorSettings.for_request(self.request).low_stock_threshold
        return queryset.filter(pk__in=low_stock_products(threshold).values("pk"))


class TranslationStateColumn(Column):
    cell_template_name = "catalogue/admin/translation_state_cell.html"

    def get_value(self, instance):
        return getattr(instance, "translation_states", [])


class ProductIndexView(PageListingViewSet.index_view_class):
    list_export = ["pk", "title", "sku", "price", "currency", "availability", "stock", "live"]

    def get_filterset_kwargs(self):
        # One row per product: the default language unless the editor picks another (or all).
        kwargs = super().get_filterset_kwargs()
        data = kwargs["data"].copy()
        if not data.get("language"):
            # Wagtail's own `?locale=ru` links keep working.
            data["language"] = data.get("locale") or default_language()
        kwargs["data"] = data
        return kwargs

    def get_table(self, object_list):
        rows = list(object_list)
        annotate_translation_states(rows)
        return super().get_table(rows)


def annotate_translation_states(products: list) -> None:
    """Give each listed product its translations' states, in four queries for the whole page."""
    states = page_translation_states({product.translation_key for product in products})
    by_key: dict = {}
    for state in states:
        by_key.setdefault(state.translation_key, []).append(state)
    for product in products:
        product.translation_states = [
            {
                "code": state.language_code,
                "state": state.state,
                "label": STATE_LABELS[state.state],
                "url": reverse("wagtailadmin_pages:edit", args=[state.page_id])
                if state.page_id
                else "",
            }
            for state in by_key.get(product.translation_key, [])
        ]


class ProductListingViewSet(PageListingViewSet):
    """All products in one searchable, filterable table (one language at a time)."""

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
        TranslationStateColumn("translations", label=_("Translations")),
    ]
    index_view_class = ProductIndexView
    filterset_class = ProductFilterSet


product_listing_viewset = ProductListingViewSet("products")
