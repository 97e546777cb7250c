import importlib
import re
import sys
import uuid
from datetime import timedelta

import pytest
from cookie_consent.models import Cookie, CookieGroup, LogItem
from django.test import override_settings

from legal.models import ConsentAction, ConsentRecord
from legal.registry import Person, entries, retention_rules
from tests.factories.accounts import UserFactory
from tests.factories.legal import ConsentRecordFactory

from .conftest import EU_IPV4, US_IPV4

KEY = "phc_testkey"
PH_COOKIE = f"ph_{KEY}_posthog"


@pytest.fixture
def analytics_on(settings, cookie_groups, site_pages):
    settings.POSTHOG_KEY = KEY
    settings.POSTHOG_HOST = "https://eu.i.posthog.com"


def consent_cookie_dict(client):
    raw = client.cookies["nera_consent"].value
    return dict(part.split("=", 1) for part in raw.split("|") if "=" in part)


def buttons(html):
    """(tag, class, value) of every button in the consent banner's form."""
    banner = re.search(r'<section class="consent-banner".*?</section>', html, re.S).group(0)
    return re.findall(
        r'<(button) type="submit" class="([^"]+)" name="action" value="([^"]+)"', banner
    )


@pytest.mark.promise("P16")
@pytest.mark.hardening("H21")
@pytest.mark.hardening("H22")
def test_eu_visitor_sees_equal_choices_and_no_analytics(client, analytics_on):
    response = client.get("/en/", REMOTE_ADDR=EU_IPV4)
    html = response.content.decode()

    found = buttons(html)
    assert [value for _tag, _cls, value in found] == ["accept_all", "reject_all", "settings"]
    assert len({(tag, cls) for tag, cls, _value in found}) == 1  # same element, same class
    assert "analytics.js" not in html
    assert "nera-analytics-config" not in html
    assert "posthog.com" not in html
    assert not [name for name in response.cookies if name.startswith("ph_")]
    # The settings page ticks nothing for a visitor who has not chosen.
    settings_html = client.get("/en/cookies/", REMOTE_ADDR=EU_IPV4).content.decode()
    assert 'name="groups" value="analytics" id="group-analytics">' in settings_html
    assert "checked" not in re.search(r'<input[^>]*value="analytics"[^>]*>', settings_html).group(0)


@pytest.mark.promise("P17")
def test_non_eu_visitor_gets_analytics_by_default_and_a_notice(client, analytics_on):
    html = client.get("/en/", REMOTE_ADDR=US_IPV4).content.decode()
    assert 'class="consent-notice"' in html
    assert 'class="consent-banner"' not in html
    assert 'href="/en/cookies/"' in html
    assert "js/analytics.js" in html
    assert '"key": "phc_testkey"' in html
    assert '"apiHost": "https://eu.i.posthog.com"' in html


def test_no_key_means_no_script_at_all(client, settings, cookie_groups, site_pages):
    settings.POSTHOG_KEY = ""
    html = client.get("/en/", REMOTE_ADDR=US_IPV4).content.decode()
    assert "analytics.js" not in html
    assert "posthog" not in html.lower()


def test_cms_setting_overrides_the_environment_key(client, settings, cookie_groups, site_pages):
    from wagtail.models import Site

    from legal.models import AnalyticsSettings

    settings.POSTHOG_KEY = ""
    AnalyticsSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"posthog_key": "phc_fromcms"}
    )
    html = client.get("/en/", REMOTE_ADDR=US_IPV4).content.decode()
    assert '"key": "phc_fromcms"' in html


