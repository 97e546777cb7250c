"""The privacy policy in a real browser: the cookie inventory (P34) and an editor's change (P31)."""

import re
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone
from posthog import Posthog
from wagtail.models import Site

from home.models import OperatorSettings
from legal.consent import ensure_cookie_groups
from legal.policy.facts import is_disclosed
from tests.e2e.test_consent import Visitor
from tests.factories.accounts import UserFactory
from tests.factories.checkout import build_shop
from tests.factories.home import build_site
from tests.factories.policy import build_policy

KEY = "phc_policytest"


def disclosed_names(page, base_url) -> list[str]:
    page.goto(base_url + "/en/privacy/")
    return page.locator("table.policy-cookies td.cookie-name code").all_inner_texts()


@pytest.mark.promise("P34")
@pytest.mark.promise("P14")
def test_every_cookie_and_storage_key_the_browser_receives_is_in_the_policy(
    browser, live_server, transactional_db, settings, monkeypatch
):
    # The server's own events go nowhere (the browser's go to the stub of test_consent).
    monkeypatch.setattr(
        "analytics.client._client", lambda key, host: Posthog(key, host=host, disabled=True)
    )
    settings.COUNTRY_HEADER = "CF-IPCountry"
    settings.POSTHOG_KEY = KEY
    settings.POSTHOG_HOST = "https://eu.i.posthog.com"
    pages = build_site()
    ensure_cookie_groups()
    operator = OperatorSettings.for_site(Site.objects.get(is_default_site=True))
    operator.whatsapp_number = "+7 700 000 0000"
    operator.save()
    shop = build_shop(pages)
    build_policy(pages["en"])
    user = UserFactory(email="dana@example.com")
    user.set_password("a long pass phrase 42")
    user.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    seen: set[str] = set()

    def collect(visitor):
        seen.update(cookie["name"] for cookie in visitor.context.cookies())
        seen.update(
            visitor.page.evaluate(
                "() => Object.keys(localStorage).concat(Object.keys(sessionStorage))"
            )
        )

    for country in ("DE", "KZ"):  # EU (opt-in) and elsewhere (analytics by default)
        visitor = Visitor(browser, live_server.url, country)
        page = visitor.page

        visitor.goto("/en/")  # browse
        collect(visitor)
        visitor.goto(shop["ring"].get_url())
        page.click("form.add-to-basket button[type=submit]")  # basket
        page.wait_for_url("**/en/basket/")
        collect(visitor)
        visitor.goto("/en/checkout/")  # checkout
        page.fill("#id_first_name", "Dana")
        page.fill("#id_last_name", "Sapar")
        page.fill("#id_email", "dana@example.com")
        page.fill("#id_phone", "+7 707 123 45 67")
        page.fill("#id_street", "Abay 10")
        page.fill("#id_city", "Almaty")
        page.fill("#id_postal_code", "050000")
        # The EU banner may cover the button; the form is sent as the button would send it.
        with page.expect_navigation():
            page.locator("form.checkout-form").evaluate("form => form.requestSubmit()")
        page.wait_for_load_state("networkidle")
        collect(visitor)
        if page.locator(".consent-banner").count():  # consent accept
            visitor.click_and_wait("Accept all")
        else:
            visitor.goto("/en/cookies/")
            visitor.click_and_wait("Accept all")
        collect(visitor)
        visitor.goto("/en/")
        visitor.click_and_wait("Русский")  # language switch
        collect(visitor)
        visitor.goto("/en/account/login/")  # sign-in
        page.fill("input[name=login]", user.email)
        page.fill("input[name=password]", "a long pass phrase 42")
        with page.expect_navigation():
            page.locator("form.account-form").evaluate("form => form.requestSubmit()")
        page.wait_for_load_state("networkidle")
        collect(visitor)
        visitor.goto("/en/")
        collect(visitor)
        disclosed = disclosed_names(page, live_server.url)
        visitor.close()

    assert {"sessionid", "csrftoken", "nera_language", "nera_consent"} <= seen
    assert any(name.startswith("ph_") for name in seen), "analytics never ran in the flows"
    print("received:", sorted(seen))
    undisclosed = sorted(name for name in seen if not is_disclosed(name, disclosed))
    assert undisclosed == []


@pytest.mark.promise("P31")
def test_editor_publishes_a_change_in_the_admin(browser, live_server, transactional_db):
    pages = build_site()
    ensure_cookie_groups()
    policy = build_policy(pages["en"], last_updated=date(2026, 4, 14))
    editor = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(editor)
    context = browser.new_context(locale="en-US")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/pages/{policy.pk}/edit/")
    page.wait_for_load_state("networkidle")
    heading = page.locator("input[name$='-value-heading']").first
    assert heading.input_value() == "Who we are"
    heading.fill("Who we are and what we keep")
    page.locator("footer .w-dropdown__toggle.button").first.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").first.click()
    page.wait_for_load_state("networkidle")

    today = timezone.localdate().isoformat()
    page.goto(f"{live_server.url}/en/privacy/")
    assert page.locator(".policy-last-updated time").get_attribute("datetime") == today
    page.goto(f"{live_server.url}/en/privacy/versions/")
    assert page.locator("tr.policy-version").count() == 2
    page.locator("a.policy-compare-link").first.click()
    page.wait_for_load_state()
    added = " ".join(page.locator(".policy-diff ins").all_inner_texts())
    assert re.search(r"and what we keep", added)
    removed = " ".join(page.locator(".policy-diff del").all_inner_texts())
    assert "April 14" in removed  # the old date, replaced by today's
    context.close()
