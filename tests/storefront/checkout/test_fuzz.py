"""H14: arbitrary text in every checkout field never gives a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Site

from home.models import OperatorSettings
from storefront.checkout.models import Inquiry
from tests.factories.checkout import build_shop

FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "street",
    "building_type",
    "city",
    "region",
    "postal_code",
    "country",
    "instructions",
    "save_address",
    "token",
]
# Text as browsers could send it (no NUL: Django's form fields refuse it cleanly, tested below).
anything = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300
)


@pytest.mark.hardening("H14")
@pytest.mark.hardening("H16")
@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.fixed_dictionaries({name: anything for name in FIELDS}),
    language=st.sampled_from(["en", "ru", "kk"]),
)
def test_arbitrary_text_in_every_field_never_breaks_checkout(client, shop_for_fuzz, data, language):
    client.post(f"/{language}/basket/add/", {"product": shop_for_fuzz["box"].pk, "quantity": 1})

    response = client.post(f"/{language}/checkout/", data)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors
    else:
        inquiry = Inquiry.objects.order_by("-pk").first()
        # Accepted data round-trips unchanged (apart from the phone's E.164 form).
        assert inquiry.first_name == data["first_name"].strip()
        assert inquiry.phone.startswith("+")


@pytest.fixture
def shop_for_fuzz(site_pages):
    operator = OperatorSettings.for_site(Site.objects.get(is_default_site=True))
    operator.whatsapp_number = "+77000000000"
    operator.save()
    return build_shop(site_pages, translate=False)


@pytest.mark.hardening("H14")
@pytest.mark.hardening("H16")
def test_nul_bytes_and_huge_values_are_refused_cleanly(client, shop_for_fuzz):
    client.post("/en/basket/add/", {"product": shop_for_fuzz["box"].pk, "quantity": 1})
    data = {name: "a\x00b" for name in FIELDS}
    data["instructions"] = "x" * 100_000

    response = client.post("/en/checkout/", data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Inquiry.objects.exists()


free_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=100
).filter(lambda value: value.strip())


@pytest.mark.hardening("H14")
@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first_name=free_text, street=free_text, instructions=free_text)
def test_accepted_text_round_trips_unchanged(
    client, shop_for_fuzz, first_name, street, instructions
):
    client.post("/en/basket/add/", {"product": shop_for_fuzz["box"].pk, "quantity": 1})
    data = {
        "first_name": first_name,
        "last_name": "Serik",
        "email": "dana@example.com",
        "phone": "+77071234567",
        "street": street,
        "building_type": "house",
        "city": "Almaty",
        "country": "KZ",
        "instructions": instructions,
    }

    response = client.post("/en/checkout/", data)

    assert response.status_code == 302
    inquiry = Inquiry.objects.order_by("-pk").first()
    assert (inquiry.first_name, inquiry.street, inquiry.instructions) == (
        first_name.strip(),
        street.strip(),
        instructions.strip(),
    )
