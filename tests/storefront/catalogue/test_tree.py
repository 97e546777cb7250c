"""Descendants and children found by a range of paths are exactly Wagtail's."""

import pytest
from wagtail.models import Page

from cms.tree import children_q, descendants_q, next_path
from tests.factories.catalogue import ProductPageFactory


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("0001", "0002"),
        ("00010009", "0001000A"),
        ("0001000Z", "0001001"),
        ("000100ZZ", "000101"),
        ("0001ZZZZ", "0002"),
        ("ZZZZ", None),
    ],
)
def test_next_path_is_the_first_path_after_every_descendant(path, expected):
    assert next_path(path) == expected


def test_ranges_find_the_same_pages_as_wagtail(shop):
    for category in (shop["rings"], shop["scarves"]):
        for number in range(3):
            ProductPageFactory(parent=category, title=f"{category.title} {number}")
    pages = list(Page.objects.all())
    assert len(pages) > 10

    for page in pages:
        wagtail_descendants = set(Page.objects.descendant_of(page).values_list("pk", flat=True))
        wagtail_children = set(Page.objects.child_of(page).values_list("pk", flat=True))
        assert set(Page.objects.filter(descendants_q(page)).values_list("pk", flat=True)) == (
            wagtail_descendants
        ), page.title
        assert set(Page.objects.filter(children_q(page)).values_list("pk", flat=True)) == (
            wagtail_children
        ), page.title


def test_a_page_whose_path_ends_in_z_ends_its_range_at_the_next_branch(shop):
    """No sibling can follow a path ending in Z: the range ends where the parent's next sibling
    (here the Scarves category) begins, and excludes it."""
    rings = shop["rings"]
    last = ProductPageFactory(parent=rings, title="Last ring")
    below = ProductPageFactory(parent=rings, title="Below it")
    Page.objects.filter(pk=last.pk).update(path=rings.path + "ZZZZ")
    Page.objects.filter(pk=below.pk).update(path=rings.path + "ZZZZ0001", depth=last.depth + 1)
    last.refresh_from_db()
    ProductPageFactory(parent=shop["scarves"], title="Blue scarf")

    assert next_path(last.path) == shop["scarves"].path
    found = list(Page.objects.filter(descendants_q(last)).values_list("pk", flat=True))
    assert found == [below.pk]
    assert found == list(Page.objects.descendant_of(last).values_list("pk", flat=True))
