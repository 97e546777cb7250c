"""Staff lists of inquiries and orders: CSV exports with their rows, one heading per column,
totals written as money, and the reference opening the inquiry."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.test import Client

from storefront.checkout.services import record_order
from tests.factories.accounts import UserFactory
from tests.factories.checkout import InquiryFactory


@pytest.fixture
def staff(db):
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def exported(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_inquiries_csv_has_a_row_per_inquiry(staff):
    InquiryFactory(reference="NR-AAAAAA", first_name="=HYPERLINK(1)", last_name="Ömer")
    InquiryFactory(reference="NR-BBBBBB", first_name="Dana", total=Decimal("16500.00"))

    response = staff.get("/admin/checkout/inquiries/", {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('inquiries.csv"')
    header, *rows = [row for row in exported(response) if any(cell.strip() for cell in row)]
    assert len(rows) == 2
    assert header[:3] == ["Reference", "Status", "Submitted"]
    by_reference = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert by_reference["NR-BBBBBB"]["First name"] == "Dana"
    assert by_reference["NR-BBBBBB"]["Total"] == "16500.00"
    assert by_reference["NR-AAAAAA"]["First name"] == "'=HYPERLINK(1)"  # no formula injection
    assert by_reference["NR-AAAAAA"]["Last name"] == "Ömer"
    assert "Silver ring (Size 17) [RING-17] x 2 = 25000.00" in by_reference["NR-AAAAAA"].values()


@pytest.mark.parametrize("url", ["/admin/checkout/inquiries/", "/admin/checkout/orders/"])
def test_no_two_export_columns_share_a_heading(staff, url):
    record_order(InquiryFactory())

    header = exported(staff.get(url, {"export": "csv"}))[0]

    assert len(header) == len(set(header)), header
    assert "Products" in header and "Number of items" in header


def test_totals_in_the_lists_are_written_as_money(staff):
    inquiry = InquiryFactory(total=Decimal("16500.00"))
    record_order(InquiryFactory(total=Decimal("1234567.50")))

    inquiries = staff.get("/admin/checkout/inquiries/").content.decode()
    orders = staff.get("/admin/checkout/orders/").content.decode()

    assert "₸16,500" in inquiries
    assert "16500.00" not in inquiries
    assert "₸1,234,567.50" in orders
    assert "1234567.50" not in orders
    assert inquiry.reference in inquiries


def test_the_reference_in_the_list_opens_the_inquiry(staff):
    inquiry = InquiryFactory(reference="NR-EEEEEE")

    listing = staff.get("/admin/checkout/inquiries/").content.decode()
    link = re.search(r'<a href="([^"]+)"[^>]*>\s*NR-EEEEEE', listing)

    assert link, "the reference is not a link"
    assert link.group(1) == f"/admin/checkout/inquiries/inspect/{inquiry.pk}/"
    opened = staff.get(link.group(1)).content.decode()
    assert inquiry.email in opened and "Silver ring (Size 17)" in opened
