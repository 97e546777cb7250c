"""The WhatsApp message and link (P08): pure functions, decoded and compared with the message."""

from dataclasses import replace
from decimal import Decimal
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storefront.checkout.whatsapp import (
    MAX_LINK_LENGTH,
    InquiryMessage,
    MessageLine,
    full_text,
    whatsapp_link,
)

DIGITS = "77000000000"


def message(**changes) -> InquiryMessage:
    base = InquiryMessage(
        reference="NR-7K3F9Q",
        language="en",
        currency="KZT",
        total=Decimal("28000.50"),
        first_name="Aigerim",
        last_name="Nurlanovna",
        phone="+77071234567",
        street="Abay avenue 10, apt 5",
        building_type="apartment",
        city="Almaty",
        region="Almaty",
        postal_code="050000",
        country="KZ",
        instructions="Ring twice",
        lines=[
            MessageLine("Silver ring", "Size 17", "RING-17", 2, Decimal("12500"), Decimal("25000")),
            MessageLine("Gift box", "", "BOX", 1, Decimal("3000.50"), Decimal("3000.50")),
        ],
    )
    return replace(base, **changes)


def decoded_text(url: str) -> str:
    parts = urlsplit(url)
    assert parts.scheme == "https"
    assert parts.netloc == "wa.me"
    assert parts.path == f"/{DIGITS}"
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert list(query) == ["text"]  # nothing else: no tracking parameters (P08)
    return query["text"][0]


@pytest.mark.promise("P08")
def test_message_lists_items_total_contact_and_address():
    text = full_text(message())

    assert text.splitlines() == [
        "Hello! I would like to order (NR-7K3F9Q):",
        "1. Silver ring (Size 17) [RING-17] × 2 = ₸25,000",
        "2. Gift box [BOX] × 1 = ₸3,000.50",
        "Total: ₸28,000.50",
        "",
        "Name: Aigerim Nurlanovna",
        "Phone: +77071234567",
        "Address: Abay avenue 10, apt 5, Apartment, Almaty, Almaty, 050000, Kazakhstan",
        "Delivery instructions: Ring twice",
    ]


@pytest.mark.promise("P08")
def test_link_decodes_to_the_message():
    link = whatsapp_link(message(), DIGITS)

    assert not link.shortened
    assert decoded_text(link.url) == link.text == full_text(message())
    assert len(link.url) < MAX_LINK_LENGTH


@pytest.mark.promise("P08")
@pytest.mark.parametrize(
    "tricky",
    [
        "A+B & C #5 100% ?x=1 / \\",
        "Gift 🎁 for mum 👩‍👧",
        "Кольцо серебряное, подъезд 3",
        "Күміс сақина әғқңөұүһі ӘҒҚҢӨҰҮҺІ",
        "line one\nline two\r\nline three",
    ],
)
def test_special_characters_survive_the_round_trip(tricky):
    msg = message(
        instructions=tricky,
        first_name=tricky.splitlines()[0],
        lines=[MessageLine(tricky, tricky, "SKU+1", 1, Decimal("10"), Decimal("10"))],
    )
    link = whatsapp_link(msg, DIGITS)

    query = urlsplit(link.url).query
    assert query.startswith("text=")
    for raw in "+&# \n":
        assert raw not in query[len("text=") :]  # every one percent-encoded
    assert unquote(query[len("text=") :]) == link.text
    assert decoded_text(link.url) == link.text
    assert tricky.splitlines()[0] in link.text


@pytest.mark.promise("P08")
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ru", "Итого: 28\u00a0000,50\u00a0₸"),
        ("kk", "Барлығы: 28\u00a0000,50\u00a0₸"),
    ],
)
def test_message_is_in_the_shoppers_language(language, expected):
    text = full_text(message(language=language))

    assert expected in text.splitlines()


@pytest.mark.promise("P08")
def test_long_orders_fall_back_to_a_summary_under_the_cap():
    lines = [
        MessageLine(
            f"Серебряное кольцо №{n}", "Размер 17", f"RING-{n}", 1, Decimal("1"), Decimal("1")
        )
        for n in range(40)
    ]
    msg = message(lines=lines, language="ru")

    link = whatsapp_link(msg, DIGITS)

    assert link.shortened
    assert len(link.url) < MAX_LINK_LENGTH
    assert decoded_text(link.url) == link.text
    text = link.text
    assert "NR-7K3F9Q" in text
    assert "40 товаров" in text
    assert "Итого: 28\u00a0000,50\u00a0₸" in text
    assert "Aigerim Nurlanovna" in text
    assert "+77071234567" in text
    assert "@" not in text
    assert "Серебряное кольцо №1" not in text


def test_even_absurd_contact_details_fit_under_the_cap():
    msg = message(first_name="Ә" * 400, last_name="Ү" * 400, street="Ж" * 200)

    link = whatsapp_link(msg, DIGITS)

    assert len(link.url) < MAX_LINK_LENGTH
    assert decoded_text(link.url) == link.text
    assert link.text.startswith("Hello! I would like to order (NR-7K3F9Q):")


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(max_size=600),
    quantity=st.integers(min_value=1, max_value=99),
    count=st.integers(min_value=1, max_value=30),
)
def test_any_text_round_trips_and_stays_under_the_cap(text, quantity, count):
    lines = [MessageLine(text, text, "SKU", quantity, Decimal("1"), Decimal(quantity))] * count
    msg = message(first_name=text[:100], instructions=text, lines=lines)

    link = whatsapp_link(msg, DIGITS)

    assert len(link.url) < MAX_LINK_LENGTH
    assert decoded_text(link.url) == link.text


def test_builder_does_not_touch_the_database(django_assert_num_queries):
    # No `db` fixture: any query would fail this test.
    link = whatsapp_link(message(), DIGITS)
    assert link.url.startswith("https://wa.me/77000000000?text=")
