from io import StringIO
from types import SimpleNamespace

from storefront.checkout import demo
from storefront.checkout.models import Inquiry, Order


def test_demo_inquiries_are_idempotent(db):
    command = SimpleNamespace(stdout=StringIO())

    demo.seed(command)
    demo.seed(command)

    assert Inquiry.objects.count() == 2
    assert Order.objects.count() == 1
    assert Order.objects.get().reference == "NR-DEM246"
