"""Every fact the policy states that the code decides is rendered from the code's configuration."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from cookie_consent.models import Cookie, CookieGroup
from django import forms
from django.core.management import call_command
from wagtail.models import Site

from home.models import OperatorSettings
from legal import registry
from legal.policy.facts import OPERATOR_FIELDS
from legal.policy.models import Processor
from storefront.accounts.forms import SignupForm
from storefront.checkout.forms import CheckoutForm

OPERATOR = {
    "trading_name": "Zhibek Shop",
    "legal_name": "Zhibek Trading LLP",
    "bin": "987654321012",
    "legal_address": "Abay 1, office 7, Almaty, 050001",
    "shop_address": "Dostyk 42, Almaty",
    "email": "privacy@zhibek.example",
    "phone": "+7 701 555 1234",
    "hosting_provider": "Nordic Racks GmbH (Finland)",
}


def main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def footer(html: str) -> str:
    return html.split('<footer class="site-footer"', 1)[1].split("</footer>", 1)[0]


@pytest.fixture
def operator(policy):
    settings_row = OperatorSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in OPERATOR.items():
        setattr(settings_row, name, value)
    settings_row.save()
    return settings_row


def test_the_eight_operator_fields_are_the_model_fields():
    assert [name for name, _label in OPERATOR_FIELDS] == list(OPERATOR)
    model_fields = {field.name for field in OperatorSettings._meta.get_fields()}
    assert set(OPERATOR) <= model_fields


@pytest.mark.promise("P01")
@pytest.mark.parametrize("field", list(OPERATOR))
def test_each_operator_detail_is_on_the_policy_and_in_the_footer(client, operator, field):
    value = OPERATOR[field]
    policy = client.get("/en/privacy/").content.decode()
    assert value in main(policy), f"{field} missing from the policy"
    home = client.get("/en/").content.decode()
    assert value in footer(home), f"{field} missing from the footer"

    changed = "123123123123" if field == "bin" else f"{value} changed"  # BIN: 12 digits
    setattr(operator, field, changed)
    operator.save()
    policy = client.get("/en/privacy/").content.decode()
    assert changed in main(policy)
    assert changed in footer(client.get("/ru/").content.decode())


@pytest.mark.promise("P35")
def test_the_policy_names_the_controller(client, operator):
    text = re.sub(r"\s+", " ", client.get("/en/privacy/").content.decode())
    assert "Zhibek Trading LLP (trading as Zhibek Shop) is the data controller" in text


def form_fields_on_policy(client, form: str) -> list[str]:
    html = client.get("/en/privacy/").content.decode()
    block = html.split(f'data-form="{form}"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'data-field="([^"]+)"', block)


@pytest.mark.promise("P02")
def test_data_collected_at_checkout_is_read_from_the_checkout_form(client, policy, monkeypatch):
    assert form_fields_on_policy(client, "checkout") == [
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
    ]
    monkeypatch.setitem(
        CheckoutForm.base_fields, "birthday", forms.DateField(label="Date of birth")
    )
    assert form_fields_on_policy(client, "checkout")[-1] == "birthday"
    assert "Date of birth" in client.get("/en/privacy/").content.decode()


@pytest.mark.promise("P03")
def test_data_collected_at_sign_up_is_read_from_the_sign_up_form(client, policy, monkeypatch):
    assert form_fields_on_policy(client, "signup") == [
        "first_name",
        "last_name",
        "email",
        "password1",
        "age_confirmed",
    ]
    html = client.get("/en/privacy/").content.decode()
    assert "stored only as a one-way hash" in html
    monkeypatch.setitem(SignupForm.base_fields, "nickname", forms.CharField(label="Nickname"))
    assert "nickname" in form_fields_on_policy(client, "signup")


def cookie_table(client, language="en") -> dict[str, str]:
    html = client.get(f"/{language}/privacy/").content.decode()
    rows = re.findall(r'<tr class="policy-cookie">(.*?)</tr>', html, re.S)
    table = {}
    for row in rows:
        name = re.search(r"<code>(.*?)</code>", row).group(1)
        table[name] = re.search(r'class="cookie-lifetime">(.*?)</td>', row).group(1)
    return table


@pytest.mark.promise("P14")
@pytest.mark.promise("P34")
def test_cookie_table_lists_every_cookie_with_its_lifetime_from_settings(client, policy, settings):
    table = cookie_table(client)
    assert set(table) == {
        "sessionid",
        "csrftoken",
        "nera_language",
        "nera_consent",
        "messages",
        "ph_*",
    }
    assert table["nera_consent"] == "6 months"
    assert table["sessionid"] == "2 weeks after your last visit"
    settings.COOKIE_CONSENT_MAX_AGE = 30 * 24 * 60 * 60
    assert cookie_table(client)["nera_consent"] == "1 month"
    assert cookie_table(client, "ru")["nera_consent"] == "1 месяц"

    analytics = CookieGroup.objects.get(varname="analytics")
    Cookie.objects.create(cookiegroup=analytics, name="new_tracker", description="A new one.")
    assert "new_tracker" in cookie_table(client)


@pytest.mark.promise("P33")
def test_retention_table_reads_the_registry_and_declares_posthog(client, policy, monkeypatch):
    html = client.get("/en/privacy/").content.decode()
    rows = dict(re.findall(r'data-key="([^"]+)".*?class="retention-period">(.*?)</td>', html, re.S))
    expected = {entry.key for entry in registry.entries() if entry.retention}
    assert expected <= set(rows)
    assert rows["legal.consent_records"] == "1 year"
    assert rows["posthog.analytics"] == "1 year"
    assert "PostHog deletes analytics events after 12 months." in html

    rule = registry.RetentionRule(
        model=Processor, age_field="pk", keep_for=timedelta(days=30), description="Gone."
    )
    monkeypatch.setitem(
        registry._entries,
        "test.wishlists",
        registry.PersonalDataEntry(
            key="test.wishlists",
            description="Wishlists",
            export=lambda person: [],
            erase=lambda person: registry.ErasureResult(),
            retention=rule,
        ),
    )
    html = client.get("/en/privacy/").content.decode()
    assert 'data-key="test.wishlists"' in html and "30 days" in html


@pytest.mark.promise("P18")
def test_processors_table_is_read_from_the_processor_snippets(client, policy):
    assert '<tr class="policy-processor">' not in client.get("/en/privacy/").content.decode()
    Processor.objects.create(
        name="Cloud Mail", purpose="Email", data_shared="Email address",
        server_location="Ireland", transfer_safeguard="",
    )  # fmt: skip
    html = client.get("/en/privacy/").content.decode()
    assert "Cloud Mail" in html and "Ireland" in html


@pytest.mark.promise("P18")
@pytest.mark.promise("P35")
def test_demo_policy_states_what_the_seed_states(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    html = re.sub(r"\s+", " ", client.get("/en/privacy/").content.decode())
    names = re.findall(r'class="processor-name">(.*?)</td>', html)
    assert names == [
        "Hetzner Online GmbH",
        "PostHog",
        "Brevo",
        "Honeybadger",
        "WhatsApp (Meta Platforms)",
    ]
    locations = re.findall(r'class="processor-location">(.*?)</td>', html)
    assert locations == [
        "Germany",
        "European Union",
        "European Union",
        "United States",
        "United States",
    ]
    safeguards = re.findall(r'class="processor-safeguard">(.*?)</td>', html)
    assert safeguards[4] == "EU-U.S. Data Privacy Framework"
    assert "is the data controller" in html
    assert "We do not sell your personal data" in html
    assert "object to processing based on our legitimate interest" in html
    assert "complaint with a data protection authority" in html
    assert "we answer within 30 days" in html
    # P16: the opt-in region is named as the code applies it (OPT_IN_COUNTRY_CODES).
    assert "the EU, the EEA, the United Kingdom and Switzerland only after they accept" in html
    for basis in (
        "Performance of a contract",
        "Legal obligation (GDPR)",
        "Consent (EU, EEA, UK, Switzerland)",
    ):
        assert basis in html
    for code, heading in (("ru", "8. Ваши права"), ("kk", "8. Сіздің құқықтарыңыз")):
        page = client.get(f"/{code}/privacy/").content.decode()
        assert heading in page and "policy-fallback" not in page
        assert "Рамочная программа ЕС–США" in page or "ЕО–АҚШ" in page


def test_rights_link_into_the_account_and_name_the_contact_address(client, operator):
    html = client.get("/ru/privacy/").content.decode()
    link = re.search(r'class="policy-account-link" href="([^"]+)"', html).group(1)
    assert link.startswith("/ru/account/")
    assert client.get(link).status_code in (200, 302)  # 302: sign in first
    assert "mailto:privacy@zhibek.example" in html