@pytest.mark.promise("P16")
@pytest.mark.promise("P14")
@pytest.mark.hardening("H24")
def test_accept_is_recorded_with_consent_id_and_version_but_no_ip(client, analytics_on):
    response = client.post(
        "/en/cookies/", {"action": "accept_all", "next": "/en/"}, REMOTE_ADDR=EU_IPV4
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/"

    morsel = response.cookies["nera_consent"]
    assert int(morsel["max-age"]) == 182 * 24 * 3600  # P14: six months
    assert morsel["httponly"]
    values = consent_cookie_dict(client)
    record = ConsentRecord.objects.get()
    assert values["_cid"] == record.consent_id.hex
    analytics = CookieGroup.objects.get(varname="analytics")
    assert values["analytics"] == analytics.get_version()
    assert record.action == ConsentAction.ACCEPT_ALL
    assert record.accepted == ["analytics"]
    assert record.declined == []
    assert record.group_versions == {"analytics": analytics.get_version()}
    assert record.is_eu is True
    assert EU_IPV4 not in str(record.as_export())
    assert LogItem.objects.filter(action=1).count() == 1  # the library's own log too

    html = client.get("/en/", REMOTE_ADDR=EU_IPV4).content.decode()
    assert 'class="consent-banner"' not in html
    assert "js/analytics.js" in html


@pytest.mark.promise("P16")
@pytest.mark.hardening("H22")
def test_reject_keeps_analytics_off_and_the_site_works(client, analytics_on):
    client.post("/en/cookies/", {"action": "reject_all", "next": "/en/"}, REMOTE_ADDR=EU_IPV4)
    record = ConsentRecord.objects.get()
    assert record.action == ConsentAction.REJECT_ALL
    assert record.accepted == []
    assert record.declined == ["analytics"]
    for path in ("/en/", "/ru/", "/kk/", "/en/cookies/"):
        response = client.get(path, REMOTE_ADDR=EU_IPV4)
        assert response.status_code == 200
        html = response.content.decode()
        assert "analytics.js" not in html
        assert 'class="consent-banner"' not in html
        assert '{"analytics": false}' in html


@pytest.mark.promise("P28")
@pytest.mark.promise("P17")
@pytest.mark.hardening("H23")
def test_withdrawal_expires_posthog_cookies_at_once(client, analytics_on):
    client.cookies[PH_COOKIE] = '{"distinct_id": "abc"}'
    client.cookies["__ph_opt_in_out_" + KEY] = "1"
    response = client.post(
        "/en/cookies/", {"action": "save", "next": "/en/cookies/"}, REMOTE_ADDR=US_IPV4
    )
    assert response.cookies[PH_COOKIE]["max-age"] == 0
    assert response.cookies["__ph_opt_in_out_" + KEY]["max-age"] == 0
    record = ConsentRecord.objects.get()
    assert record.action == ConsentAction.CUSTOM
    assert record.declined == ["analytics"]
    assert record.is_eu is False
    html = client.get("/en/cookies/", REMOTE_ADDR=US_IPV4).content.decode()
    assert "js/analytics.js" not in html
    assert '{"analytics": false}' in html  # consent.js clears ph_* storage on this page
    assert "Analytics is currently off." in html


@pytest.mark.promise("P16")
def test_server_expires_posthog_cookies_of_a_visitor_without_consent(client, analytics_on):
    client.cookies[PH_COOKIE] = '{"distinct_id": "abc"}'
    response = client.get("/en/", REMOTE_ADDR=EU_IPV4)
    assert response.cookies[PH_COOKIE]["max-age"] == 0


def test_choices_keep_the_same_consent_id(client, analytics_on):
    client.post("/en/cookies/", {"action": "accept_all"}, REMOTE_ADDR=EU_IPV4)
    client.post("/en/cookies/", {"action": "reject_all"}, REMOTE_ADDR=EU_IPV4)
    assert ConsentRecord.objects.values("consent_id").distinct().count() == 1
    assert ConsentRecord.objects.count() == 2


@pytest.mark.hardening("H24")
def test_banner_returns_when_the_cookie_groups_change(client, analytics_on):
    client.post("/en/cookies/", {"action": "accept_all"}, REMOTE_ADDR=EU_IPV4)
    assert 'class="consent-banner"' not in client.get("/en/", REMOTE_ADDR=EU_IPV4).content.decode()

    group = CookieGroup.objects.get(varname="analytics")
    Cookie.objects.create(cookiegroup=group, name="ph_new", description="A new cookie")

    html = client.get("/en/", REMOTE_ADDR=EU_IPV4).content.decode()
    assert 'class="consent-banner"' in html
    assert "analytics.js" not in html


def test_open_redirects_are_refused(client, analytics_on):
    response = client.post(
        "/en/cookies/", {"action": "reject_all", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/en/cookies/?saved=1"


def test_settings_button_leads_to_the_settings_page(client, analytics_on):
    response = client.post("/en/cookies/", {"action": "settings"})
    assert response["Location"] == "/en/cookies/"
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", ("Analytics", "counts anonymised page views", "Essential")),
        ("ru", ("Аналитика", "считает обезличенные просмотры", "Необходимые")),
        ("kk", ("Аналитика", "иесіздендірілген бет қаралымдары", "Қажетті")),
    ],
)
def test_cookie_groups_are_described_in_each_language(client, analytics_on, language, text):
    html = client.get(f"/{language}/cookies/").content.decode()
    name, description, essential = text
    assert f"<legend>{name}</legend>" in html
    assert description in html
    assert f"<legend>{essential}</legend>" in html


@pytest.mark.promise("P28")
def test_cookie_settings_linked_from_every_page_footer(client, analytics_on):
    for language in ("en", "ru", "kk"):
        html = client.get(f"/{language}/").content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert f'href="/{language}/cookies/"' in footer


@pytest.mark.promise("P14")
@pytest.mark.hardening("H25")
def test_consent_cookie_is_secure_in_production(monkeypatch, client, analytics_on):
    for name, value in {
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "shop.example.com",
        "WAGTAILADMIN_BASE_URL": "https://shop.example.com",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
    }.items():
        monkeypatch.setenv(name, value)
    sys.modules.pop("cms.settings.production", None)
    production = importlib.import_module("cms.settings.production")
    sys.modules.pop("cms.settings.production", None)
    assert production.COOKIE_CONSENT_SECURE is True
    assert production.COOKIE_CONSENT_MAX_AGE == 182 * 24 * 3600

    with override_settings(COOKIE_CONSENT_SECURE=True):
        response = client.post("/en/cookies/", {"action": "reject_all"})
    assert response.cookies["nera_consent"]["secure"]


@pytest.mark.promise("P24")
def test_visitor_downloads_their_consent_records(client, analytics_on):
    client.post("/en/cookies/", {"action": "accept_all"})
    ConsentRecordFactory()  # someone else's
    data = client.get("/en/cookies/records.json").json()
    assert len(data["consent_records"]) == 1
    assert data["consent_records"][0]["action"] == "accept_all"


@pytest.mark.promise("P23")
def test_consent_records_are_registered_personal_data(db):
    entry = next(item for item in entries() if item.key == "legal.consent_records")
    rule = next(rule for rule in retention_rules() if rule.model is ConsentRecord)
    assert rule.keep_for == timedelta(days=365)
    assert rule.age_field == "created_at"

    user = UserFactory()
    mine = ConsentRecordFactory(user=user)
    other = ConsentRecordFactory(user=UserFactory())
    anonymous = ConsentRecordFactory()
    exported = entry.export(Person(email=user.email, user=user))
    assert [row["consent_id"] for row in exported] == [str(mine.consent_id)]
    by_email = entry.export(Person(email=user.email.upper()))
    assert [row["consent_id"] for row in by_email] == [str(mine.consent_id)]

    result = entry.erase(Person(email=user.email, user=user))
    assert result.removed == 1
    assert set(ConsentRecord.objects.values_list("pk", flat=True)) == {other.pk, anonymous.pk}


def test_signed_in_choice_is_tied_to_the_user(client, analytics_on):
    user = UserFactory()
    client.force_login(user)
    client.post("/en/cookies/", {"action": "accept_all"})
    record = ConsentRecord.objects.get()
    assert record.user == user
    assert isinstance(record.consent_id, uuid.UUID)


def test_demo_seed_is_idempotent(db):
    from legal import demo

    class Command:
        class stdout:  # noqa: N801 - a stand-in for BaseCommand.stdout
            write = staticmethod(lambda text: None)

    demo.seed(Command)
    counts = (CookieGroup.objects.count(), Cookie.objects.count())
    demo.seed(Command)
    assert (CookieGroup.objects.count(), Cookie.objects.count()) == counts
    assert set(CookieGroup.objects.values_list("varname", flat=True)) >= {"essential", "analytics"}


def test_pages_vary_by_the_country_header(client, analytics_on, settings):
    settings.COUNTRY_HEADER = "CF-IPCountry"
    response = client.get("/en/", HTTP_CF_IPCOUNTRY="DE")
    assert "CF-IPCountry" in response["Vary"]
    assert 'class="consent-banner"' in response.content.decode()
    assert 'class="consent-notice"' in client.get("/en/", HTTP_CF_IPCOUNTRY="US").content.decode()


@pytest.mark.promise("P16")
@pytest.mark.parametrize("country", ["NO", "IS", "LI", "GB", "CH", "DE"])
def test_eea_uk_and_swiss_visitors_get_opt_in_and_no_analytics(
    client, analytics_on, settings, country
):
    settings.COUNTRY_HEADER = "CF-IPCountry"

    response = client.get("/en/", HTTP_CF_IPCOUNTRY=country)
    html = response.content.decode()

    assert 'class="consent-banner"' in html
    assert "js/analytics.js" not in html and "posthog.com" not in html


@pytest.mark.promise("P17")
@pytest.mark.parametrize("country", ["US", "KZ", "TR"])
def test_visitors_outside_the_opt_in_region_get_analytics_by_default(
    client, analytics_on, settings, country
):
    settings.COUNTRY_HEADER = "CF-IPCountry"

    html = client.get("/en/", HTTP_CF_IPCOUNTRY=country).content.decode()

    assert 'class="consent-notice"' in html and "js/analytics.js" in html


@pytest.mark.promise("P16")
def test_the_opt_in_region_is_a_setting_from_the_environment(monkeypatch):
    from cms.settings import base

    try:
        monkeypatch.setenv("OPT_IN_COUNTRY_CODES", "de,kz")
        importlib.reload(base)
        assert base.OPT_IN_COUNTRY_CODES == ["DE", "KZ"]
        monkeypatch.delenv("OPT_IN_COUNTRY_CODES")
        importlib.reload(base)
        assert {"IS", "LI", "NO", "GB", "CH"} <= set(base.OPT_IN_COUNTRY_CODES)
        assert set(base.EU_COUNTRY_CODES) < set(base.OPT_IN_COUNTRY_CODES)
    finally:
        importlib.reload(base)


@pytest.mark.promise("P16")
def test_a_country_added_to_the_opt_in_setting_waits_for_consent(client, analytics_on, settings):
    settings.COUNTRY_HEADER = "CF-IPCountry"
    settings.OPT_IN_COUNTRY_CODES = [*settings.OPT_IN_COUNTRY_CODES, "KZ"]

    html = client.get("/en/", HTTP_CF_IPCOUNTRY="KZ").content.decode()

    assert 'class="consent-banner"' in html and "js/analytics.js" not in html
