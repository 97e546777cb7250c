"""The storefront API's product addresses use the sites' root paths remembered per content
generation (cms.memo), not one cache round trip per product."""

from django.core.cache import cache
from wagtail.models import Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

from cms.page_cache import new_generation
from tests.api.conftest import STORE


def product_urls(client) -> list:
    response = client.get(f"{STORE}/products/")
    assert response.status_code == 200
    return [item["url"] for item in response.json()["items"]]


def replace_root_paths_behind_wagtails_back() -> None:
    """Wagtail's cached root paths, pointing at a site root no page is under."""
    fake = [path._replace(root_path="/nowhere/") for path in Site.get_site_root_paths()]
    cache.set(SITE_ROOT_PATHS_CACHE_KEY, fake, version=SITE_ROOT_PATHS_CACHE_VERSION)


def test_product_urls_use_the_root_paths_remembered_for_the_content_generation(
    client, shop, settings, tmp_path
):
    settings.CONTENT_MEMORY = True
    settings.PAGE_CACHE_STAMP = str(tmp_path / "page-cache.stamp")
    real = product_urls(client)
    assert real and all(url.startswith("/en/shop/") for url in real)

    replace_root_paths_behind_wagtails_back()
    assert product_urls(client) == real  # remembered: the cache was not asked again

    new_generation()
    replace_root_paths_behind_wagtails_back()
    assert product_urls(client) == [None] * len(real)  # a new generation reads them afresh


def test_the_shop_is_read_once_per_content_generation(client, shop, settings, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CONTENT_MEMORY = True
    settings.PAGE_CACHE_STAMP = str(tmp_path / "page-cache.stamp")
    first = product_urls(client)
    with CaptureQueriesContext(connection) as queries:
        assert product_urls(client) == first
    assert not [q for q in queries.captured_queries if "catalogue_productindexpage" in q["sql"]]

    shop["shop"].unpublish()  # a new generation: the shop is looked for afresh

    assert client.get(f"{STORE}/products/").status_code == 404
