"""The change notice for signed-in shoppers, and the links to the policy (P31)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories.accounts import UserFactory
from tests.factories.checkout import build_shop
from tests.factories.policy import build_policy, publish_change

APRIL = date(2026, 4, 14)
CHANGED_BODY = [("section", {"heading": "Who we are", "text": "<p>Changed.</p>"})]
NOTICE = "Our privacy policy changed on"


@pytest.fixture
def changed_policy(site_pages):
    page = build_policy(site_pages["en"], last_updated=APRIL)
    return page


@pytest.mark.promise("P31")
def test_a_shopper_who_joined_before_a_change_sees_the_notice_once(client, changed_policy):
    user = UserFactory(date_joined=timezone.now() - timedelta(days=400))
    user.privacy_policy_seen = APRIL
    user.save()
    client.force_login(user)
    assert NOTICE not in client.get("/en/").content.decode()

    page = publish_change(changed_policy, body=CHANGED_BODY)
    html = client.get("/en/").content.decode()
    assert NOTICE in html
    versions = page.published_versions
    assert f"/en/privacy/versions/{versions[1]['id']}/compare/{versions[0]['id']}/" in html
    user.refresh_from_db()
    assert user.privacy_policy_seen == page.last_updated
    assert NOTICE not in client.get("/en/").content.decode()


def test_a_minor_change_brings_no_notice(client, changed_policy):
    user = UserFactory(date_joined=timezone.now() - timedelta(days=400))
    user.privacy_policy_seen = APRIL
    user.save()
    client.force_login(user)
    publish_change(changed_policy, body=CHANGED_BODY, minor_change=True)
    assert NOTICE not in client.get("/en/").content.decode()


def test_a_shopper_who_joined_after_the_change_is_not_told(client, changed_policy):
    user = UserFactory()
    client.force_login(user)
    assert NOTICE not in client.get("/en/").content.decode()
    user.refresh_from_db()
    assert user.privacy_policy_seen == APRIL


def test_visitors_see_no_notice(client, changed_policy):
    publish_change(changed_policy, body=CHANGED_BODY)
    assert NOTICE not in client.get("/en/").content.decode()


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
@pytest.mark.parametrize("path", ["", "account/signup/", "checkout/", "cookies/", "basket/"])
def test_footer_and_forms_link_the_policy_in_the_current_language(
    client, site_pages, changed_policy, language, path
):
    if path == "checkout/":
        shop = build_shop(site_pages, translate=False)
        client.post(f"/{language}/basket/add/", {"product": shop["box"].pk, "quantity": 1})
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    html = response.content.decode()
    footer = html.split('<footer class="site-footer"', 1)[1]
    assert f'class="privacy-policy-link" href="/{language}/privacy/"' in footer
    if path in ("account/signup/", "checkout/", "cookies/"):
        main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
        assert f'href="/{language}/privacy/"' in main


def test_the_footer_link_remembered_by_each_worker_follows_a_renamed_policy_at_once(
    client, site_pages, settings, tmp_path
):
    # Production remembers the policy's address per worker for the content generation.
    settings.CONTENT_MEMORY = True
    settings.PAGE_CACHE_STAMP = str(tmp_path / "page-cache.stamp")
    policy = build_policy(site_pages["en"])
    assert 'class="privacy-policy-link" href="/en/privacy/"' in client.get("/en/").content.decode()

    policy.slug = "data-protection"
    policy.save_revision().publish()

    html = client.get("/en/").content.decode()
    assert 'class="privacy-policy-link" href="/en/data-protection/"' in html
