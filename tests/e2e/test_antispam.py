"""A real shopper in chromium signs up and checks out with every anti-spam check on (P11)."""

import pytest
from wagtail.models import Site

from home.models import OperatorSettings
from legal.antispam.models import SpamRecord
from storefront.accounts.models import User
from storefront.checkout.models import Inquiry
from tests.factories.checkout import build_shop
from tests.factories.home import build_site

# A person takes longer than this to fill a form; the test waits for it as a person would.
MIN_SECONDS = 1.0


@pytest.mark.promise("P11")
def test_a_person_signs_up_and_checks_out_with_the_protections_on(
    live_server, transactional_db, browser_page, settings
):
    settings.ANTISPAM_FORM_CHECKS = True
    settings.RATELIMIT_ENABLE = True
    settings.ANTISPAM_MIN_SECONDS = MIN_SECONDS
    pages = build_site()
    operator = OperatorSettings.for_site(Site.objects.get(is_default_site=True))
    operator.whatsapp_number = "+7 700 000 0000"
    operator.save()
    shop = build_shop(pages)
    page = browser_page

    page.goto(f"{live_server.url}/en/account/signup/")
    # The honeypot sits off-screen and out of the tab order: a person never fills it.
    box = page.locator("input[name=website]").bounding_box()
    assert box["x"] + box["width"] <= 0
    assert page.locator("input[name=website]").get_attribute("tabindex") == "-1"
    page.fill("#id_first_name", "Aigerim")
    page.fill("#id_last_name", "Sadykova")
    page.fill("#id_email", "aigerim@example.com")
    page.fill("#id_password1", "Steppe-Wind-1987")
    page.fill("#id_password2", "Steppe-Wind-1987")
    page.check("#id_age_confirmed")
    page.wait_for_timeout(MIN_SECONDS * 1000 + 200)
    page.click("form.account-form button[type=submit]")
    page.wait_for_url("**/account/confirm-email/")
    assert User.objects.filter(email="aigerim@example.com").exists()

    page.goto(f"{live_server.url}{shop['box'].get_url()}")
    page.click("form.add-to-basket button[type=submit]")
    page.wait_for_url("**/en/basket/")
    page.click("a[href='/en/checkout/']")
    page.fill("#id_first_name", "Aigerim")
    page.fill("#id_last_name", "Sadykova")
    page.fill("#id_email", "aigerim@example.com")
    page.fill("#id_phone", "+7 707 123 45 67")
    page.fill("#id_street", "Abay avenue 10")
    page.fill("#id_city", "Almaty")
    page.fill("#id_postal_code", "050000")
    page.wait_for_timeout(MIN_SECONDS * 1000 + 200)
    page.click("form.checkout-form button[type=submit]")
    page.wait_for_url("**/en/checkout/done/NR-*/")

    assert Inquiry.objects.filter(email="aigerim@example.com").exists()
    assert not SpamRecord.objects.exists()
