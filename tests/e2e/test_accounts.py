"""In a real browser: sign up in Russian, confirm the email, save two addresses, pick the default."""

import re

import pytest
from django.core import mail

from storefront.accounts.models import Address, User
from tests.factories.home import build_site


@pytest.mark.promise("P04")
@pytest.mark.promise("P30")
def test_sign_up_in_russian_confirm_email_and_build_the_address_book(
    live_server, transactional_db, browser_page, settings
):
    settings.SITE_BASE_URL = live_server.url  # the links in the emails point at the shop
    build_site()
    mail.outbox.clear()
    page = browser_page

    page.goto(f"{live_server.url}/ru/account/signup/")
    assert page.locator("h1").inner_text() == "Создание учётной записи"
    page.get_by_label("Имя").fill("Айгерим")
    page.get_by_label("Фамилия").fill("Садыкова")
    page.get_by_label("Эл. почта").fill("aigerim@example.com")
    page.locator("#id_password1").fill("Steppe-Wind-1987")
    page.locator("#id_password2").fill("Steppe-Wind-1987")
    # Without the age confirmation the server refuses (P30).
    page.get_by_role("button", name="Создать учётную запись").click()
    page.wait_for_load_state()
    assert "Создать учётную запись можно только с 16 лет." in page.locator("main").inner_text()
    assert not User.objects.exists()
    page.locator("#id_password1").fill("Steppe-Wind-1987")
    page.locator("#id_password2").fill("Steppe-Wind-1987")
    page.get_by_label("Мне 16 лет или больше").check()
    page.get_by_role("button", name="Создать учётную запись").click()

    page.wait_for_url("**/ru/account/confirm-email/")
    assert "Подтвердите адрес электронной почты" in page.locator("h1").inner_text()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Подтвердите адрес электронной почты для Nera"
    link = re.search(r"https?://\S+/ru/account/confirm-email/\S+/", message.body).group(0)
    assert link.startswith(live_server.url + "/")

    page.goto(link)
    page.get_by_role("button", name="Подтвердить").click()
    page.wait_for_url("**/ru/account/")
    assert page.locator("h1").inner_text() == "Ваша учётная запись"
    assert "aigerim@example.com" in page.locator("main").inner_text()

    page.get_by_role("link", name="Управлять адресами").click()
    for label, street in (("Дом", "пр. Абая 10, кв. 5"), ("Работа", "ул. Достык 5")):
        page.get_by_role("link", name="Добавить адрес").click()
        page.get_by_label("Название").fill(label)
        page.get_by_label("Улица и номер дома").fill(street)
        page.get_by_label("Город").fill("Алматы")
        page.get_by_label("Почтовый индекс").fill("050000")
        page.get_by_role("button", name="Сохранить адрес").click()
        page.wait_for_url("**/ru/account/addresses/")
        assert "Адрес сохранён." in page.locator(".messages").inner_text()

    cards = page.locator(".address-card")
    assert cards.count() == 2
    assert "По умолчанию" in page.locator(".address-card.is-default").inner_text()
    assert "Дом" in page.locator(".address-card.is-default").inner_text()

    page.locator(".address-card", has_text="Работа").get_by_role(
        "button", name="Сделать основным"
    ).click()
    page.wait_for_url("**/ru/account/addresses/")
    assert "Работа" in page.locator(".address-card.is-default").inner_text()
    user = User.objects.get(email="aigerim@example.com")
    assert Address.objects.get(user=user, is_default=True).label == "Работа"
    assert user.first_name == "Айгерим"
