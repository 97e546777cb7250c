"""Content pages (about, delivery, returns, contacts), the editor-arranged menus, the Russian
admin."""

import re
from io import StringIO

import pytest
import wagtail_factories
from django.contrib.auth.models import Permission
from wagtail.models import Site
from wagtail.users.models import UserProfile

from home import content_demo
from home.models import ContentPage, NavigationSettings, OperatorSettings
from tests.factories.accounts import UserFactory
from tests.factories.catalogue import ProductIndexPageFactory, translate_page
from tests.factories.home import ContentPageFactory

pytestmark = pytest.mark.django_db


def main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def menu(html: str, css_class: str) -> list[tuple[str, str]]:
    """(text, href) of each link in the header's main nav or the footer links."""
    start = html.index(f'class="{css_class}"')
    block = html[start : html.index("</nav>", start)]
    return [
        (re.sub(r"\s+", " ", label).strip(), href)
        for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', block)
    ]


@pytest.fixture
def operator(site_pages):
    settings = OperatorSettings.for_site(Site.objects.get(is_default_site=True))
    settings.whatsapp_number = "+7 701 555 0101"
    settings.save()
    return settings


def test_content_page_renders_text_image_questions_and_whatsapp_button(
    client, site_pages, operator
):
    image = wagtail_factories.ImageFactory(title="Shop front")
    ContentPageFactory(
        parent=site_pages["en"],
        title="Delivery and payment",
        intro="How your order reaches you.",
        body=[
            ("text", "<p>We deliver in Almaty within two days.</p>"),
            ("image", {"image": image, "alt_text": "The shop front", "decorative": False}),
            (
                "questions",
                {
                    "heading": "Questions",
                    "items": [
                        {"question": "How do I pay?", "answer": "<p>By Kaspi transfer.</p>"},
                        {"question": "Is delivery free?", "answer": "<p>From 20,000 tenge.</p>"},
                    ],
                },
            ),
            ("whatsapp", {"label": "Write to us on WhatsApp", "message": "Hello, a question"}),
        ],
    )

    html = main(client.get("/en/delivery-and-payment/").content.decode())

    assert "<h1>Delivery and payment</h1>" in html
    assert "We deliver in Almaty within two days." in html
    assert re.search(r'<img[^>]+alt="The shop front"', html)
    assert re.findall(r"<summary>(.*?)</summary>", html) == ["How do I pay?", "Is delivery free?"]
    assert "By Kaspi transfer." in html
    assert (
        '<a class="button whatsapp-button" href="https://wa.me/77015550101?text=Hello%2C%20a%20question"'
        in html
    )
    assert ">Write to us on WhatsApp</a>" in html


def test_whatsapp_button_is_left_out_without_an_operator_number(client, site_pages):
    ContentPageFactory(
        parent=site_pages["en"],
        title="Contacts",
        body=[("whatsapp", {"label": "Write to us on WhatsApp", "message": ""})],
    )

    html = main(client.get("/en/contacts/").content.decode())

    assert "wa.me" not in html
    assert "Write to us on WhatsApp" not in html


def test_content_page_is_translated_with_wagtail_localize(client, site_pages, operator):
    page = ContentPageFactory(
        parent=site_pages["en"],
        title="Returns",
        intro="Within 14 days.",
        body=[
            (
                "questions",
                {
                    "heading": "Questions",
                    "items": [{"question": "Can I exchange?", "answer": "<p>Yes.</p>"}],
                },
            ),
            ("whatsapp", {"label": "Write to us", "message": "Hello"}),
        ],
    )
    translate_page(
        page,
        "kk",
        {
            "Returns": "Қайтару",
            "Within 14 days.": "14 күн ішінде.",
            "Questions": "Сұрақтар",
            "Can I exchange?": "Ауыстыруға бола ма?",
            "Yes.": "Иә.",
            "Write to us": "Бізге жазыңыз",
            "Hello": "Сәлеметсіз бе",
        },
    )

    html = main(client.get("/kk/returns/").content.decode())

    assert "<h1>Қайтару</h1>" in html
    assert "<summary>Ауыстыруға бола ма?</summary>" in html and "Иә." in html
    assert ">Бізге жазыңыз</a>" in html
    assert "https://wa.me/77015550101?text=%D0%A1%D3%99%D0%BB" in html  # "Сәл…" in the chat


