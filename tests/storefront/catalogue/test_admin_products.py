"""The products list editors work in: one row per product, translation states, bulk stock."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale

from storefront.catalogue.models import Availability, ProductPage, ProductVariant
from tests.factories.accounts import UserFactory
from tests.factories.catalogue import ProductPageFactory, translate_page
from tests.factories.checkout import build_shop

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def listed_titles(html: str) -> list[str]:
    return [
        title.strip() for title in re.findall(r'<span id="page_\d+_title">([^<]+)</span>', html)
    ]


def states(html: str) -> dict[str, dict[str, str]]:
    """{row title: {language: state}} from the translations column."""
    result = {}
    for row in re.findall(r"<tr.*?</tr>", html, re.S):
        titles = listed_titles(row)
        if not titles:
            continue
        cells = re.findall(
            r'translation-state--(\w+)" data-language="(\w+)"', row
        )  # (state, language)
        result[titles[0]] = {language: state for state, language in cells}
    return result


def test_list_shows_one_row_per_product_in_the_default_language(editor_client, site_pages):
    build_shop(site_pages)

    default = editor_client.get(reverse("products:index")).content.decode()
    russian = editor_client.get(reverse("products:index"), {"language": "ru"}).content.decode()
    every = editor_client.get(reverse("products:index"), {"language": "all"}).content.decode()

    assert sorted(listed_titles(default)) == ["Gift box", "Silver ring"]
    assert sorted(listed_titles(russian)) == ["Подарочная коробка", "Серебряное кольцо"]
    assert len(listed_titles(every)) == 6


def test_translation_column_says_up_to_date_behind_or_missing(
    editor_client, site_pages, django_capture_on_commit_callbacks
):
    shop = build_shop(site_pages)
    kazakh = Locale.objects.get(language_code="kk")
    lonely = ProductPageFactory(parent=shop["shop"], title="Lonely brooch")
    translate_page(lonely, "ru", {"Lonely brooch": "Одинокая брошь"})
    html = editor_client.get(reverse("products:index")).content.decode()
    assert states(html)["Silver ring"] == {"ru": "up_to_date", "kk": "up_to_date"}
    assert states(html)["Lonely brooch"] == {"ru": "up_to_date", "kk": "missing"}

    # The Kazakh ring is taken offline, so publishing the source no longer syncs it.
    ring = shop["ring"]
    ring.get_translation(kazakh).unpublish()
    ring.price = 13000
    with django_capture_on_commit_callbacks(execute=True):
        ring.save_revision().publish()

    html = editor_client.get(reverse("products:index")).content.decode()
    assert states(html)["Silver ring"] == {"ru": "up_to_date", "kk": "behind"}
    kk_ring = ring.get_translation(kazakh)
    assert f'href="/admin/pages/{kk_ring.pk}/edit/">kk: behind' in html


def test_stock_filter_lists_products_out_of_stock_or_low(editor_client, site_pages):
    shop = build_shop(site_pages, translate=False)
    shop["ring_variant"].stock = 1
    shop["ring_variant"].save()
    ProductPageFactory(parent=shop["shop"], title="Empty", stock=0)

    html = editor_client.get(reverse("products:index"), {"stock": "low"}).content.decode()

    assert sorted(listed_titles(html)) == ["Empty", "Silver ring"]


def bulk_url(*pages) -> str:
    ids = "&".join(f"id={page.pk}" for page in pages)
    return f"/admin/bulk/wagtailcore/page/set_stock/?{ids}&next=/admin/products/"


def test_bulk_set_stock_reaches_every_language_and_every_variant(
    editor_client, site_pages, django_capture_on_commit_callbacks
):
    shop = build_shop(site_pages)
    ring, box = shop["ring"], shop["box"]
    box.availability = Availability.SOLD_OUT
    box.stock = 0
    with django_capture_on_commit_callbacks(execute=True):
        box.save_revision().publish()

    confirm = editor_client.get(bulk_url(ring, box))
    assert confirm.status_code == 200
    assert "Silver ring" in confirm.content.decode() and "Gift box" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            bulk_url(ring, box), {"stock": "7", "availability": "in_stock"}
        )

    assert response.status_code == 302
    for product in (ring, box):
        pages = ProductPage.objects.filter(translation_key=product.translation_key)
        assert sorted(pages.values_list("locale__language_code", flat=True)) == ["en", "kk", "ru"]
        for page in pages:
            assert (page.stock, page.availability, page.live) == (7, "in_stock", True), page
            assert not page.has_unpublished_changes
    variants = ProductVariant.objects.filter(product__translation_key=ring.translation_key)
    assert variants.count() == 3
    assert set(variants.values_list("stock", flat=True)) == {7}


def test_bulk_set_stock_keeps_a_waiting_draft(
    editor_client, site_pages, django_capture_on_commit_callbacks
):
    box = build_shop(site_pages, translate=False)["box"]
    box.title = "Gift box (new name)"
    box.save_revision()  # a draft not published yet

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(bulk_url(box), {"stock": "3", "availability": ""})

    box = ProductPage.objects.get(pk=box.pk)
    assert (box.title, box.stock) == ("Gift box", 3)  # live: new stock, old name
    draft = box.get_latest_revision_as_object()
    assert (draft.title, draft.stock) == ("Gift box (new name)", 3)


def test_bulk_set_stock_needs_a_value(editor_client, site_pages):
    box = build_shop(site_pages, translate=False)["box"]

    response = editor_client.post(bulk_url(box), {"stock": "", "availability": ""})

    assert response.status_code == 200
    assert "Give a stock quantity, an availability or both." in response.content.decode()
    assert ProductPage.objects.get(pk=box.pk).stock == 10


def test_bulk_set_stock_leaves_other_pages_and_pages_the_editor_may_not_publish(
    client, site_pages, django_capture_on_commit_callbacks
):
    shop = build_shop(site_pages, translate=False)
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    group = Group.objects.create(name="Writers")
    GroupPagePermission.objects.create(
        group=group,
        page=site_pages["en"],
        permission=Permission.objects.get(codename="change_page"),
    )
    editor.groups.add(group)
    client.force_login(editor)

    confirm = client.get(bulk_url(shop["box"], site_pages["en"])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(bulk_url(shop["box"], site_pages["en"]), {"stock": "99"})

    assert "These pages are not products you may publish" in confirm
    assert ProductPage.objects.get(pk=shop["box"].pk).stock == 10
