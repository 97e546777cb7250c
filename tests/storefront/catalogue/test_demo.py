import io

import pytest
from django.core.management.base import OutputWrapper
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from home import demo as home_demo
from storefront.catalogue import demo
from storefront.catalogue.models import CategoryPage, ProductPage, ProductVariant


class FakeCommand:
    def __init__(self):
        self.stdout = OutputWrapper(io.StringIO())


@pytest.mark.django_db
def test_demo_catalogue_in_three_languages_and_idempotent(client, monkeypatch):
    # `seed_demo` runs in autocommit, where wagtail-localize's on-commit publishing happens at
    # once; inside the test's transaction it would wait for a commit that never comes.
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())
    command = FakeCommand()
    home_demo.seed(command)
    demo.seed(command)
    counts = (
        Page.objects.count(),
        Revision.objects.count(),
        get_image_model().objects.count(),
        ProductVariant.objects.count(),
    )

    demo.seed(command)

    assert (
        Page.objects.count(),
        Revision.objects.count(),
        get_image_model().objects.count(),
        ProductVariant.objects.count(),
    ) == counts
    english = ProductPage.objects.filter(locale__language_code="en")
    assert english.count() == 30
    assert CategoryPage.objects.filter(locale__language_code="en").count() == 4
    assert ProductPage.objects.filter(locale__language_code="ru", live=True).count() == 30
    assert ProductPage.objects.filter(locale__language_code="kk", live=True).count() == 30
    assert english.filter(variants__isnull=False).distinct().count() >= 20
    russian_ring = ProductPage.objects.get(locale__language_code="ru", slug="rings-01")
    assert russian_ring.title == "Серебряное кольцо с бирюзой"
    assert russian_ring.variants.first().name == "Размер 16"
    assert russian_ring.gallery_images.first().alt_text.endswith("на светлом фоне")
    kazakh_html = client.get("/kk/shop/rings/").content.decode()
    assert "<h1>Сақиналар</h1>" in kazakh_html
    assert "Фирузасы бар күміс сақина" in kazakh_html
    assert '<a href="/kk/shop/">Дүкен</a>' in kazakh_html