@pytest.fixture
def pages(site_pages):
    shop = ProductIndexPageFactory(parent=site_pages["en"])
    about = ContentPageFactory(parent=site_pages["en"], title="About the shop", intro="")
    returns = ContentPageFactory(parent=site_pages["en"], title="Returns", intro="")
    translate_page(shop, "ru", {"Shop": "Магазин"})
    translate_page(shop, "kk", {"Shop": "Дүкен"})
    translate_page(about, "ru", {"About the shop": "О магазине"})
    translate_page(about, "kk", {"About the shop": "Дүкен туралы"})
    translate_page(returns, "ru", {"Returns": "Возврат"})  # no Kazakh page yet
    return {"shop": shop, "about": about, "returns": returns}


def arrange(header, footer):
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.header_links = [("page", page) for page in header]
    navigation.footer_links = [("page", page) for page in footer]
    navigation.save()


def test_header_and_footer_follow_the_editors_order_in_each_language(client, pages):
    arrange(header=[pages["about"], pages["shop"]], footer=[pages["returns"], pages["about"]])

    english = client.get("/en/").content.decode()
    russian = client.get("/ru/").content.decode()
    kazakh = client.get("/kk/").content.decode()

    assert menu(english, "main-nav") == [
        ("About the shop", "/en/about-the-shop/"),
        ("Shop", "/en/shop/"),
    ]
    assert menu(russian, "main-nav") == [
        ("О магазине", "/ru/about-the-shop/"),
        ("Магазин", "/ru/shop/"),
    ]
    assert menu(kazakh, "main-nav") == [
        ("Дүкен туралы", "/kk/about-the-shop/"),
        ("Дүкен", "/kk/shop/"),
    ]
    assert menu(english, "footer-links")[:2] == [
        ("Returns", "/en/returns/"),
        ("About the shop", "/en/about-the-shop/"),
    ]
    assert menu(russian, "footer-links")[:2] == [
        ("Возврат", "/ru/returns/"),
        ("О магазине", "/ru/about-the-shop/"),
    ]
    # Returns has no Kazakh page: left out there; the legal links stay in every footer.
    assert [label for label, _ in menu(kazakh, "footer-links")][0] == "Дүкен туралы"
    assert "/kk/cookies/" in dict((href, label) for label, href in menu(kazakh, "footer-links"))


def test_reordering_in_the_setting_reorders_the_menu(client, pages):
    arrange(header=[pages["shop"], pages["about"]], footer=[])
    assert [label for label, _ in menu(client.get("/ru/").content.decode(), "main-nav")] == [
        "Магазин",
        "О магазине",
    ]

    arrange(header=[pages["about"], pages["shop"]], footer=[])
    assert [label for label, _ in menu(client.get("/ru/").content.decode(), "main-nav")] == [
        "О магазине",
        "Магазин",
    ]


def test_header_without_a_setting_uses_show_in_menus_per_language(client, pages):
    for page in (pages["shop"], pages["about"]):
        russian = page.get_translation(page.locale.__class__.objects.get(language_code="ru"))
        russian.show_in_menus = page is pages["about"]  # an editor ticks it per language
        russian.save_revision().publish()

    assert menu(client.get("/ru/").content.decode(), "main-nav") == [
        ("О магазине", "/ru/about-the-shop/")
    ]
    assert menu(client.get("/en/").content.decode(), "main-nav") == []


