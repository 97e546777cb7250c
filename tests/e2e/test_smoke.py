import pytest

from tests.factories.home import HOME_TEXT


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_home_page_renders_in_chromium_without_console_errors(
    live_server, transactional_db, browser_page, language
):
    from tests.factories.home import build_site

    build_site()
    errors: list[str] = []
    browser_page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    browser_page.on("pageerror", lambda exc: errors.append(str(exc)))

    response = browser_page.goto(f"{live_server.url}/{language}/")

    assert response.status == 200
    assert browser_page.locator("html").get_attribute("lang") == language
    expected = HOME_TEXT.get(language, {}).get("hero_title", "Jewellery and gifts from Almaty")
    assert browser_page.locator("h1").inner_text() == expected
    assert errors == []
