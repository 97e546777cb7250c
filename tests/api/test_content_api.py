"""Wagtail's content API (v2 and v3): api_fields of every page type, filters by type and
locale, and nothing that is not live and public (drafts, private pages, unpublished
translations)."""

import pytest
from wagtail.models import PageViewRestriction

from storefront.catalogue.models import ProductPage
from tests.factories.catalogue import ProductImageFactory, ProductPageFactory, translate_page


def v2_ids(client, **params) -> set[int]:
    response = client.get("/api/v2/pages/", {"limit": 50, **params})
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def v3_ids(client, **params) -> set[int]:
    response = client.get("/api/v3/pages/", {"limit": 50, **params})
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.fixture
def hidden(translated_shop):
    """A draft product, a private product and an unpublished Russian translation."""
    shop = translated_shop["shop"]
    draft = ProductPageFactory(parent=shop, title="Secret draft", live=False)
    private = ProductPageFactory(parent=shop, title="Private ring")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    unpublished = ProductPageFactory(parent=shop, title="Only English")
    russian = translate_page(unpublished, "ru", {})
    russian.unpublish()
    # A live product whose latest revision is an unpublished draft of a new price.
    ring = translated_shop["ring"]
    ring.price = 1
    ring.save_revision()  # not published
    return {"draft": draft, "private": private, "unpublished_ru": russian, "ring": ring}


@pytest.mark.hardening("H08")
@pytest.mark.parametrize("ids", [v2_ids, v3_ids], ids=["v2", "v3"])
def test_drafts_private_pages_and_unpublished_translations_never_appear(client, hidden, ids):
    listed = ids(client, type="catalogue.ProductPage")
    hidden_ids = {hidden["draft"].pk, hidden["private"].pk, hidden["unpublished_ru"].pk}

    assert listed  # the live products are there
    assert not listed & hidden_ids
    assert not ids(client, search="Secret")
    for page_id in hidden_ids:
        assert client.get(f"/api/v2/pages/{page_id}/").status_code == 404
        assert client.get(f"/api/v3/pages/{page_id}/").status_code == 404


@pytest.mark.hardening("H08")
def test_a_draft_revision_never_shows_its_values(client, hidden):
    ring = hidden["ring"]

    v2 = client.get(f"/api/v2/pages/{ring.pk}/").json()
    v3 = client.get(f"/api/v3/pages/{ring.pk}/", {"version": "draft"}).json()

    assert v2["price"] == "12500.00"
    assert v3["price"] == "12500.00"


@pytest.mark.parametrize("ids", [v2_ids, v3_ids], ids=["v2", "v3"])
def test_filters_by_type_and_locale(client, translated_shop, ids):
    russian_products = set(
        ProductPage.objects.live().filter(locale__language_code="ru").values_list("pk", flat=True)
    )

    assert ids(client, type="catalogue.ProductPage", locale="ru") == russian_products
    assert len(russian_products) == 2
    homes = ids(client, type="home.HomePage")
    assert len(homes) == 3


def test_product_fields_in_v2_and_v3(client, translated_shop):
    ring = translated_shop["ring"]
    ProductImageFactory(product=ring, image__file__width=1600, image__file__height=1300)
    ring.save_revision().publish()

    v2 = client.get(f"/api/v2/pages/{ring.pk}/").json()
    v3 = client.get(f"/api/v3/pages/{ring.pk}/").json()

    for data in (v2, v3):
        assert data["price"] == "12500.00"
        assert data["currency"] == "KZT"
        assert data["current_availability"] == "in_stock"
        assert [(v["sku"], str(v["price"]), v["stock"]) for v in data["variants"]] == [
            ("RING-17", "12500.00", 5)
        ]
        image = data["gallery_images"][0]
        assert (image["thumbnail"]["width"], image["thumbnail"]["height"]) == (320, 320)
        assert (image["medium"]["width"], image["medium"]["height"]) == (640, 640)
        assert (image["large"]["width"], image["large"]["height"]) == (1200, 1200)
        assert {t["locale"] for t in data["translations"]} == {"ru", "kk"}
        assert data["category"] is None


def test_home_page_fields(client, translated_shop, site_pages):
    home = site_pages["ru"]

    data = client.get(f"/api/v2/pages/{home.pk}/").json()

    assert data["hero_title"] == "Украшения и подарки из Алматы"
    assert data["meta"]["locale"] == "ru"


def test_an_unknown_page_is_a_404_not_a_redirect(client, translated_shop):
    assert client.get("/api/v2/pages/987654/").status_code == 404
    response = client.get("/api/v3/pages/987654/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