def test_menu_queries_do_not_grow_with_links(client, pages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.navigation import invalidate_menus

    arrange(header=[pages["shop"]], footer=[pages["about"]])
    client.get("/ru/")
    invalidate_menus()  # count the menus being built, not read from the cache
    with CaptureQueriesContext(connection) as one:
        client.get("/ru/")
    parent = pages["about"].get_parent()
    extra = [ContentPageFactory(parent=parent, title=f"P{n}") for n in range(6)]
    for page in extra:
        translate_page(page, "ru", {page.title: f"С{page.title}"})
    arrange(header=[pages["shop"], *extra[:3]], footer=[pages["about"], *extra[3:]])
    client.get("/ru/")
    invalidate_menus()
    with CaptureQueriesContext(connection) as many:
        html = client.get("/ru/").content.decode()
    with CaptureQueriesContext(connection) as cached:
        client.get("/ru/")

    assert len(menu(html, "main-nav")) == 4
    assert len(many) == len(one)
    assert len(cached) == len(many) - 3  # the setting, the chosen pages, their translations


def test_menus_follow_a_renamed_page_at_once(client, pages):
    arrange(header=[pages["about"]], footer=[])
    assert menu(client.get("/en/").content.decode(), "main-nav")[0][0] == "About the shop"

    pages["about"].title = "Our story"
    pages["about"].save_revision().publish()

    assert menu(client.get("/en/").content.decode(), "main-nav")[0][0] == "Our story"


def test_menus_remembered_by_each_worker_follow_a_renamed_page_at_once(
    client, pages, settings, tmp_path
):
    # Production remembers the menus per worker for the content generation (cms.memo).
    settings.CONTENT_MEMORY = True
    settings.PAGE_CACHE_STAMP = str(tmp_path / "page-cache.stamp")
    arrange(header=[pages["about"]], footer=[])
    assert menu(client.get("/en/").content.decode(), "main-nav")[0][0] == "About the shop"

    pages["about"].title = "Our story"
    pages["about"].save_revision().publish()

    assert menu(client.get("/en/").content.decode(), "main-nav")[0][0] == "Our story"


def test_seed_creates_the_four_pages_in_three_languages_and_the_menus(
    client, site_pages, django_capture_on_commit_callbacks
):
    shop = ProductIndexPageFactory(parent=site_pages["en"])
    translate_page(shop, "ru", {"Shop": "Магазин"})
    command = type("Command", (), {"stdout": StringIO()})()
    with django_capture_on_commit_callbacks(execute=True):
        content_demo.seed(command)
        content_demo.seed_navigation(command)
        content_demo.seed(command)  # again: nothing twice
        content_demo.seed_navigation(command)

    assert ContentPage.objects.count() == 12
    for path, heading in [
        ("/en/delivery-and-payment/", "Delivery and payment"),
        ("/ru/delivery-and-payment/", "Доставка и оплата"),
        ("/kk/delivery-and-payment/", "Жеткізу және төлем"),
        ("/ru/returns/", "Возврат"),
        ("/kk/contacts/", "Байланыс"),
    ]:
        assert f"<h1>{heading}</h1>" in client.get(path).content.decode(), path
    russian = client.get("/ru/delivery-and-payment/").content.decode()
    assert "<summary>Как оплатить заказ?</summary>" in russian
    assert [label for label, _ in menu(russian, "main-nav")] == [
        "Магазин",
        "О магазине",
        "Доставка и оплата",
        "Контакты",
    ]
    assert [label for label, _ in menu(russian, "footer-links")][:4] == [
        "О магазине",
        "Доставка и оплата",
        "Возврат",
        "Контакты",
    ]


def test_admin_speaks_russian_to_staff_who_choose_it(client, site_pages):
    user = UserFactory(is_staff=True, is_superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(user)

    html = client.get("/admin/").content.decode()

    assert "Панель управления" in html
    assert "Запросы, ожидающие ответа" in html


def test_admin_offers_english_and_russian_and_kazakh_staff_get_russian(client, site_pages):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    client.cookies["nera_language"] = "kk"

    preferences = client.get("/admin/account/").content.decode()
    home = client.get("/admin/").content.decode()

    assert "Панель управления" in home  # no Kazakh catalogue in Wagtail: Russian instead
    assert 'lang="ru"' in home
    assert "Русский" in preferences
