"""In a real browser: a shopper downloads their data, deletes the account, and cannot sign in."""

import json

import pytest
from django.core import mail

from storefront.accounts.models import User
from storefront.checkout.models import Inquiry
from tests.factories.accounts import PASSWORD, AddressFactory, VerifiedUserFactory
from tests.factories.checkout import InquiryFactory
from tests.factories.home import build_site


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/en/account/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


@pytest.mark.promise("P24")
@pytest.mark.promise("P26")
@pytest.mark.promise("P27")
@pytest.mark.hardening("H05")
def test_download_then_delete_the_account_then_no_sign_in(
    live_server, transactional_db, browser_page, tmp_path
):
    build_site()
    shopper = VerifiedUserFactory(email="dana@example.com", first_name="Dana", last_name="Ospan")
    AddressFactory(user=shopper, label="Home", street="Dostyk avenue 5")
    InquiryFactory(user=shopper, email="dana@example.com")
    page = browser_page
    sign_in(page, live_server.url, shopper.email)
    page.wait_for_url("**/en/account/")

    page.get_by_role("link", name="Download your data or delete your account").click()
    page.wait_for_url("**/en/account/privacy/")
    page.get_by_role("link", name="Download my data (JSON)").click()
    # H05: the password again before the download.
    page.wait_for_url("**/en/account/reauthenticate/**")
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Confirm").click()
    download = download_info.value
    assert download.suggested_filename.startswith("personal-data-")
    target = tmp_path / "export.json"
    download.save_as(target)
    document = json.loads(target.read_text())
    assert document["schema"] == "personal-data-export"
    assert document["sections"]["accounts.user"]["records"][0]["email"] == "dana@example.com"
    assert document["sections"]["accounts.address"]["records"][0]["street"] == "Dostyk avenue 5"

    page.goto(f"{live_server.url}/en/account/privacy/")
    page.get_by_role("link", name="Delete my account").click()
    page.wait_for_url("**/en/account/privacy/delete/")
    preview = page.locator(".erasure-preview").inner_text()
    assert "Saved delivery addresses of the address book." in preview  # what goes...
    assert "1 item deleted" in preview
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_label("I understand that my account and its data will be deleted for good.").check()
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_url("**/en/account/privacy/deleted/")
    assert page.locator("h1").inner_text() == "Your account has been deleted"
    assert not User.objects.filter(email="dana@example.com").exists()
    assert not Inquiry.objects.exists()
    assert [message.subject for message in mail.outbox][-1] == "Your Nera account has been deleted"

    sign_in(page, live_server.url, "dana@example.com")
    assert "/en/account/login/" in page.url
    assert "not correct" in page.locator("main").inner_text()
