"""What needs attention today, for the Wagtail admin home (see wagtail_hooks.py).

Each summary is a plain function of the viewer, so the panels stay thin and the rules are
testable; each runs a fixed number of queries, however many rows there are.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min, Q
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.translation import TranslationState, page_translation_states

LATEST_INQUIRIES = 5
LISTED_ROWS = 10


def can_view_model(user, app_label: str, model_name: str) -> bool:
    """The rights Wagtail's model listings ask for (any of view, change, delete)."""
    return any(
        user.has_perm(f"{app_label}.{action}_{model_name}")
        for action in ("view", "change", "delete")
    )


def can_edit_pages(user) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, {"change", "publish"})


def editable_pages(user):
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change", "publish"})


# Inquiries -------------------------------------------------------------------------------


@dataclass
class InquirySummary:
    waiting: int
    oldest_waiting_at: datetime | None
    latest: list
    orders_this_week: int | None  # None when the viewer may not see orders

    @property
    def oldest_age(self) -> timedelta | None:
        return timezone.now() - self.oldest_waiting_at if self.oldest_waiting_at else None


def start_of_week(now: datetime | None = None) -> datetime:
    """Monday 00:00 of this week in the shop's time zone."""
    local = timezone.localtime(now or timezone.now())
    monday = local.date() - timedelta(days=local.weekday())
    return timezone.make_aware(datetime.combine(monday, datetime.min.time()), local.tzinfo)


def inquiry_summary(user, now: datetime | None = None) -> InquirySummary:
    """Inquiries waiting for a reply (new ones) and orders recorded this week: three queries."""
    from storefront.checkout.models import Inquiry, InquiryStatus, Order

    waiting = Inquiry.objects.filter(status=InquiryStatus.NEW)
    totals = waiting.aggregate(count=Count("pk"), oldest=Min("created_at"))
    latest = list(
        waiting.order_by("-created_at").only(
            "pk", "reference", "total", "currency", "language", "created_at"
        )[:LATEST_INQUIRIES]
    )
    orders = None
    if can_view_model(user, "checkout", "order"):
        orders = Order.objects.filter(created_at__gte=start_of_week(now)).count()
    return InquirySummary(totals["count"], totals["oldest"], latest, orders)


# Stock -----------------------------------------------------------------------------------


@dataclass
class StockRow:
    product_id: int
    title: str
    sku: str
    variant: str
    stock: int

    @property
    def out(self) -> bool:
        return self.stock == 0


@dataclass
class StockSummary:
    threshold: int
    rows: list[StockRow] = field(default_factory=list)

    @property
    def out_of_stock(self) -> int:
        return sum(1 for row in self.rows if row.out)

    @property
    def low(self) -> int:
        return len(self.rows) - self.out_of_stock


def default_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def low_stock_products(threshold: int, products=None):
    """Products sold from stock (in the default language) that are, or have a variant that is,
    at or below `threshold` pieces; a filter for the product list and the home panel alike.
    """
    from storefront.catalogue.models import Availability, ProductPage

    products = products if products is not None else ProductPage.objects.all()
    return (
        products.filter(availability=Availability.IN_STOCK)
        .filter(Q(variants__isnull=True, stock__lte=threshold) | Q(variants__stock__lte=threshold))
        .distinct()
    )


def stock_summary(user, threshold: int) -> StockSummary:
    """Products and variants out of stock or low (≤ threshold), in the default language.

    Products that are made to order or marked sold out are not counted: their stock does not
    limit what shoppers may order. Two queries.
    """
    from storefront.catalogue.models import Availability, ProductPage, ProductVariant

    products = ProductPage.objects.filter(
        locale__language_code=default_language(), availability=Availability.IN_STOCK
    ).filter(pk__in=editable_pages(user).values("pk"))
    summary = StockSummary(threshold)
    for product in (
        products.filter(variants__isnull=True, stock__lte=threshold)
        .only("pk", "title", "sku", "stock")
        .order_by("stock", "title")
    ):
        summary.rows.append(StockRow(product.pk, product.title, product.sku, "", product.stock))
    for variant in (
        ProductVariant.objects.filter(product__in=products, stock__lte=threshold)
        .select_related("product")
        .only("name", "sku", "stock", "product__title", "product__sku")
        .order_by("stock", "product__title", "sort_order")
    ):
        summary.rows.append(
            StockRow(
                variant.product_id, variant.product.title, variant.sku, variant.name, variant.stock
            )
        )
    summary.rows.sort(key=lambda row: (row.stock, row.title))
    return summary


# Translations ----------------------------------------------------------------------------


@dataclass
class TranslationSummary:
    behind: list  # PageTranslationState rows, oldest sync first
    behind_by_language: dict[str, int]
    missing_by_language: dict[str, int]


def translation_summary(user) -> TranslationSummary:
    """Translations behind their source (and missing ones), per language, for pages the viewer
    may edit."""
    editable = set(editable_pages(user).values_list("pk", flat=True))
    states = page_translation_states()
    behind = [
        state
        for state in states
        if state.state == TranslationState.BEHIND and state.page_id in editable
    ]
    missing = [
        state
        for state in states
        if state.state == TranslationState.MISSING and state.source_page_id in editable
    ]
    behind.sort(key=lambda state: (state.synced_at is not None, state.synced_at))
    return TranslationSummary(
        behind=behind,
        behind_by_language=dict(Counter(state.language_code for state in behind)),
        missing_by_language=dict(Counter(state.language_code for state in missing)),
    )


# Privacy policy --------------------------------------------------------------------------


@dataclass
class PolicySummary:
    page: Page | None
    last_updated: date | None
    pending: list[dict]  # {page, task} for each version waiting in moderation


def policy_summary() -> PolicySummary:
    """The policy's "last updated" date and any of its versions waiting in moderation."""
    from legal.policy.models import PrivacyPolicyPage

    pages = list(PrivacyPolicyPage.objects.select_related("locale").order_by("path"))
    source = next(
        (page for page in pages if page.locale.language_code == default_language()),
        pages[0] if pages else None,
    )
    by_id = {str(page.pk): page for page in pages}
    pending = list(
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=list(by_id),
        )
        .select_related("current_task_state__task")
    )
    rows = [
        {
            "page": by_id[state.object_id],
            "task": state.current_task_state.task if state.current_task_state else None,
        }
        for state in pending
    ]
    return PolicySummary(source, source.last_updated if source else None, rows)
