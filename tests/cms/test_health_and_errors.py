"""Health checks, error pages, the database-down page and compressed HTML (H12, H18, H36)."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from wagtail.images.forms import get_image_form
from wagtail.images.models import Image

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_the_database_and_the_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.hardening("H36")
def test_readyz_says_when_the_cache_is_gone(client):
    dead_redis = {
        "default": {
            "BACKEND": "cms.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=dead_redis):
        from django.core.cache import caches

        caches._settings = None  # noqa: SLF001 - let the handler read the overridden setting
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"
    assert response["Retry-After"]


DB_DOWN_SCRIPT = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.test import Client
    client = Client(raise_request_exception=False)
    out = {}
    for path in ("/ru/", "/kk/shop/", "/en/search/?q=ring", "/readyz"):
        response = client.get(path)
        out[path] = [response.status_code, response.content.decode(), response.get("Retry-After")]
    print(json.dumps(out))
    """
)


@pytest.mark.hardening("H36")
def test_with_the_database_down_shoppers_get_the_translated_503_page():
    """A fresh process whose DATABASE_URL points at a closed port."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": "postgres://nera@127.0.0.1:1/nera",
        "REDIS_URL": "",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", DB_DOWN_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    pages = __import__("json").loads(result.stdout.strip().splitlines()[-1])
    status, body, retry_after = pages["/ru/"]
    assert status == 503 and retry_after
    assert "Магазин ненадолго недоступен" in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert "Дүкен уақытша қолжетімсіз" in pages["/kk/shop/"][1]
    assert pages["/en/search/?q=ring"][0] == 503
    assert "The shop is briefly unavailable" in pages["/en/search/?q=ring"][1]
    status, body, _retry = pages["/readyz"]
    assert status == 503 and '"database": "unavailable"' in body


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "Page not found"), ("ru", "Страница не найдена"), ("kk", "Бет табылмады")],
)
def test_404_page_is_translated_and_in_the_site_style(client, site_pages, language, text):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert text in body
    assert 'class="site-header"' in body and 'class="site-footer"' in body


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Something went wrong"),
        ("ru", "Что-то пошло не так"),
        ("kk", "Бірдеңе дұрыс болмады"),
    ],
)
def test_500_page_is_translated_without_a_stack_trace(site_pages, language, text):
    client = Client(raise_request_exception=False)
    with mock.patch(
        "storefront.catalogue.views.search_products", side_effect=RuntimeError("secret detail")
    ):
        response = client.get(f"/{language}/search/?q=ring")
    assert response.status_code == 500
    body = response.content.decode()
    assert text in body
    assert "secret detail" not in body and "Traceback" not in body


def test_400_page_for_a_foreign_host(site_pages):
    # The test settings allow every host; production's ALLOWED_HOSTS refuses this one.
    with override_settings(ALLOWED_HOSTS=["shop.example.com"]):
        response = Client(raise_request_exception=False, HTTP_HOST="evil.example").get("/en/")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_csrf_failure_page_is_translated(site_pages):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/ru/basket/add/", {"product": 1})
    assert response.status_code == 403
    assert "Пожалуйста, попробуйте ещё раз" in response.content.decode()


def test_html_leaves_compressed(client, site_pages):
    response = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<!DOCTYPE html>" in gzip.decompress(response.content)


@pytest.mark.hardening("H18")
def test_an_svg_upload_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>'
    form_class = get_image_form(Image)
    form = form_class(
        data={"title": "logo"},
        files={"file": SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml")},
    )
    assert not form.is_valid()
    assert "file" in form.errors
    assert not Image.objects.exists()


@pytest.mark.hardening("H12")
def test_pages_cannot_be_protected_by_a_shared_password(admin_client, site_pages):
    from wagtail.models import PageViewRestriction

    home = site_pages["en"]
    url = f"/admin/pages/{home.pk}/privacy/"
    form = admin_client.get(url).context["form"]
    assert "password" not in form.fields
    assert PageViewRestriction.PASSWORD not in [
        c[0] for c in form.fields["restriction_type"].choices
    ]

    admin_client.post(url, {"restriction_type": "password", "password": "letmein"})
    assert not PageViewRestriction.objects.filter(restriction_type="password").exists()
