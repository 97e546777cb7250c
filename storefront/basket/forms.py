from django import forms
from django.utils.translation import gettext_lazy as _

from storefront.catalogue.models import MAX_ORDER_QUANTITY

# The largest id the database's integer column holds: a larger one names no product, and
# looking it up would overflow the query parameter.
MAX_DB_ID = 2**31 - 1


class AddToBasketForm(forms.Form):
    product = forms.IntegerField(min_value=1, max_value=MAX_DB_ID, widget=forms.HiddenInput)
    variant = forms.CharField(max_length=64, required=False, label=_("Variant"))
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, max_value=MAX_ORDER_QUANTITY, initial=1
    )


class UpdateLineForm(forms.Form):
    line = forms.CharField(max_length=120, widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0, max_value=MAX_ORDER_QUANTITY)


class RemoveLineForm(forms.Form):
    line = forms.CharField(max_length=120, widget=forms.HiddenInput)
