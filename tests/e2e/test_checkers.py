"""The web's own checkers on every page type in English, Russian and Kazakh, on the demo shop.

- the Nu Html Checker (vnu, the W3C validator) on the HTML the server sends: no errors;
- axe-core injected into Debian's chromium: no accessibility violations, on the pages and on
  the cookie banner and notice;
- a 375 px wide phone: no page scrolls sideways.

The checkers come from npm (checkers/package.json; `npm ci --prefix checkers`), vnu runs on
Java. Without them the tests fail under CI=true and are skipped otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

CHECKERS = Path(__file__).resolve().parents[2] / "checkers" / "node_modules"
VNU_JAR = CHECKERS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = CHECKERS / "axe-core" / "axe.min.js"
LANGUAGES = ("en", "ru", "kk")
PHONE = {"width": 375, "height": 812}


def require(available: bool, reason: str) -> None:
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs {reason}")
    pytest.skip(f"Needs {reason}")


# Per language: 14 shopper page types, the 4 demo content pages and 4 account pages.
PAGE_TYPES = 22


def shopper_paths(language: str) -> dict[str, str]:
    """One address per page type a shopper sees (names are used in failure messages)."""
    from home.models import ContentPage
    from storefront.catalogue.models import CategoryPage, ProductPage

    product = (
        ProductPage.objects.live()
        .filter(locale__language_code=language, variants__isnull=False)
        .order_by("path")
        .first()
    )
    category = (
        CategoryPage.objects.live().filter(locale__language_code=language).order_by("path").first()
    )
    content_pages = ContentPage.objects.live().filter(locale__language_code=language)
    return {
        **{f"content page {page.slug}": page.url for page in content_pages.order_by("path")},
        "home": f"/{language}/",
        "shop": f"/{language}/shop/",
        "category": category.url,
        "product": product.url,
        "search": f"/{language}/search/?q={product.sku}",
        "basket": f"/{language}/basket/",
        "checkout": f"/{language}/checkout/",
        "sign-up": f"/{language}/account/signup/",
        "sign-in": f"/{language}/account/login/",
        "cookie settings": f"/{language}/cookies/",
        "privacy policy": f"/{language}/privacy/",
        "policy versions": f"/{language}/privacy/versions/",
        "not found": f"/{language}/no-such-page/",
    }


def account_paths(language: str) -> dict[str, str]:
    return {
        "profile": f"/{language}/account/",
        "addresses": f"/{language}/account/addresses/",
        "new address": f"/{language}/account/addresses/new/",
        "privacy and data": f"/{language}/account/privacy/",
        "email": f"/{language}/account/email/",
    }


class DemoShop:
    """The `make run` demo content behind the live server, a shopper with a basket line and a
    signed-in customer, each in their own browser context."""

    def __init__(self, browser, base_url: str, signed_in_cookie: dict):
        self.base_url = base_url
        self.browser = browser
        self.shopper = browser.new_context(locale="en-US", bypass_csp=True)
        self.customer = browser.new_context(locale="en-US", bypass_csp=True)
        self.customer.add_cookies([signed_in_cookie])
        self.pages: list[tuple[str, str, object]] = []  # (name, path, context)
        for language in LANGUAGES:
            paths = shopper_paths(language)
            self.add_to_basket(paths["product"])
            self.pages += [
                (f"{language} {name}", path, self.shopper) for name, path in paths.items()
            ]
            self.pages += [
                (f"{language} {name}", path, self.customer)
                for name, path in account_paths(language).items()
            ]

    def add_to_basket(self, path: str) -> None:
        page = self.shopper.new_page()
        page.goto(self.base_url + path)
        with page.expect_navigation():
            page.locator(".add-to-basket button[type=submit]").click()
        page.close()

    def close(self) -> None:
        self.shopper.close()
        self.customer.close()


def restore_tree_roots() -> None:
    """Transactional tests before this module flush the database, migrations' rows included:
    put back the page and collection roots that seed_demo, like a fresh install, builds on."""
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture(scope="module")
def demo_shop(live_server, django_db_setup, django_db_blocker, browser):
    """Seeded once for the module (seeding takes a while), flushed at the end like a
    transactional test would."""
    from tests.factories.accounts import VerifiedUserFactory

    with django_db_blocker.unblock():
        restore_tree_roots()
        call_command("seed_demo", stdout=StringIO())
        client = Client()
        client.force_login(VerifiedUserFactory())
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
        shop = DemoShop(browser, live_server.url, cookie)
    yield shop
    shop.close()
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def test_every_page_type_is_valid_html_in_every_language(demo_shop):
    java = shutil.which("java")
    require(java is not None, "Java for the Nu Html Checker (apt-get install default-jre-headless)")
    require(VNU_JAR.exists(), "the Nu Html Checker (npm ci --prefix checkers)")
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for number, (name, path, context) in enumerate(demo_shop.pages):
            response = context.request.get(demo_shop.base_url + path)
            expected = 404 if name.endswith("not found") else 200
            assert response.status == expected, f"{name} ({path}) answered {response.status}"
            file = Path(folder) / f"page-{number}.html"
            file.write_text(response.text(), encoding="utf-8")
            files[str(file)] = f"{name} ({path})"
        # One Java start for every page: the checker takes a list of files.
        result = subprocess.run(  # noqa: S603 - fixed arguments, our own files
            [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(local_path(message.get('url', '')), message.get('url'))}: {message['message']}"
        f" [{message.get('extract', '').strip()}]"
        for message in messages
        if message.get("type") in {"error", "non-document-error"}
    ]
    assert errors == [], "\n".join(errors)
    assert len(files) == len(LANGUAGES) * PAGE_TYPES


def local_path(url: str) -> str:
    """vnu names files as file:/tmp/x.html; back to /tmp/x.html."""
    return "/" + url.removeprefix("file:").lstrip("/")


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => v.id + ": " + v.help + " -> "
                 + v.nodes.map(n => n.target.join(" ")).join(", "))"""
    )
    return violations


