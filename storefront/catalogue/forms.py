"""Forms of the catalogue: the product editing form (admin) and the shopper's listing filters."""

from decimal import Decimal

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from storefront.catalogue.availability import Availability


class ProductPageForm(WagtailAdminPageForm):
    """Adds the checks that span the product and its variants (the model checks itself)."""

    def clean(self):
        cleaned_data = super().clean()
        variants = self.formsets.get("variants")
        if variants is None:
            return cleaned_data
        product_sku = (cleaned_data.get("sku") or "").strip().casefold()
        seen: set[str] = {product_sku} if product_sku else set()
        for form in variants.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            sku = (form.cleaned_data.get("sku") or "").strip()
            if not sku:
                continue
            if sku.casefold() in seen:
                form.add_error(
                    "sku", _("SKU %(sku)s appears twice in this product.") % {"sku": sku}
                )
                continue
            seen.add(sku.casefold())
            owner = self.instance.sku_owner(sku)  # the product's own rule (models.py)
            if owner is not None:
                form.add_error(
                    "sku",
                    _("SKU %(sku)s is already used by %(owner)s.") % {"sku": sku, "owner": owner},
                )
        return cleaned_data


SORT_CHOICES = [
    ("newest", _("Newest")),
    ("price", _("Price: low to high")),
    ("-price", _("Price: high to low")),
    ("name", _("Name")),
]
SORT_ORDER_BY = {
    "newest": ("-first_published_at", "-pk"),
    "price": ("price", "pk"),
    "-price": ("-price", "pk"),
    "name": ("title", "pk"),
}


class ListingSelect(forms.Select):
    """Django's Select with its options written in one template (templates/catalogue/widgets/
    select.html): Django renders each `<option>` through two templates of its own, most of the
    filter form's time on a listing the page cache does not serve. The markup is Django's."""

    template_name = "catalogue/widgets/select.html"


class ProductFilterForm(forms.Form):
    """The listing's query string; a malformed value drops only that filter, never the page."""

    # The project's templates hold ListingSelect's template; Django's own widgets are found
    # there too (django.forms in INSTALLED_APPS).
    default_renderer = TemplatesSetting

    category = forms.ChoiceField(label=_("Category"), required=False, widget=ListingSelect)
    min_price = forms.DecimalField(
        label=_("Price from"),
        required=False,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
    )
    max_price = forms.DecimalField(
        label=_("Price to"), required=False, min_value=Decimal("0"), max_digits=12, decimal_places=2
    )
    availability = forms.ChoiceField(label=_("Availability"), required=False, widget=ListingSelect)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=SORT_CHOICES, widget=ListingSelect
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["availability"].choices = [("", _("Any"))] + list(Availability.choices)
        if categories:
            self.fields["category"].choices = [("", _("All categories"))] + [
                (category.slug, category.title) for category in categories
            ]
        else:
            del self.fields["category"]

    def valid_values(self) -> dict:
        """The fields that validated; invalid ones are ignored rather than reported."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}
