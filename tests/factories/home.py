import factory
import wagtail_factories
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from home.models import ContentPage, HomePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Nera"
    slug = "home"
    hero_title = "Jewellery and gifts from Almaty"
    hero_text = "Order on WhatsApp."


HOME_TEXT = {
    "ru": {"hero_title": "Украшения и подарки из Алматы", "hero_text": "Заказ через WhatsApp."},
    "kk": {
        "hero_title": "Алматыдан әшекейлер мен сыйлықтар",
        "hero_text": "WhatsApp арқылы тапсырыс.",
    },
}


def build_site() -> dict[str, HomePage]:
    """Locales, an English home page as the default site's root and its ru/kk translations."""
    for code in ("en", "ru", "kk"):
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    if root is None:  # transactional tests flush the tree that migrations created
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    for placeholder in root.get_children().exact_type(Page):
        placeholder.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Nera"},
    )
    pages = {"en": home}
    for code, fields in HOME_TEXT.items():
        translation = home.copy_for_translation(Locale.objects.get(language_code=code))
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        pages[code] = translation
    return pages


class ContentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContentPage

    title = "About the shop"
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    intro = "A small shop in Almaty."
