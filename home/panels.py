"""The admin home's panels: thin components over the summaries in home/dashboard.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component

from home import dashboard
from home.models import OperatorSettings


class DashboardPanel(Component):
    def __init__(self, request):
        self.request = request


class InquiriesPanel(DashboardPanel):
    name = "shop_inquiries"
    template_name = "home/admin/inquiries_panel.html"
    order = 10

    def get_context_data(self, parent_context=None):
        summary = dashboard.inquiry_summary(self.request.user)
        return {
            "summary": summary,
            "waiting_url": reverse("checkout_inquiry:index") + "?" + urlencode({"status": "new"}),
            "orders_url": reverse("checkout_order:index"),
        }


class StockPanel(DashboardPanel):
    name = "shop_stock"
    template_name = "home/admin/stock_panel.html"
    order = 20

    def get_context_data(self, parent_context=None):
        threshold = OperatorSettings.for_request(self.request).low_stock_threshold
        products_url = reverse("products:index")
        return {
            "summary": dashboard.stock_summary(self.request.user, threshold),
            "list_url": products_url + "?" + urlencode({"stock": "low"}),
            "products_url": products_url,
        }


class TranslationsPanel(DashboardPanel):
    name = "shop_translations"
    template_name = "home/admin/translations_panel.html"
    order = 30

    def get_context_data(self, parent_context=None):
        from django.conf import settings

        summary = dashboard.translation_summary(self.request.user)
        names = dict(settings.LANGUAGES)
        languages = [
            {
                "code": code,
                "name": names.get(code, code),
                "behind": summary.behind_by_language.get(code, 0),
                "missing": summary.missing_by_language.get(code, 0),
                "list_url": reverse("products:index") + "?" + urlencode({"language": code}),
            }
            for code in names
            if code != dashboard.default_language()
        ]
        return {
            "languages": languages,
            "behind": summary.behind[: dashboard.LISTED_ROWS],
            "behind_count": len(summary.behind),
            "names": names,
        }


class PolicyPanel(DashboardPanel):
    name = "privacy_policy"
    template_name = "home/admin/policy_panel.html"
    order = 40

    def get_context_data(self, parent_context=None):
        return {"summary": dashboard.policy_summary()}


def homepage_panels(request) -> list[Component]:
    """The panels this viewer may see (H08: no counts of what they may not open)."""
    user = request.user
    panels: list[Component] = []
    if dashboard.can_view_model(user, "checkout", "inquiry"):
        panels.append(InquiriesPanel(request))
    if dashboard.can_edit_pages(user):
        panels.append(StockPanel(request))
        panels.append(TranslationsPanel(request))
        panels.append(PolicyPanel(request))
    return panels
