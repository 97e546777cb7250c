"""Search shows the best matches first, page by page, as Wagtail's own database backend ranks them,
and on SQLite without re-running the full-text match for every product that matches."""

import re

import pytest
from django.db import connection
from modelsearch.backends.database import SearchBackend as wagtails_database_backend
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail_factories import ImageFactory

from storefront.catalogue.bulk import add_products
from storefront.catalogue.listing import PRODUCTS_PER_PAGE
from storefront.catalogue.models import ProductPage


def shown_slugs(client, url: str) -> list[str]:
    html = client.get(url).content.decode()
    return re.findall(r'class="product-card".*?href="/en/shop/rings/([\w-]+)/"', html, re.S)


@pytest.fixture
def amber_products(shop, product_maker):
    """Thirty products that mention amber more or less: some in the name, some once in passing."""
    products = []
    for number in range(30):
        mentions = " ".join(["amber"] * (number % 4))
        products.append(
            product_maker(
                shop["rings"],
                images=0,
                title=f"Amber ring {number:02d}" if number % 3 == 0 else f"Ring {number:02d}",
                slug=f"ring-{number:02d}",
                short_description=f"Silver {mentions} setting" if mentions else "Silver setting",
            )
        )
    return products


def test_the_search_page_lists_the_best_match_first(client, amber_products):
    slugs = shown_slugs(client, "/en/search/?q=amber")
    slugs += shown_slugs(client, "/en/search/?q=amber&page=2")

    # Among products not named amber (how names weigh differs between SQLite and PostgreSQL):
    thrice = [f"ring-{n:02d}" for n in range(30) if n % 4 == 3 and n % 3]
    once = [f"ring-{n:02d}" for n in range(30) if n % 4 == 1 and n % 3]
    assert max(map(slugs.index, thrice)) < min(map(slugs.index, once))
    # Neither named amber nor describing it (4, 8, 16, ...): not listed at all.
    assert "ring-04" not in slugs and "ring-08" not in slugs and "ring-16" not in slugs


def test_search_pages_follow_wagtails_own_ranking(client, amber_products):
    english = Locale.objects.get(language_code="en")
    products = ProductPage.objects.live().filter(locale=english)
    reference = wagtails_database_backend({}).search("amber", products)
    expected = [page.slug for page in reference[: 2 * PRODUCTS_PER_PAGE]]
    assert len(expected) == reference.count() == 25  # every product but ring-04, -08, …, -28

    first = shown_slugs(client, "/en/search/?q=amber")
    second = shown_slugs(client, "/en/search/?q=amber&page=2")

    assert first + second == expected
    assert len(first) == PRODUCTS_PER_PAGE
    assert "25 products" in client.get("/en/search/?q=amber").content.decode()


def test_search_scores_match_wagtails_own(amber_products):
    english = Locale.objects.get(language_code="en")
    products = ProductPage.objects.live().filter(locale=english)

    ours = get_search_backend().search("amber setting", products).annotate_score("score")
    theirs = wagtails_database_backend({}).search("amber setting", products)

    assert [(p.pk, round(p.score, 9)) for p in ours[:10]] == [
        (p.pk, round(p.score, 9)) for p in theirs.annotate_score("score")[:10]
    ]


def test_equal_scores_keep_wagtails_order(shop):
    """Fifty products described alike: Wagtail shows the newest first among equals."""
    add_products(50, [ImageFactory()], languages=("en",))
    english = Locale.objects.get(language_code="en")
    products = ProductPage.objects.live().filter(locale=english)

    ours = get_search_backend().search("handmade", products)
    theirs = wagtails_database_backend({}).search("handmade", products)

    assert ours.count() == theirs.count() == 50
    assert [p.pk for p in ours[24:48]] == [p.pk for p in theirs[24:48]]


def test_each_database_gets_its_ranking():
    """SQLite's FTS5 ranking is this shop's; PostgreSQL keeps Wagtail's backend untouched."""
    backend = get_search_backend()
    if connection.vendor == "sqlite":
        from cms.sqlite_search import RankedSQLiteSearchBackend

        assert type(backend) is RankedSQLiteSearchBackend
    else:
        assert type(backend) is type(wagtails_database_backend({}))


def sqlite_steps(run) -> int:
    """SQLite virtual-machine steps (in hundreds) that `run` makes the database take."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    connection.ensure_connection()
    connection.connection.set_progress_handler(count, 100)
    try:
        run()
    finally:
        connection.connection.set_progress_handler(None, 0)
    return steps


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="guards SQLite's ranking; on PostgreSQL Wagtail's backend ranks in a join",
)
def test_sqlite_search_work_grows_with_the_matches_not_their_square(client, shop):
    photos = [ImageFactory()]
    english = Locale.objects.get(language_code="en")

    def search_page() -> None:
        products = ProductPage.objects.live().filter(locale=english)
        results = get_search_backend().search("ring", products)
        assert results.count() > 0
        list(results[:PRODUCTS_PER_PAGE])

    add_products(40, photos, languages=("en",))
    with_forty = sqlite_steps(search_page)
    add_products(200, photos, start=40, languages=("en",))
    with_240 = sqlite_steps(search_page)

    # Six times the matches: about six times the work. Ranking each match with its own
    # full-text query, as modelsearch 1.3 does, grows with their square.
    assert with_240 < 9 * with_forty, (with_forty, with_240)
