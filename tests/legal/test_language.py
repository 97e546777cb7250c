"""P32: URL prefix, then the language cookie, then Accept-Language, then the country, then English."""

import pytest
from django.test import RequestFactory

from cms.language import preferred_language

pytestmark = pytest.mark.promise("P32")


@pytest.fixture(autouse=True)
def country_header(settings):
    settings.COUNTRY_HEADER = "CF-IPCountry"


def resolve(path="/", cookie=None, accept="", country=None):
    factory = RequestFactory()
    headers = {"HTTP_ACCEPT_LANGUAGE": accept}
    if country:
        headers["HTTP_CF_IPCOUNTRY"] = country
    request = factory.get(path, **headers)
    if cookie:
        request.COOKIES["nera_language"] = cookie
    return preferred_language(request)


def test_url_prefix_wins_over_everything():
    assert resolve("/kk/", cookie="ru", accept="en", country="US") == "kk"


def test_cookie_wins_over_browser_and_country():
    assert resolve(cookie="kk", accept="en-US,en;q=0.9", country="RU") == "kk"


def test_browser_language_wins_over_country():
    assert resolve(accept="en-GB,en;q=0.9", country="KZ") == "en"
    assert resolve(accept="de-DE,kk;q=0.5", country="US") == "kk"


@pytest.mark.parametrize(
    ("country", "language"),
    [("KZ", "ru"), ("RU", "ru"), ("BY", "ru"), ("KG", "ru"), ("DE", "en"), ("US", "en")],
)
def test_country_decides_when_browser_languages_do_not_match(country, language):
    assert resolve(accept="de-DE,fr;q=0.8", country=country) == language


def test_english_when_nothing_is_known():
    assert resolve(accept="", country=None) == "en"
    assert resolve(accept="*") == "en"


def test_invalid_cookie_is_ignored():
    assert resolve(cookie="xx", accept="ru") == "ru"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("headers", "target"),
    [
        ({"HTTP_ACCEPT_LANGUAGE": "kk-KZ,kk;q=0.9"}, "/kk/"),
        ({"HTTP_ACCEPT_LANGUAGE": "de-DE", "HTTP_CF_IPCOUNTRY": "KZ"}, "/ru/"),
        ({"HTTP_ACCEPT_LANGUAGE": "de-DE", "HTTP_CF_IPCOUNTRY": "DE"}, "/en/"),
        ({"HTTP_ACCEPT_LANGUAGE": "de-DE", "REMOTE_ADDR": "212.112.96.1"}, "/ru/"),
    ],
)
def test_root_redirects_to_the_chosen_language(client, site_pages, headers, target):
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.django_db
def test_root_follows_the_language_cookie_set_by_the_switcher(client, site_pages):
    response = client.post("/i18n/setlang/", {"language": "kk", "next": "/kk/"})
    assert response.status_code == 302
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ru", HTTP_CF_IPCOUNTRY="RU")
    assert response["Location"] == "/kk/"


@pytest.mark.django_db
def test_kazakhstan_gets_russian_with_kazakh_one_click_away(client, site_pages):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de", HTTP_CF_IPCOUNTRY="KZ", follow=True)
    html = response.content.decode()
    assert '<html lang="ru">' in html
    assert 'name="language" value="kk"' in html


@pytest.mark.django_db
def test_prefixed_page_keeps_its_language(client, site_pages):
    client.cookies["nera_language"] = "ru"
    response = client.get("/kk/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert '<html lang="kk">' in response.content.decode()


@pytest.mark.django_db
def test_switcher_keeps_the_shopper_on_the_same_page(client, site_pages, cookie_groups):
    html = client.get("/en/cookies/").content.decode()
    assert 'name="next" value="/kk/cookies/"' in html
    assert 'name="next" value="/ru/cookies/"' in html
    response = client.post("/i18n/setlang/", {"language": "kk", "next": "/kk/cookies/"})
    assert response["Location"] == "/kk/cookies/"
    assert '<html lang="kk">' in client.get("/kk/cookies/").content.decode()
