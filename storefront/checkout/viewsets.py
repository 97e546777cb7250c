"""Staff screens for inquiries and orders (registered in wagtail_hooks.py)."""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button, MenuItem

from storefront.basket.forms import MAX_DB_ID
from storefront.checkout.models import PERSONAL_FIELDS, Inquiry, Order
from storefront.checkout.services import record_order
from storefront.money import format_money

# Spreadsheet apps run cells that start with these as formulas (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    text = str(value) if value is not None else ""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


# One heading per column: the products and their count are both "items" in the models.
EXPORT_HEADINGS = {"items_summary": _("Products"), "item_count": _("Number of items")}

# Staff actions on one inquiry: (url name, label, model method, check, confirmation)
ACTIONS = {
    "mark_contacted": (
        _("Mark as contacted"),
        "mark_contacted",
        "can_mark_contacted",
        _("Mark this inquiry as contacted?"),
    ),
    "close": (_("Close"), "close", "can_close", _("Close this inquiry?")),
    "reopen": (_("Reopen"), "reopen", "can_reopen", _("Reopen this inquiry?")),
    "record_order": (
        _("Record order"),
        None,
        None,
        _(
            "Record an order from this inquiry? Do this when the purchase has happened: the order "
            "keeps a copy of the inquiry for 7 years (tax law)."
        ),
    ),
}


def _action_buttons(inquiry, user, cls):
    buttons = []
    for priority, (name, (label, _method, check, _question)) in enumerate(ACTIONS.items()):
        if name == "record_order":
            if inquiry.has_order or not user.has_perm("checkout.add_order"):
                continue
        elif not getattr(inquiry, check)() or not user.has_perm("checkout.change_inquiry"):
            continue
        url = reverse(f"checkout_inquiry:{name}", args=[quote(inquiry.pk)])
        buttons.append(cls(label, url=url, icon_name="tick", priority=40 + priority))
    return buttons


class MoneyColumn(Column):
    """The total as shoppers see it (`16 500 ₸`), still sorted by the number."""

    def __init__(self, name="total", **kwargs):
        kwargs.setdefault("label", _("Total"))
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return format_money(instance.total, instance.currency)


class SafeExportMixin:
    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format))


class InquiryIndexView(SafeExportMixin, IndexView):
    def get_add_url(self):
        return None  # inquiries come from the shop's checkout only

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The reference opens the inquiry itself; the status form stays under "More".
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url, **kwargs
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        return buttons + _action_buttons(instance, self.request.user, MenuItem)


class InquiryInspectView(InspectView):
    def get_lines_display_value(self):
        return self.object.items_summary

    def get_total_display_value(self):
        return format_money(self.object.total, self.object.currency)

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        return buttons + _action_buttons(self.object, self.request.user, Button)


