import pytest

from tests.factories.accounts import UserFactory
from tests.factories.legal import ConsentRecordFactory


@pytest.mark.hardening("H24")
def test_auditor_sees_consent_records_read_only(client, site_pages):
    record = ConsentRecordFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = client.get("/admin/consent_records/")
    assert listing.status_code == 200
    assert str(record.consent_id) in listing.content.decode()
    inspect = client.get(f"/admin/consent_records/inspect/{record.pk}/")
    assert inspect.status_code == 200
    assert "analytics" in inspect.content.decode()

    for path in (
        "/admin/consent_records/add/",
        f"/admin/consent_records/edit/{record.pk}/",
        f"/admin/consent_records/delete/{record.pk}/",
    ):
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            assert "/admin/" in response["Location"]
    assert client.post(f"/admin/consent_records/delete/{record.pk}/").status_code in (302, 403)
    record.refresh_from_db()
