"""Demo content for the home app: locales, the home page in three languages, operator details,
then (`finish`, once every app's pages exist) the content pages and the navigation."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Page, Site

from home import content_demo
from home.models import HomePage, OperatorSettings
from home.translation import publish_translation

HOME_EN = {
    "title": "Nera",
    "hero_title": "Jewellery and gifts from Almaty",
    "hero_text": "Choose what you like, send the order on WhatsApp, and we will reply within the day.",
    "intro": "<p>Nera is a small shop on Nazarbayev Avenue. Every piece is chosen by hand.</p>",
}
HOME_TRANSLATIONS = {
    "ru": {
        "Nera": "Nera",
        "Jewellery and gifts from Almaty": "Украшения и подарки из Алматы",
        "Choose what you like, send the order on WhatsApp, and we will reply within the day.": (
            "Выберите, что нравится, отправьте заказ в WhatsApp, и мы ответим в течение дня."
        ),
        "Nera is a small shop on Nazarbayev Avenue. Every piece is chosen by hand.": (
            "Nera — небольшой магазин на проспекте Назарбаева. Каждое изделие мы выбираем вручную."
        ),
    },
    "kk": {
        "Nera": "Nera",
        "Jewellery and gifts from Almaty": "Алматыдан әшекейлер мен сыйлықтар",
        "Choose what you like, send the order on WhatsApp, and we will reply within the day.": (
            "Ұнағанын таңдаңыз, тапсырысты WhatsApp арқылы жіберіңіз, біз бір күн ішінде жауап береміз."
        ),
        "Nera is a small shop on Nazarbayev Avenue. Every piece is chosen by hand.": (
            "Nera — Назарбаев даңғылындағы шағын дүкен. Әр бұйымды қолмен таңдаймыз."
        ),
    },
}
OPERATOR = {
    "trading_name": "Nera",
    "legal_name": "Nera Demo LLP",
    "bin": "000000000000",
    "legal_address": "Demo street 1, office 1, Almaty, 050000, Kazakhstan",
    "shop_address": "Demo avenue 2, Almaty, Kazakhstan",
    "email": "shop@example.com",
    "phone": "+7 700 000 0000",
    "whatsapp_number": "+7 700 000 0000",
    "hosting_provider": "Hetzner Online GmbH (Germany)",
}


def ensure_locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


def ensure_home_page() -> HomePage:
    """The English home page at the site root; replaces Wagtail's placeholder welcome page."""
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's migrations leave a plain "Welcome" page (and a site pointing at it).
        for placeholder in root.get_children().exact_type(Page):
            placeholder.delete()
        home = root.add_child(instance=HomePage(slug="home", **HOME_EN))
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Nera"},
    )
    return home


@transaction.atomic
def seed(command) -> None:
    ensure_locales()
    home = ensure_home_page()
    for code, strings in HOME_TRANSLATIONS.items():
        if not home.has_translation(Locale.objects.get(language_code=code)):
            publish_translation(home, code, strings)
    site = Site.objects.get(is_default_site=True)
    operator = OperatorSettings.for_site(site)
    if not operator.legal_name:
        for field, value in OPERATOR.items():
            setattr(operator, field, value)
        operator.save()
    command.stdout.write("Home pages in en, ru, kk and operator details are in place.")
    if settings.DEBUG or os.environ.get("SEED_ADMIN") == "1":
        create_demo_admin(command)


def create_demo_admin(command) -> None:
    """A development-only admin account, with a fresh password printed when it is created."""
    User = get_user_model()
    email = "admin@example.com"
    if User.objects.filter(email__iexact=email).exists():
        command.stdout.write(f"Admin account exists: {email} (password printed when created).")
        return
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser(
        email=email, password=password, first_name="Demo", last_name="Admin"
    )
    command.stdout.write(
        command.style.WARNING(
            f"Admin account created: {email} / {password}  "
            f"(http://127.0.0.1:{os.environ.get('PORT', '8000')}/admin/)"
        )
    )


def finish(command) -> None:
    # After the home page's translations are published (outside `seed`'s transaction: publishing
    # a translation waits for the commit, and must not race pages added below it).
    content_demo.seed(command)
    content_demo.seed_navigation(command)
