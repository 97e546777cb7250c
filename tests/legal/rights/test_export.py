"""The personal data export (P24, P27, H30): complete, isolated, valid against its schema."""

import json
from pathlib import Path

import jsonschema
import pytest

from legal.registry import entries
from legal.rights.services import export_person, person_for_email, person_for_user
from tests.factories.checkout import InquiryFactory

from .conftest import reauthenticate

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "docs" / "personal-data-export.schema.json").read_text()
)


def validate(document: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(
        document, SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.promise("P24")
@pytest.mark.promise("P27")
@pytest.mark.hardening("H30")
def test_shopper_downloads_everything_as_json_that_matches_the_schema(dana, marat):
    reauthenticate(dana.client)

    response = dana.client.get("/en/account/privacy/export/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="personal-data-')
    document = json.loads(response.content)
    validate(document)
    sections = document["sections"]
    # Every kind of personal data the registry declares is in the file...
    assert set(sections) == {entry.key for entry in entries()}
    # ...with the shopper's records in it.
    account = sections["accounts.user"]["records"]
    assert [row["email"] for row in account] == [dana.email]
    assert sorted(row["label"] for row in sections["accounts.address"]["records"]) == [
        "Home",
        "Work",
    ]
    assert len(sections["checkout.inquiry"]["records"]) == 3  # guest one included
    assert [row["reference"] for row in sections["checkout.order"]["records"]] == [
        dana.order.reference
    ]
    assert [row["action"] for row in sections["legal.consent_records"]["records"]] == ["accept_all"]
    assert sections["legal.cookie_consent_log"]["records"][0]["action"] == "accept"
    assert len(sections["legal.sessions"]["records"]) == 1  # this browser
    assert [row["type"] for row in sections["legal.rights_requests"]["records"]] == ["access"]
    # P03: never the password or its hash.
    assert dana.user.password not in response.content.decode()


@pytest.mark.hardening("H30")
@pytest.mark.promise("P24")
def test_the_export_holds_nothing_of_another_shopper(dana, marat):
    reauthenticate(dana.client)

    text = dana.client.get("/en/account/privacy/export/").content.decode()

    for value in (marat.email, marat.first_name, marat.last_name, marat.phone, marat.street):
        assert value not in text
    assert marat.order.reference not in text
    assert str(marat.user.analytics_id) not in text


@pytest.mark.promise("P24")
def test_staff_export_by_email_covers_guest_checkouts(db):
    InquiryFactory(email="guest@example.com", first_name="Aliya")
    InquiryFactory(email="other@example.com")

    document = export_person(person_for_email("Guest@Example.com"))

    validate(document)
    inquiries = document["sections"]["checkout.inquiry"]["records"]
    assert [row["first_name"] for row in inquiries] == ["Aliya"]
    assert document["sections"]["accounts.user"]["records"] == []


def test_export_of_a_user_is_plain_json(dana):
    document = export_person(person_for_user(dana.user))
    json.dumps(document)  # no datetimes, decimals or lazy strings left
    validate(document)
