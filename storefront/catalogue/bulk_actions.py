"""A bulk action of the page listings: set stock and availability of many products at once."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction

from storefront.catalogue.models import Availability, ProductPage
from storefront.catalogue.sync import set_stock


class SetStockForm(forms.Form):
    stock = forms.IntegerField(
        label=_("Stock quantity"),
        min_value=0,
        required=False,
        help_text=_("For the product and each of its variants; leave empty to keep."),
    )
    availability = forms.ChoiceField(
        label=_("Availability"),
        choices=[("", _("Keep as it is")), *Availability.choices],
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("stock") is None and not data.get("availability"):
            raise forms.ValidationError(_("Give a stock quantity, an availability or both."))
        return data


class SetStockBulkAction(PageBulkAction):
    """Stock and availability from the products list; published, so every language follows."""

    display_name = _("Set stock")
    action_type = "set_stock"
    aria_label = _("Set stock and availability of the selected products")
    template_name = "catalogue/admin/confirm_bulk_set_stock.html"
    action_priority = 30
    form_class = SetStockForm

    def check_perm(self, page):
        # Only products, and only where this user may publish (the change goes live at once).
        return (
            page.specific_class is ProductPage
            and page.permissions_for_user(self.request.user).can_publish()
        )

    def get_execution_context(self):
        data = self.cleaned_form.cleaned_data
        return {
            **super().get_execution_context(),
            "stock": data.get("stock"),
            "availability": data.get("availability") or None,
        }

    @classmethod
    def execute_action(cls, objects, user=None, stock=None, availability=None, **kwargs):
        products = [page.specific for page in objects]
        changed = set_stock(products, stock=stock, availability=availability, user=user)
        return len(changed), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Stock of %(count)d product updated in every language.",
            "Stock of %(count)d products updated in every language.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
