import re
from itertools import cycle

import pytest

from storefront.checkout.reference import ALPHABET, looks_like_reference, new_reference
from storefront.checkout.services import submit_inquiry


@pytest.mark.hardening("H09")
def test_references_are_short_unambiguous_and_random():
    references = {new_reference() for _ in range(2000)}

    assert len(references) == 2000
    for reference in references:
        assert re.fullmatch(r"NR-[2346789ACDEFGHJKMNPQRTUVWXYZ]{6}", reference)
        assert looks_like_reference(reference)
    assert not set("01IOL5SB") & set(ALPHABET)


def test_odd_values_are_not_references():
    for value in ["", "NR-", "NR-0000000", "nr-7k3f9q", "NR-7K3F9Q/../", "NR-7K3F9QQ", "1"]:
        assert not looks_like_reference(value)


def test_a_colliding_reference_is_retried(db, monkeypatch, site_pages):
    from django.contrib.sessions.backends.db import SessionStore

    from storefront.basket.services import Basket
    from storefront.checkout import services
    from tests.factories.checkout import InquiryFactory, build_shop

    shop = build_shop(site_pages, translate=False)
    InquiryFactory(reference="NR-222222")
    fresh = cycle(["NR-222222", "NR-222222", "NR-333333"])
    monkeypatch.setattr(services, "new_reference", lambda: next(fresh))
    basket = Basket(SessionStore())
    basket.add(shop["box"], None, 1)

    submission = submit_inquiry(
        basket,
        fields={
            "first_name": "A",
            "last_name": "B",
            "email": "a@example.com",
            "phone": "+77071234567",
            "street": "S",
            "building_type": "house",
            "city": "Almaty",
            "region": "",
            "postal_code": "",
            "country": "KZ",
            "instructions": "",
        },
        language="en",
    )

    assert submission.inquiry.reference == "NR-333333"
