"""The admin home shows the shop's day: inquiries, stock, translations, the policy (issue: the
editors' side). Each panel links to the list it summarises and shows only what the viewer may
open (H08)."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, Site

from home.models import OperatorSettings
from storefront.catalogue.models import Availability
from storefront.checkout.models import InquiryStatus
from tests.factories.accounts import UserFactory
from tests.factories.catalogue import ProductPageFactory, ProductVariantFactory
from tests.factories.checkout import InquiryFactory, OrderFactory, build_shop
from tests.factories.home import ContentPageFactory
from tests.factories.policy import build_policy

pytestmark = pytest.mark.django_db


def panel(html: str, panel_id: str) -> str:
    """The text of one dashboard panel ('' when it is not on the page)."""
    start = html.find(f'id="{panel_id}-section"')
    if start == -1:
        return ""
    end = html.find("</section>", start)
    return html[start:end]


def text(fragment: str) -> str:
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()
    return re.sub(r" ([:;,.])", r"\1", words)


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def staff_client(client, *codenames, page_permissions=(), root=None):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    if page_permissions:
        group = Group.objects.create(name=f"Editors of {root.pk} {user.pk}")
        for codename in page_permissions:
            GroupPagePermission.objects.create(
                group=group, page=root, permission=Permission.objects.get(codename=codename)
            )
        user.groups.add(group)
    client.force_login(user)
    return client


def test_inquiries_panel_counts_waiting_lists_latest_five_and_orders_this_week(
    superuser_client, site_pages
):
    now = timezone.now()
    waiting = [
        InquiryFactory(created_at=now - timedelta(days=3, hours=age), language=language)
        for age, language in zip(range(7, 0, -1), ["en", "ru", "kk"] * 3, strict=False)
    ]
    InquiryFactory(status=InquiryStatus.CONTACTED, created_at=now - timedelta(days=10))
    OrderFactory(created_at=now)
    OrderFactory(created_at=now - timedelta(days=40))

    html = superuser_client.get("/admin/").content.decode()
    inquiries = panel(html, "shop-inquiries")

    assert "7 inquiries wait for a reply" in text(inquiries)
    assert "the oldest came 3" in text(inquiries)  # 3 days, 7 hours
    newest_first = sorted(waiting, key=lambda inquiry: inquiry.created_at, reverse=True)
    for inquiry in newest_first[:5]:
        assert inquiry.reference in inquiries
    for inquiry in newest_first[5:]:
        assert inquiry.reference not in inquiries
    assert "₸25,000" in text(inquiries).replace("\u00a0", " ")
    assert "Kazakh" in text(inquiries) and "Russian" in text(inquiries)
    assert 'href="/admin/checkout/inquiries/?status=new"' in inquiries
    assert "1 order recorded this week" in text(inquiries)


def test_inquiry_link_opens_the_list_of_waiting_inquiries_only(superuser_client, site_pages):
    new = InquiryFactory()
    contacted = InquiryFactory(status=InquiryStatus.CONTACTED)

    listing = superuser_client.get("/admin/checkout/inquiries/?status=new").content.decode()

    assert new.reference in listing
    assert contacted.reference not in listing


def test_stock_panel_lists_out_of_stock_and_low_products_with_their_variant(
    superuser_client, site_pages
):
    shop = build_shop(site_pages)
    shop["box"].stock = 0
    shop["box"].save_revision().publish()
    shop["ring_variant"].stock = 2
    shop["ring_variant"].save()
    ProductPageFactory(parent=shop["shop"], title="Plenty", stock=50)
    ProductPageFactory(
        parent=shop["shop"], title="Made later", stock=0, availability=Availability.MADE_TO_ORDER
    )
    settings = OperatorSettings.for_site(Site.objects.get(is_default_site=True))
    settings.low_stock_threshold = 3
    settings.save()

    stock = panel(superuser_client.get("/admin/").content.decode(), "shop-stock")

    assert "Out of stock: 1; low (up to 3 left): 1." in text(stock)
    rows = re.findall(r'<tr class="stock-(out|low)">(.*?)</tr>', stock, re.S)
    assert [(kind, text(row)) for kind, row in rows] == [
        ("out", "Gift box — BOX Out of stock"),
        ("low", "Silver ring Size 17 RING-17 2"),
    ]
    assert 'href="/admin/products/?stock=low"' in stock

    settings.low_stock_threshold = 1
    settings.save()
    stock = panel(superuser_client.get("/admin/").content.decode(), "shop-stock")
    assert "Size 17" not in stock and "Gift box" in stock


def test_translations_panel_lists_pages_behind_their_source_per_language(
    superuser_client, site_pages
):
    from tests.factories.catalogue import translate_page

    page = ContentPageFactory(parent=site_pages["en"], title="Returns", intro="Within 14 days.")
    russian = translate_page(page, "ru", {"Returns": "Возврат", "Within 14 days.": "14 дней."})
    translations = panel(superuser_client.get("/admin/").content.decode(), "shop-translations")
    assert "Russian: 0 behind" in text(translations)
    assert "Kazakh: 0 behind their source, 1 missing" in text(translations)

    page.intro = "Within 30 days."
    page.save_revision().publish()  # the English source changes after the Russian sync

    translations = panel(superuser_client.get("/admin/").content.decode(), "shop-translations")
    assert "Russian: 1 behind their source, 0 missing" in text(translations)
    assert f'href="/admin/pages/{russian.pk}/edit/"' in translations
    row = re.search(r'<tr class="translation-behind">(.*?)</tr>', translations, re.S)
    assert text(row.group(1)).startswith("Returns ru")


def test_policy_panel_shows_last_updated_and_changes_waiting_in_moderation(
    superuser_client, site_pages
):
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    policy = build_policy(site_pages["en"], last_updated=date(2026, 4, 14))
    policy_panel = panel(superuser_client.get("/admin/").content.decode(), "privacy-policy")
    assert "Last updated: April 14, 2026" in text(policy_panel)
    assert "No change to the policy waits in moderation." in text(policy_panel)

    workflow = Workflow.objects.create(name="Review")
    task = GroupApprovalTask.objects.create(name="Moderators approve")
    task.groups.set([Group.objects.create(name="Policy moderators")])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    editor = UserFactory(is_staff=True)  # not a moderator: the change waits for one
    policy.save_revision(user=editor)
    workflow.start(policy, editor)

    policy_panel = panel(superuser_client.get("/admin/").content.decode(), "privacy-policy")
    assert "Privacy policy (en): waiting in moderation — Moderators approve" in text(policy_panel)
    assert f'href="/admin/pages/{policy.pk}/edit/"' in policy_panel


def test_rights_requests_due_are_on_the_home(superuser_client, site_pages):
    from legal.rights.models import RightsRequest

    overdue = RightsRequest.objects.create(
        received_on=timezone.localdate() - timedelta(days=31), requester_email="a@example.com"
    )

    html = superuser_client.get("/admin/").content.decode()

    assert str(overdue) in text(panel(html, "rights-requests"))


@pytest.mark.hardening("H08")
def test_staff_see_only_the_panels_for_what_they_may_open(client, site_pages):
    shop = build_shop(site_pages, translate=False)
    shop["box"].stock = 0
    shop["box"].save_revision().publish()
    InquiryFactory()

    only_admin = staff_client(client).get("/admin/").content.decode()
    assert panel(only_admin, "shop-inquiries") == ""
    assert panel(only_admin, "shop-stock") == ""
    assert panel(only_admin, "shop-translations") == ""

    client.logout()
    inquiries_only = staff_client(client, "view_inquiry").get("/admin/").content.decode()
    assert "1 inquiry waits for a reply" in text(panel(inquiries_only, "shop-inquiries"))
    assert "recorded this week" not in inquiries_only  # no right to see orders
    assert panel(inquiries_only, "shop-stock") == ""

    client.logout()
    editor = staff_client(
        client, page_permissions=["change_page", "publish_page"], root=site_pages["en"]
    )
    pages_only = editor.get("/admin/").content.decode()
    assert panel(pages_only, "shop-inquiries") == ""
    assert "Gift box" in panel(pages_only, "shop-stock")


def test_stock_panel_leaves_out_products_the_editor_may_not_edit(client, site_pages):
    shop = build_shop(site_pages, translate=False)
    other = ProductPageFactory(parent=site_pages["en"], title="Elsewhere", stock=0)
    shop["box"].stock = 0
    shop["box"].save_revision().publish()

    editor = staff_client(client, page_permissions=["change_page"], root=shop["shop"])
    stock = panel(editor.get("/admin/").content.decode(), "shop-stock")

    assert "Gift box" in stock
    assert other.title not in stock


def _rows(site_pages, shop, start: int, count: int) -> None:
    """`count` more of everything the panels list: waiting inquiries, products out of stock,
    products low on a variant, and pages whose Russian translation is behind."""
    russian = Locale.objects.get(language_code="ru")
    for number in range(start, start + count):
        InquiryFactory()
        ProductPageFactory(parent=shop, title=f"Empty {number}", stock=0)
        product = ProductPageFactory(parent=shop, title=f"Low {number}", stock=9)
        ProductVariantFactory(product=product, stock=1, locale=product.locale)
        page = ContentPageFactory(parent=site_pages["en"], title=f"Page {number}")
        page.copy_for_translation(russian).save_revision().publish()
        page.save_revision().publish()  # the source again, after the translation


def _admin_home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/")
    assert response.status_code == 200
    return len(queries)


# The whole admin home (Wagtail's own panels too), counted once its caches are warm.
ADMIN_HOME_QUERY_BUDGET = 35


def test_admin_home_queries_do_not_grow_with_rows(
    superuser_client, site_pages, django_assert_max_num_queries
):
    shop = build_shop(site_pages, translate=False)["shop"]
    build_policy(site_pages["en"], last_updated=date(2026, 4, 14))
    _rows(site_pages, shop, 0, 3)
    superuser_client.get("/admin/")  # once before counting: per-process caches fill up
    with django_assert_max_num_queries(ADMIN_HOME_QUERY_BUDGET):
        few = _admin_home_queries(superuser_client)
    html = superuser_client.get("/admin/").content.decode()
    assert "3 inquiries wait" in text(panel(html, "shop-inquiries"))
    assert "Russian: 3 behind" in text(panel(html, "shop-translations"))

    _rows(site_pages, shop, 3, 27)
    with django_assert_max_num_queries(ADMIN_HOME_QUERY_BUDGET):
        many = _admin_home_queries(superuser_client)
    html = superuser_client.get("/admin/").content.decode()
    assert "30 inquiries wait" in text(panel(html, "shop-inquiries"))
    assert "Russian: 30 behind" in text(panel(html, "shop-translations"))
    assert "Out of stock: 30; low (up to 3 left): 30." in text(panel(html, "shop-stock"))

    assert many == few
