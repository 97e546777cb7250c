"""Image renditions are made when a product is published, so no shopper waits for a resize."""

from django.test import TestCase
from wagtail.images import get_image_model

from storefront.catalogue.images import CARD_FILTERS, PRODUCT_FILTERS
from tests.factories.catalogue import ProductImageFactory, ProductPageFactory


def test_publishing_a_product_makes_every_size_its_pages_and_apis_show(shop):
    product = ProductPageFactory(parent=shop["rings"], title="Ring", slug="ring")
    item = ProductImageFactory(product=product)
    renditions = get_image_model().get_rendition_model().objects.filter(image=item.image)
    assert not renditions.exists()

    with TestCase.captureOnCommitCallbacks(execute=True):
        product.save_revision().publish()

    made = set(renditions.values_list("filter_spec", flat=True))
    assert made >= {*CARD_FILTERS, *PRODUCT_FILTERS}


def test_a_shopper_viewing_a_published_product_creates_no_rendition(client, shop):
    product = ProductPageFactory(parent=shop["rings"], title="Ring", slug="ring")
    item = ProductImageFactory(product=product)
    with TestCase.captureOnCommitCallbacks(execute=True):
        product.save_revision().publish()
    renditions = get_image_model().get_rendition_model().objects.filter(image=item.image)
    before = renditions.count()

    assert client.get(product.url).status_code == 200
    assert client.get("/en/shop/").status_code == 200
    assert client.get("/en/shop/rings/").status_code == 200

    assert renditions.count() == before
