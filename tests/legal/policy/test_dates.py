"""The "Last updated" date (P31): publication date on a change, kept on a minor change or
when nothing changed, kept as typed when set by hand, and the source's date in translations."""

from datetime import date

import pytest
from django.utils import timezone
from wagtail.models import Locale

from home.translation import publish_translation
from legal.policy.dates import decide_last_updated
from legal.policy.models import PrivacyPolicyPage
from tests.factories.policy import build_policy, publish_change

APRIL = date(2026, 4, 14)
CHANGED_BODY = [("section", {"heading": "Who we are", "text": "<p>We run a bigger shop.</p>"})]


def shown_date(client, url="/en/privacy/") -> str:
    html = client.get(url).content.decode()
    return html.split('class="policy-last-updated"', 1)[1].split('datetime="', 1)[1][:10]


@pytest.mark.promise("P31")
def test_first_publication_without_a_date_gets_the_publication_day(site_pages, client):
    page = build_policy(site_pages["en"])
    assert page.last_updated == timezone.localdate()
    assert shown_date(client) == timezone.localdate().isoformat()


@pytest.mark.promise("P31")
def test_a_content_change_moves_the_date_to_the_publication_day(site_pages, client):
    page = build_policy(site_pages["en"], last_updated=APRIL)
    assert shown_date(client) == "2026-04-14"
    page = publish_change(page, body=CHANGED_BODY)
    assert page.last_updated == timezone.localdate()
    assert shown_date(client) == timezone.localdate().isoformat()
    assert page.live_revision.content["last_updated"] == timezone.localdate().isoformat()


@pytest.mark.promise("P31")
def test_a_minor_change_keeps_the_date_and_clears_the_tick(site_pages, client):
    page = build_policy(site_pages["en"], last_updated=APRIL)
    page = publish_change(page, body=CHANGED_BODY, minor_change=True)
    assert page.last_updated == APRIL
    assert page.minor_change is False
    assert page.get_latest_revision_as_object().minor_change is False
    assert shown_date(client) == "2026-04-14"
    assert "bigger shop" in client.get("/en/privacy/").content.decode()


@pytest.mark.promise("P31")
def test_publishing_again_without_a_change_keeps_the_date(site_pages):
    page = build_policy(site_pages["en"], last_updated=APRIL)
    page = publish_change(page)
    assert page.last_updated == APRIL


@pytest.mark.promise("P31")
def test_a_date_set_by_hand_is_kept(site_pages, client):
    page = build_policy(site_pages["en"], last_updated=APRIL)
    page = publish_change(page, body=CHANGED_BODY, last_updated=date(2026, 5, 1))
    assert page.last_updated == date(2026, 5, 1)
    assert shown_date(client) == "2026-05-01"


@pytest.mark.promise("P31")
def test_each_translation_shows_the_date_of_the_source_version_it_translates(
    site_pages, client, django_capture_on_commit_callbacks
):
    page = build_policy(site_pages["en"], last_updated=APRIL)
    with django_capture_on_commit_callbacks(execute=True):
        publish_translation(page, "ru", {"Privacy policy": "Политика конфиденциальности"})
    assert shown_date(client, "/ru/privacy/") == "2026-04-14"
    assert "policy-fallback" not in client.get("/ru/privacy/").content.decode()

    page = publish_change(page, body=CHANGED_BODY)  # the source changes today
    ru = page.get_translation(Locale.objects.get(language_code="ru"))
    assert ru.last_updated == APRIL  # not synchronised yet: still the text of April
    ru.save_revision().publish()  # republishing the translation does not move its date
    assert PrivacyPolicyPage.objects.get(pk=ru.pk).last_updated == APRIL

    with django_capture_on_commit_callbacks(execute=True):
        publish_translation(page, "ru", {})  # synchronised with the new source version
    assert shown_date(client, "/ru/privacy/") == timezone.localdate().isoformat()


def test_the_rule_itself():
    today = date(2026, 11, 26)
    old = {"title": "P", "body": "[]", "last_updated": "2026-04-14", "minor_change": False}
    assert decide_last_updated(dict(old), old, today, changed=True) == today
    minor = {**old, "minor_change": True}
    assert decide_last_updated(minor, old, today, changed=True) == APRIL
    assert decide_last_updated(dict(old), old, today, changed=False) == APRIL
    typed = {**old, "last_updated": "2026-05-01"}
    assert decide_last_updated(typed, old, today, changed=True) == date(2026, 5, 1)
    assert decide_last_updated({**old, "last_updated": None}, None, today, changed=True) == today
