from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from storefront.catalogue.models import MAX_ORDER_QUANTITY, Availability, ProductPage
from tests.factories.catalogue import ProductPageFactory, ProductVariantFactory, translate_page


def test_variant_price_falls_back_to_the_product_price(shop):
    product = ProductPageFactory(parent=shop["rings"], price=Decimal("9000"))
    plain = ProductVariantFactory(product=product, price_override=None)
    dearer = ProductVariantFactory(product=product, price_override=Decimal("11000"))

    assert product.unit_price() == Decimal("9000")
    assert product.unit_price(plain) == Decimal("9000")
    assert product.unit_price(dearer) == Decimal("11000")


@pytest.mark.parametrize(
    ("availability", "stock", "expected"),
    [
        (Availability.IN_STOCK, 3, 3),
        (Availability.IN_STOCK, 500, MAX_ORDER_QUANTITY),
        (Availability.MADE_TO_ORDER, 0, MAX_ORDER_QUANTITY),
        (Availability.SOLD_OUT, 10, 0),
    ],
)
def test_available_quantity(shop, availability, stock, expected):
    product = ProductPageFactory(parent=shop["rings"], availability=availability, stock=stock)

    assert product.available_quantity() == expected


def test_negative_price_is_rejected(shop):
    product = ProductPageFactory.build(price=Decimal("-1"), sku="NEG-1", title="Bad", slug="bad")

    with pytest.raises(ValidationError) as excinfo:
        shop["rings"].add_child(instance=product)

    assert "price" in excinfo.value.message_dict


def test_compare_at_price_must_be_above_the_price(shop):
    product = ProductPageFactory(parent=shop["rings"], price=Decimal("5000"))
    product.compare_at_price = Decimal("4000")

    with pytest.raises(ValidationError) as excinfo:
        product.full_clean()

    assert "higher than the price" in " ".join(excinfo.value.message_dict["compare_at_price"])


def test_duplicate_product_sku_names_the_other_product(shop):
    ProductPageFactory(parent=shop["rings"], sku="RING-1", title="Gold ring")
    twin = ProductPageFactory.build(sku="ring-1", title="Another ring", slug="another-ring")

    with pytest.raises(ValidationError) as excinfo:
        shop["rings"].add_child(instance=twin)

    assert excinfo.value.message_dict["sku"] == ["SKU ring-1 is already used by «Gold ring»."]


def test_product_sku_may_not_repeat_a_variant_sku(shop):
    ring = ProductPageFactory(parent=shop["rings"], title="Gold ring")
    ProductVariantFactory(product=ring, sku="RING-GOLD-17", name="17 mm")
    product = ProductPageFactory.build(sku="RING-GOLD-17", title="Other", slug="other")

    with pytest.raises(ValidationError) as excinfo:
        shop["rings"].add_child(instance=product)

    assert "«Gold ring – 17 mm»" in excinfo.value.message_dict["sku"][0]


def test_translations_share_their_sku_without_a_duplicate_error(shop):
    ring = ProductPageFactory(parent=shop["rings"], sku="RING-7", title="Ring")
    ProductVariantFactory(product=ring, sku="RING-7-S")

    russian = translate_page(ring, "ru", {"Ring": "Кольцо"})

    russian.full_clean()  # no error: same product, other language
    assert russian.sku == "RING-7"
    assert russian.variants.get().sku == "RING-7-S"


def _edit_form(page, data_overrides=None, variants=()):
    """The admin's edit form for `page`, bound to data an editor would post."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    form_class = ProductPage.get_edit_handler().get_form_class()
    data = {
        "title": page.title,
        "slug": page.slug,
        "short_description": "",
        "body": streamfield([]),
        "sku": page.sku,
        "price": "1000",
        "compare_at_price": "",
        "currency": "KZT",
        "availability": "in_stock",
        "stock": "3",
        "varies_by": "size",
        "seo_title": "",
        "search_description": "",
        "gallery_images": inline_formset([]),
        "variants": inline_formset(list(variants)),
    }
    data.update(data_overrides or {})
    return form_class(nested_form_data(data), instance=page, parent_page=page.get_parent())


def test_admin_form_rejects_a_variant_sku_used_by_another_product(shop):
    ProductPageFactory(parent=shop["rings"], sku="SCARF-1", title="Silk scarf")
    product = ProductPageFactory(parent=shop["rings"], sku="RING-9", title="Ring")

    form = _edit_form(
        product, variants=[{"name": "S", "sku": "SCARF-1", "price_override": "", "stock": "1"}]
    )

    assert not form.is_valid()
    variant_errors = form.formsets["variants"].forms[0].errors
    assert variant_errors["sku"] == ["SKU SCARF-1 is already used by «Silk scarf»."]


def test_admin_form_rejects_a_sku_repeated_inside_the_product(shop):
    product = ProductPageFactory(parent=shop["rings"], sku="RING-9", title="Ring")

    form = _edit_form(
        product,
        variants=[
            {"name": "S", "sku": "RING-9-S", "price_override": "", "stock": "1"},
            {"name": "M", "sku": "ring-9-s", "price_override": "", "stock": "1"},
            {"name": "L", "sku": "RING-9", "price_override": "", "stock": "1"},
        ],
    )

    assert not form.is_valid()
    forms = form.formsets["variants"].forms
    assert forms[0].errors == {}
    assert "appears twice" in forms[1].errors["sku"][0]
    assert "appears twice" in forms[2].errors["sku"][0]


def test_admin_form_accepts_a_valid_product(shop):
    product = ProductPageFactory(parent=shop["rings"], sku="RING-9", title="Ring")

    form = _edit_form(
        product, variants=[{"name": "S", "sku": "RING-9-S", "price_override": "1200", "stock": "1"}]
    )

    assert form.is_valid(), (form.errors, form.formsets["variants"].errors)


def test_admin_form_shows_the_negative_price_message(shop):
    product = ProductPageFactory(parent=shop["rings"], sku="RING-9", title="Ring")

    form = _edit_form(product, {"price": "-5"})

    assert not form.is_valid()
    assert "price" in form.errors