def test_every_page_type_has_no_accessibility_violations(demo_shop):
    require(AXE_JS.exists(), "axe-core (npm ci --prefix checkers)")
    found = []
    checked = 0
    for name, path, context in demo_shop.pages:
        page = context.new_page()
        page.goto(demo_shop.base_url + path)
        found += [f"{name} ({path}): {violation}" for violation in axe_violations(page)]
        checked += 1
        page.close()
    assert found == [], "\n".join(found)
    assert checked == len(LANGUAGES) * PAGE_TYPES


@pytest.mark.parametrize(
    ("country", "selector"), [("DE", ".consent-banner"), ("KZ", ".consent-notice")]
)
def test_the_cookie_banner_and_notice_have_no_accessibility_violations(
    demo_shop, settings, country, selector
):
    require(AXE_JS.exists(), "axe-core (npm ci --prefix checkers)")
    settings.COUNTRY_HEADER = "CF-IPCountry"
    settings.POSTHOG_KEY = "phc_checkers"
    context = demo_shop.browser.new_context(
        locale="en-US", bypass_csp=True, extra_http_headers={"CF-IPCountry": country}
    )
    context.route("**/*posthog.com/**", lambda route: route.abort())
    found = []
    for language in LANGUAGES:
        page = context.new_page()
        page.goto(f"{demo_shop.base_url}/{language}/")
        assert page.locator(selector).is_visible()
        found += [f"{language}: {violation}" for violation in axe_violations(page)]
        page.close()
    context.close()
    assert found == [], "\n".join(found)


def test_no_shopper_page_scrolls_sideways_on_a_375_px_phone(demo_shop):
    phone = demo_shop.browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    phone.add_cookies(demo_shop.shopper.cookies())
    signed_in = demo_shop.browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    signed_in.add_cookies(demo_shop.customer.cookies())
    too_wide = []
    for name, path, context in demo_shop.pages:
        page = (phone if context is demo_shop.shopper else signed_in).new_page()
        page.goto(demo_shop.base_url + path)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"{name} ({path}): {width} px wide")
        page.close()
    phone.close()
    signed_in.close()
    assert too_wide == [], "\n".join(too_wide)
