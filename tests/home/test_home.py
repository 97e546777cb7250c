import re
import socket

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from home.models import OperatorSettings


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Jewellery and gifts from Almaty"),
        ("ru", "Украшения и подарки из Алматы"),
        ("kk", "Алматыдан әшекейлер мен сыйлықтар"),
    ],
)
def test_home_page_in_each_language(client, site_pages, language, heading):
    response = client.get(f"/{language}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html


def test_interface_strings_are_translated(client, site_pages):
    html = client.get("/kk/").content.decode()

    assert "Мазмұнға өту" in html  # "Skip to content"
    assert "Skip to content" not in html


def test_root_redirects_to_a_language(client, site_pages):
    response = client.get("/")

    assert response.status_code == 302
    assert re.fullmatch(r"/(en|ru|kk)/", response["Location"])


def test_language_switcher_links_to_the_same_page_in_other_languages(client, site_pages):
    html = client.get("/ru/").content.decode()

    assert 'name="next" value="/en/"' in html
    assert 'name="next" value="/kk/"' in html
    assert '<span aria-current="true" lang="ru">' in html


def test_switching_language_remembers_the_choice(client, site_pages):
    response = client.post("/i18n/setlang/", {"language": "kk", "next": "/kk/"})

    assert response.status_code == 302
    assert response["Location"] == "/kk/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "kk"


@pytest.mark.promise("P01")
def test_footer_shows_operator_details_from_the_cms_setting(client, site_pages):
    operator = OperatorSettings.for_site(Site.objects.get(is_default_site=True))
    operator.legal_name = "Example Trading LLP"
    operator.bin = "123456789012"
    operator.shop_address = "Abay avenue 10, Almaty"
    operator.email = "hello@shop.example"
    operator.save()

    for language in ("en", "ru", "kk"):
        html = client.get(f"/{language}/").content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert "Example Trading LLP" in footer
        assert "123456789012" in footer
        assert "Abay avenue 10, Almaty" in footer
        assert "mailto:hello@shop.example" in footer


def test_admin_login_page_loads(client, db):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert b"password" in response.content


@pytest.mark.django_db
def test_seed_demo_twice_creates_nothing_twice(capsys):
    call_command("seed_demo")
    counts = (Page.objects.count(), Revision.objects.count(), OperatorSettings.objects.count())

    call_command("seed_demo")

    assert (Page.objects.count(), Revision.objects.count(), OperatorSettings.objects.count()) == (
        counts
    )
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert home.hero_title == "Jewellery and gifts from Almaty"
    russian = home.get_translation(home.locale.__class__.objects.get(language_code="ru"))
    assert russian.specific.hero_title == "Украшения и подарки из Алматы"


@pytest.mark.hardening("H28")
def test_the_test_run_cannot_reach_the_internet():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        with pytest.raises(OSError, match="may not connect"):
            sock.connect(("192.0.2.10", 443))