class InquiryActionView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks for confirmation, POST performs a status change or records the order (H11)."""

    template_name = "checkout/admin/confirm_action.html"
    action = ""

    def dispatch(self, request, *args, **kwargs):
        pk = unquote(str(kwargs["pk"]))
        if not pk.isascii() or not pk.isdigit() or not 0 < int(pk) <= MAX_DB_ID:
            raise Http404  # "None" or an overflowing id names no inquiry
        self.inquiry = get_object_or_404(Inquiry, pk=int(pk))
        permission = (
            "checkout.add_order" if self.action == "record_order" else "checkout.change_inquiry"
        )
        if not request.user.has_perm(permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return ACTIONS[self.action][0]

    def get_page_subtitle(self):
        return str(self.inquiry)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = ACTIONS[self.action][3]
        context["inquiry"] = self.inquiry
        context["back_url"] = self._back_url()
        return context

    def _back_url(self):
        return reverse("checkout_inquiry:inspect", args=[quote(self.inquiry.pk)])

    def post(self, request, *args, **kwargs):
        label, method, check, _question = ACTIONS[self.action]
        if self.action == "record_order":
            order = record_order(self.inquiry)
            messages.success(
                request,
                _("Order %(reference)s recorded.") % {"reference": order.reference},
            )
            return redirect(reverse("checkout_order:inspect", args=[quote(order.pk)]))
        if not getattr(self.inquiry, check)():
            messages.error(request, _("This inquiry cannot change that way now."))
        else:
            getattr(self.inquiry, method)()
            messages.success(
                request, _("Inquiry %(reference)s updated.") % {"reference": self.inquiry.reference}
            )
        return redirect(self._back_url())


class InquiryViewSet(ModelViewSet):
    model = Inquiry
    icon = "mail"
    menu_order = 100
    url_prefix = "checkout/inquiries"
    url_namespace = "checkout_inquiry"
    index_view_class = InquiryIndexView
    inspect_view_class = InquiryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]
    list_display = [
        "reference",
        Column("full_name", label=_("Name")),
        "phone",
        "status",
        MoneyColumn(),
        DateColumn("created_at", label=_("Submitted")),
    ]
    list_filter = ["status", "language"]
    search_fields = ["reference", "first_name", "last_name", "phone", "email"]
    search_backend_name = None  # plain database lookups: exact enough for references and phones
    list_export = [
        "reference",
        "status",
        "created_at",
        "language",
        *PERSONAL_FIELDS,
        "items_summary",
        "item_count",
        "total",
        "currency",
    ]
    export_headings = EXPORT_HEADINGS
    export_filename = "inquiries"
    inspect_view_fields = [
        "reference",
        "status",
        "created_at",
        "status_changed_at",
        "language",
        "lines",
        "item_count",
        "total",
        *PERSONAL_FIELDS,
        "user",
    ]

    def get_urlpatterns(self):
        urls = [url for url in super().get_urlpatterns() if url.name not in {"add"}]
        for action in ACTIONS:
            urls.append(
                path(
                    f"{action.replace('_', '-')}/<str:pk>/",
                    InquiryActionView.as_view(action=action),
                    name=action,
                )
            )
        return urls


class ReadOnlyMixin:
    """Orders are recorded from inquiries and kept unchanged."""

    def get_add_url(self, *args):
        return None

    def get_edit_url(self, *args):
        return None

    def get_delete_url(self, *args):
        return None


class OrderIndexView(ReadOnlyMixin, SafeExportMixin, IndexView):
    pass


class OrderInspectView(ReadOnlyMixin, InspectView):
    def get_lines_display_value(self):
        return self.object.items_summary

    def get_total_display_value(self):
        return format_money(self.object.total, self.object.currency)


class OrderViewSet(ModelViewSet):
    model = Order
    icon = "doc-full"
    menu_order = 200
    url_prefix = "checkout/orders"
    url_namespace = "checkout_order"
    index_view_class = OrderIndexView
    inspect_view_class = OrderInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["instructions"]  # required by ModelViewSet; there is no edit screen
    list_display = [
        "reference",
        Column("full_name", label=_("Name")),
        MoneyColumn(),
        DateColumn("created_at", label=_("Recorded")),
    ]
    list_filter = ["currency"]
    search_fields = ["reference", "first_name", "last_name", "phone", "email"]
    search_backend_name = None
    list_export = [
        "reference",
        "created_at",
        "inquiry_created_at",
        "first_name",
        "last_name",
        "email",
        "phone",
        "street",
        "city",
        "region",
        "postal_code",
        "country",
        "items_summary",
        "item_count",
        "total",
        "currency",
    ]
    export_headings = EXPORT_HEADINGS
    export_filename = "orders"

    def get_urlpatterns(self):
        # Orders are kept as recorded (P21): no add, edit or delete screens; the purge removes them.
        hidden = {"add", "edit", "delete"}
        return [url for url in super().get_urlpatterns() if url.name not in hidden]


class CheckoutViewSetGroup(ModelViewSetGroup):
    menu_label = _("Shop orders")
    menu_icon = "mail"
    menu_order = 250
    items = (InquiryViewSet, OrderViewSet)
