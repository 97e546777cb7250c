import re

import pytest

from tests.factories.accounts import UserFactory

from .conftest import US_IPV4

POSTHOG_ORIGINS = {"https://eu.i.posthog.com", "https://eu-assets.i.posthog.com"}
SHOPPER_PATHS = ["/en/", "/ru/", "/kk/", "/en/cookies/", "/ru/cookies/", "/en/no-such-page/"]


def directives(header):
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def external_hosts(header):
    return {
        word
        for word in header.replace(";", " ").split()
        if re.match(r"^(https?:)?//|^https?:|\.\w+$", word)
    }


@pytest.mark.promise("P18")
@pytest.mark.hardening("H19")
@pytest.mark.parametrize("key", ["", "phc_testkey"])
def test_every_shopper_page_allows_no_external_host_but_posthog(
    client, settings, site_pages, cookie_groups, key
):
    settings.POSTHOG_KEY = key
    for path in SHOPPER_PATHS:
        response = client.get(path, REMOTE_ADDR=US_IPV4)
        header = response["Content-Security-Policy"]
        policy = directives(header)
        assert policy["default-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["img-src"] == ["'self'"]
        assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
        allowed = POSTHOG_ORIGINS if key else set()
        assert external_hosts(header) == allowed, (path, header)
        if key:
            assert set(policy["script-src"]) == {"'self'"} | POSTHOG_ORIGINS
            assert set(policy["connect-src"]) == {"'self'"} | POSTHOG_ORIGINS
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.hardening("H19")
def test_redirect_of_root_has_a_policy_too(client, site_pages):
    response = client.get("/")
    assert response.status_code == 302
    assert "object-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.hardening("H19")
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/django-admin/"])
def test_admin_has_its_own_policy_without_other_hosts(client, site_pages, settings, path):
    settings.POSTHOG_KEY = "phc_testkey"
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(path)
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    policy = directives(header)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert external_hosts(header) == set()


@pytest.mark.hardening("H19")
def test_static_files_carry_the_strict_policy(settings, db):
    from django.test import Client

    settings.POSTHOG_KEY = "phc_testkey"
    settings.WHITENOISE_USE_FINDERS = True  # serve from the source folders, as in development
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()
    response = client.get("/static/js/consent.js")
    assert response.status_code == 200
    header = response["Content-Security-Policy"]
    assert "object-src 'none'" in header
    assert external_hosts(header) == set()
