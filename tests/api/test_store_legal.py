"""Consent and public settings through the API; CORS for the configured origins only."""

import json
import re

import pytest
from django.test import override_settings

from legal.models import ConsentRecord
from tests.api.conftest import STORE, csrf_headers


@pytest.fixture
def eu_visitor(settings):
    settings.COUNTRY_HEADER = "CF-IPCountry"
    return {"HTTP_CF_IPCOUNTRY": "DE"}


@pytest.mark.promise("P16")
@pytest.mark.hardening("H24")
def test_an_eu_visitor_reads_and_sets_consent(api_client, site_pages, eu_visitor):
    before = api_client.get(f"{STORE}/consent/", **eu_visitor).json()
    assert (before["eu_rules"], before["analytics_allowed"], before["show_banner"]) == (
        True,
        False,
        True,
    )
    assert [group["varname"] for group in before["groups"]] == ["essential", "analytics"]

    response = api_client.post(
        f"{STORE}/consent/",
        json.dumps({"action": "accept_all"}),
        content_type="application/json",
        **eu_visitor,
        **csrf_headers(api_client),
    )

    assert response.status_code == 200
    assert response.json()["analytics_allowed"] is True
    record = ConsentRecord.objects.get()
    assert record.accepted == ["analytics"]
    assert "nera_consent" in response.cookies
    after = api_client.get(f"{STORE}/consent/", **eu_visitor).json()
    assert (after["analytics_choice"], after["show_banner"]) == (True, False)


@pytest.mark.promise("P28")
def test_withdrawal_through_the_api_takes_effect_at_once(api_client, site_pages, eu_visitor):
    headers = {**eu_visitor, **csrf_headers(api_client)}
    api_client.post(
        f"{STORE}/consent/", '{"action": "accept_all"}', content_type="application/json", **headers
    )
    api_client.cookies["ph_phc_key_posthog"] = "x"

    response = api_client.post(
        f"{STORE}/consent/", '{"action": "reject_all"}', content_type="application/json", **headers
    )

    assert response.json()["analytics_allowed"] is False
    assert response.cookies["ph_phc_key_posthog"]["max-age"] == 0


@pytest.mark.hardening("H11")
def test_setting_consent_needs_the_csrf_token(api_client, site_pages):
    response = api_client.post(
        f"{STORE}/consent/", '{"action": "accept_all"}', content_type="application/json"
    )

    assert response.status_code == 403
    assert not ConsentRecord.objects.exists()


@pytest.mark.hardening("H09")
def test_no_endpoint_returns_someone_elses_consent_records(api_client, site_pages):
    """The API has no listing of consent records; reading consent is this visitor's state only."""
    other = api_client.__class__(enforce_csrf_checks=True)
    other.post(
        f"{STORE}/consent/",
        '{"action": "accept_all"}',
        content_type="application/json",
        **csrf_headers(other),
    )
    record = ConsentRecord.objects.get()

    mine = api_client.get(f"{STORE}/consent/").content.decode()
    schema = api_client.get(f"{STORE}/openapi.json").content.decode()

    assert str(record.consent_id) not in mine
    assert "ConsentRecord" not in schema and "consent_id" not in schema


@pytest.mark.promise("P01")
def test_public_settings_come_from_the_cms(api_client, shop):
    data = api_client.get(f"{STORE}/settings/", {"lang": "kk"}).json()

    assert data["whatsapp_number"] == "+7 707 762 8700"
    assert data["operator"]["whatsapp_number"] == "+7 707 762 8700"
    assert data["language"] == "kk"
    assert [language["code"] for language in data["languages"]] == ["en", "ru", "kk"]
    assert data["currency"] == "KZT"
    assert {group["varname"] for group in data["cookie_groups"]} == {"essential", "analytics"}


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.com"])
def test_cors_answers_only_the_configured_origins(client, shop):
    allowed = client.options(
        f"{STORE}/basket/",
        HTTP_ORIGIN="https://app.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-basket-token, content-type",
    )
    refused = client.get(f"{STORE}/products/", HTTP_ORIGIN="https://evil.example.net")
    page = client.get("/en/", HTTP_ORIGIN="https://app.example.com")

    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "x-basket-token" in allowed["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Origin" not in refused
    assert "Access-Control-Allow-Origin" not in page  # only the APIs


@pytest.mark.promise("P18")
def test_docs_and_schemas_are_served(client, site_pages):
    for path in (f"{STORE}/openapi.json", "/api/v3/openapi.json"):
        schema = client.get(path).json()
        assert schema["openapi"].startswith("3.")
    for docs in (f"{STORE}/docs/", "/api/v3/docs/"):
        page = client.get(docs)
        assert page.status_code == 200
        html = page.content.decode()
        # P18: the docs page loads Swagger UI from this site, never from a CDN.
        assert "/static/ninja/swagger-ui-bundle.js" in html
        assert "cdn" not in html.lower()


def test_every_reference_in_the_schema_resolves(client, site_pages):
    schema = client.get(f"{STORE}/openapi.json").json()
    text = json.dumps(schema)
    names = set(re.findall(r'"#/components/schemas/([^"]+)"', text))

    assert names and names <= set(schema["components"]["schemas"])
