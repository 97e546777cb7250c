"""Text is translated per language; price, stock, SKU, availability and images follow English."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from storefront.catalogue.models import Availability, ProductPage
from storefront.catalogue.sync import sync_translations
from tests.factories.accounts import UserFactory
from tests.factories.catalogue import (
    ProductImageFactory,
    ProductPageFactory,
    ProductVariantFactory,
    translate_page,
)

RU = {
    "Silver ring": "Серебряное кольцо",
    "Handmade in Almaty": "Сделано вручную в Алматы",
    "Size 17": "Размер 17",
    "Ring on a hand": "Кольцо на руке",
}


@pytest.fixture
def ring(shop):
    product = ProductPageFactory(
        parent=shop["rings"],
        title="Silver ring",
        slug="silver-ring",
        short_description="Handmade in Almaty",
        sku="RING-S",
        price=Decimal("15000"),
        stock=4,
    )
    ProductVariantFactory(product=product, name="Size 17", sku="RING-S-17", price_override=None)
    ProductImageFactory(product=product, alt_text="Ring on a hand")
    product.save_revision().publish()
    return product


def test_text_is_translated_and_the_rest_is_copied(ring):
    russian = translate_page(ring, "ru", RU)

    assert russian.title == "Серебряное кольцо"
    assert russian.short_description == "Сделано вручную в Алматы"
    assert (russian.sku, russian.price, russian.stock) == ("RING-S", Decimal("15000"), 4)
    variant = russian.variants.get()
    assert (variant.name, variant.sku) == ("Размер 17", "RING-S-17")
    assert variant.locale.language_code == "ru"
    image = russian.gallery_images.get()
    assert image.image_id == ring.gallery_images.get().image_id
    assert image.alt_text == "Кольцо на руке"


def test_money_and_stock_cannot_be_overridden_in_a_translation(db):
    fields = {field.field_name: field for field in ProductPage.override_translatable_fields}

    for name in ("sku", "price", "compare_at_price", "currency", "availability", "stock"):
        assert fields[name].is_synchronized(ProductPage()), name
        assert not fields[name].is_overridable(ProductPage()), name


def test_price_changed_in_english_shows_in_russian_and_kazakh_after_sync(
    client, ring, django_capture_on_commit_callbacks
):
    translate_page(ring, "ru", RU)
    translate_page(ring, "kk", {"Silver ring": "Күміс сақина"})

    ring.price = Decimal("17500")
    ring.availability = Availability.MADE_TO_ORDER
    with django_capture_on_commit_callbacks(execute=True):
        ring.save_revision().publish()  # a scheduled or API publish does the same

    for language in ("ru", "kk"):
        html = client.get(f"/{language}/shop/rings/silver-ring/").content.decode()
        assert "17\u00a0500\u00a0₸" in html, language
        assert "15\u00a0000" not in html
    assert "Серебряное кольцо" in client.get("/ru/shop/rings/silver-ring/").content.decode()


def test_editor_workflow_publishing_in_the_admin_updates_translations(
    client, ring, django_capture_on_commit_callbacks
):
    """An editor publishes the English product in the admin; the ru page follows at once."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    russian = translate_page(ring, "ru", RU)
    editor = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(editor)
    variant = ring.variants.get()
    image = ring.gallery_images.get()
    data = nested_form_data(
        {
            "title": "Silver ring",
            "slug": "silver-ring",
            "short_description": "Handmade in Almaty",
            "body": streamfield([]),
            "sku": "RING-S",
            "price": "16000",
            "compare_at_price": "",
            "currency": "KZT",
            "availability": "in_stock",
            "stock": "2",
            "varies_by": "size",
            "seo_title": "",
            "search_description": "",
            "gallery_images": inline_formset(
                [{"id": image.pk, "image": image.image_id, "alt_text": "Ring on a hand"}],
                initial=1,
            ),
            "variants": inline_formset(
                [
                    {
                        "id": variant.pk,
                        "name": "Size 17",
                        "sku": "RING-S-17",
                        "price_override": "",
                        "stock": "1",
                    }
                ],
                initial=1,
            ),
        }
    )
    data["action-publish"] = "publish"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[ring.pk]), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    russian.refresh_from_db()
    assert (russian.price, russian.stock) == (Decimal("16000"), 2)
    assert russian.title == "Серебряное кольцо"


def test_wagtail_localize_sync_view_updates_prices(
    client, ring, django_capture_on_commit_callbacks
):
    """wagtail-localize's own "Sync translated pages" screen does the same for any page."""
    russian = translate_page(ring, "ru", RU)
    # a change the translations have not seen yet (made without publishing, e.g. an import)
    ProductPage.objects.filter(pk=ring.pk).update(price=Decimal("19000"))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    source = TranslationSource.objects.get_for_instance(ring)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )

    assert response.status_code == 302
    russian.refresh_from_db()
    assert russian.price == Decimal("19000")


def test_unpublished_translation_stays_unpublished_on_sync(ring):
    russian = translate_page(ring, "ru", RU)
    russian.unpublish()

    ring.price = Decimal("1")
    ring.save_revision()

    assert sync_translations(ring) == 0
    assert not ProductPage.objects.get(pk=russian.pk).live


def test_translation_lives_in_its_own_language_tree(ring):
    russian = translate_page(ring, "ru", RU)

    assert russian.locale == Locale.objects.get(language_code="ru")
    assert russian.get_parent().locale.language_code == "ru"
    assert russian.translation_key == ring.translation_key
