"""Pages are routed by their URL path, with the pages above them remembered per content
generation (home/routing.py): the same page as Wagtail's own router, every change seen at once."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from home.routing import ANCESTORS_ATTRIBUTE
from tests.factories.catalogue import CategoryPageFactory


@pytest.fixture(autouse=True)
def remembered_routes(kept_content):
    kept_content()


@pytest.fixture
def rings(shop, product_maker):
    return [
        product_maker(shop["rings"], title=f"Ring {n}", slug=f"ring-{n}", price=Decimal("1000"))
        for n in range(3)
    ]


def served(client, url: str):
    response = client.get(url)
    page = response.context["page"] if response.status_code == 200 else None
    return response.status_code, page.pk if page is not None else None


def test_every_page_is_the_page_wagtails_own_router_finds(client, shop, rings):
    for page in Page.objects.filter(depth__gt=2).live():
        url = page.get_url()
        if url is None:
            continue
        path = [part for part in url.split("/") if part][1:]  # after the language
        site_root = page.get_site().root_page
        root = (site_root.get_translation_or_none(page.locale) or site_root).specific
        wagtail = Page.route(root, None, path)  # Wagtail's router, one segment at a time

        assert served(client, url) == (200, wagtail.page.pk), url


def test_a_wrong_parent_or_slug_is_not_found(client, shop, rings):
    assert served(client, "/en/shop/scarves/ring-1/")[0] == 404
    assert served(client, "/en/shop/rings/ring-9/")[0] == 404
    assert served(client, "/en/shop/bracelets/ring-1/")[0] == 404


def test_a_products_own_row_is_all_a_second_product_of_the_category_reads(client, rings):
    assert served(client, rings[0].url)[0] == 200
    with CaptureQueriesContext(connection) as queries:
        assert served(client, rings[1].url) == (200, rings[1].pk)

    page_reads = [
        q["sql"] for q in queries.captured_queries if 'FROM "wagtailcore_page"' in q["sql"]
    ]
    assert not [sql for sql in page_reads if '"wagtailcore_page"."url_path" IN' in sql]


def test_a_second_product_of_the_category_is_read_in_one_query(client, rings):
    assert served(client, rings[0].url)[0] == 200
    with CaptureQueriesContext(connection) as queries:
        assert served(client, rings[1].url) == (200, rings[1].pk)

    target_reads = [q["sql"] for q in queries.captured_queries if "'ring-1'" in q["sql"]]
    assert len(target_reads) == 1
    assert '"catalogue_productpage"' in target_reads[0]  # its specific row at once


def test_children_of_another_type_than_the_last_one_routed_are_found(client, shop, product_maker):
    # The shop holds categories and products side by side.
    loose = product_maker(shop["index"], title="Loose pin", slug="loose-pin", price=Decimal("500"))
    category = shop["rings"]

    for _ in range(2):
        for page in (category, loose):
            response = client.get(page.url)
            assert response.context["page"].pk == page.pk
            # Routed here, not by Wagtail's router (the fallback): the ancestors came along.
            assert hasattr(response.context["page"], ANCESTORS_ATTRIBUTE)
    assert served(client, "/en/shop/no-such-page/")[0] == 404
    assert served(client, category.url) == (200, category.pk)


def test_content_types_made_again_never_break_a_route(client, rings):
    """A database flushed and filled again (the browser tests do it) gives the page types new
    content type ids; a worker's remembered guess must not outlive them."""
    assert served(client, rings[0].url)[0] == 200  # the guess: products below this category
    stale = ContentType(id=10**6, app_label="catalogue", model="productpage")
    ContentType.objects._add_to_cache("default", stale)  # noqa: SLF001 - what a flush leaves
    try:
        response = client.get(rings[1].url)
    finally:
        ContentType.objects.clear_cache()

    assert response.status_code == 200
    assert response.context["page"].pk == rings[1].pk
    assert hasattr(response.context["page"], ANCESTORS_ATTRIBUTE)


def test_a_moved_product_and_a_renamed_category_are_found_at_once(client, shop, rings):
    assert served(client, rings[0].url) == (200, rings[0].pk)

    rings[0].move(shop["scarves"], pos="last-child")
    assert served(client, "/en/shop/scarves/ring-0/") == (200, rings[0].pk)
    moved = client.get("/en/shop/rings/ring-0/")  # Wagtail's automatic redirect
    assert moved.status_code == 301
    assert moved["Location"].endswith("/en/shop/scarves/ring-0/")

    category = shop["rings"]
    category.slug = "fine-rings"
    category.save_revision().publish()
    assert served(client, "/en/shop/fine-rings/ring-1/") == (200, rings[1].pk)
    # The old address serves no page (Wagtail makes redirects for it after the commit).
    assert served(client, "/en/shop/rings/ring-1/")[0] in {301, 404}


@pytest.mark.hardening("H12")
def test_a_category_made_private_closes_its_remembered_products(client, shop, rings):
    assert served(client, rings[0].url)[0] == 200

    PageViewRestriction.objects.create(
        page=shop["rings"], restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get(rings[1].url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"login/?next={rings[1].url}")


def test_a_new_category_is_routed_at_once(client, shop, product_maker):
    client.get("/en/shop/")
    brooches = CategoryPageFactory(parent=shop["index"], title="Brooches", slug="brooches")
    pin = product_maker(brooches, title="Pin", slug="pin", price=Decimal("500"))

    assert served(client, "/en/shop/brooches/") == (200, brooches.pk)
    assert served(client, "/en/shop/brooches/pin/") == (200, pin.pk)


def test_made_up_addresses_leave_nothing_in_the_workers_memory(client, shop):
    from cms import memo

    assert client.get("/en/shop/rings/").status_code == 200
    for n in range(5):
        assert client.get(f"/en/made-up-{n}/page/").status_code == 404
        assert client.get(f"/en/shop/made-up-{n}/page/").status_code == 404

    routes = [key for key in memo._memory if isinstance(key, tuple) and key[0] == "route-ancestors"]
    assert routes  # the shop's own route is remembered
    assert not [key for key in routes if any("made-up" in part for part in key[2])]
