"""Demo content pages (about, delivery and payment, returns, contacts) and the navigation.

Written in English and translated into Russian and Kazakh through wagtail-localize, as an
editor's translators would. Running it again creates nothing twice.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page, Site

from home.models import ContentPage, HomePage, NavigationSettings
from home.translation import publish_translation

LANGUAGES = ("ru", "kk")

# Each text as (en, ru, kk); the pages are built from the English and translated from the rest.
PAGES = {
    "about": {
        "title": ("About the shop", "О магазине", "Дүкен туралы"),
        "intro": (
            "A small jewellery and scarf shop in Almaty.",
            "Небольшой магазин украшений и платков в Алматы.",
            "Алматыдағы шағын әшекей және орамал дүкені.",
        ),
        "text": [
            (
                "Nera started in 2019 as a table at a weekend market. Today we have a small shop "
                "on Nazarbayev Avenue, and we still choose every piece by hand.",
                "Nera началась в 2019 году со столика на ярмарке выходного дня. Сегодня у нас "
                "небольшой магазин на проспекте Назарбаева, и каждое изделие мы по-прежнему "
                "выбираем вручную.",
                "Nera 2019 жылы демалыс күнгі жәрмеңкедегі бір үстелден басталды. Бүгін бізде "
                "Назарбаев даңғылында шағын дүкен бар, әр бұйымды әлі де қолмен таңдаймыз.",
            ),
            (
                "Our rings and earrings are made by silversmiths in Almaty; the scarves come from "
                "small workshops we visit ourselves.",
                "Кольца и серьги делают ювелиры в Алматы; платки приходят из небольших "
                "мастерских, которые мы посещаем сами.",
                "Сақиналар мен сырғаларды Алматыдағы зергерлер жасайды; орамалдар өзіміз "
                "баратын шағын шеберханалардан келеді.",
            ),
        ],
    },
    "delivery-and-payment": {
        "title": ("Delivery and payment", "Доставка и оплата", "Жеткізу және төлем"),
        "intro": (
            "How your order reaches you and how to pay for it.",
            "Как заказ попадёт к вам и как его оплатить.",
            "Тапсырыс сізге қалай жетеді және оны қалай төлеуге болады.",
        ),
        "text": [
            (
                "We deliver in Almaty within two days by courier, and across Kazakhstan by "
                "Kazpost in three to seven days.",
                "По Алматы доставляем курьером за два дня, по Казахстану — Казпочтой за три–семь "
                "дней.",
                "Алматы бойынша курьер арқылы екі күнде, Қазақстан бойынша Қазпошта арқылы үш "
                "күннен жеті күнге дейін жеткіземіз.",
            ),
        ],
        "questions": [
            (
                "How do I pay?",
                "Как оплатить заказ?",
                "Тапсырысты қалай төлеймін?",
            ),
            (
                "By Kaspi transfer or in cash to the courier. We confirm the total on WhatsApp "
                "before you pay.",
                "Переводом Kaspi или наличными курьеру. Перед оплатой мы подтверждаем сумму в "
                "WhatsApp.",
                "Kaspi аударымымен немесе курьерге қолма-қол ақшамен. Төлем алдында соманы "
                "WhatsApp арқылы растаймыз.",
            ),
            (
                "How much does delivery cost?",
                "Сколько стоит доставка?",
                "Жеткізу қанша тұрады?",
            ),
            (
                "Delivery in Almaty is free from 20,000 tenge; otherwise we tell you the price "
                "when we confirm the order.",
                "По Алматы доставка бесплатна от 20 000 тенге; иначе мы назовём цену, когда "
                "подтвердим заказ.",
                "Алматы бойынша 20 000 теңгеден бастап жеткізу тегін; әйтпесе бағасын тапсырысты "
                "растаған кезде айтамыз.",
            ),
        ],
        "questions_heading": ("Questions", "Вопросы", "Сұрақтар"),
    },
    "returns": {
        "title": ("Returns", "Возврат", "Қайтару"),
        "intro": (
            "You can return an item within 14 days.",
            "Вы можете вернуть товар в течение 14 дней.",
            "Тауарды 14 күн ішінде қайтара аласыз.",
        ),
        "text": [
            (
                "Keep the item unworn and in its box, and write to us: we arrange the pick-up "
                "and refund the price within ten days of receiving it.",
                "Сохраните изделие неношеным и в коробке и напишите нам: мы организуем забор и "
                "вернём деньги в течение десяти дней после получения.",
                "Бұйымды тағылмаған күйінде қорабымен сақтап, бізге жазыңыз: біз оны алып кетуді "
                "ұйымдастырамыз және алған соң он күн ішінде ақшаны қайтарамыз.",
            ),
        ],
        "questions": [
            (
                "Can I exchange a ring for another size?",
                "Можно ли обменять кольцо на другой размер?",
                "Сақинаны басқа өлшемге ауыстыруға бола ма?",
            ),
            (
                "Yes, free of charge, as long as the size is in stock.",
                "Да, бесплатно, если нужный размер есть в наличии.",
                "Иә, қажетті өлшем бар болса, тегін.",
            ),
        ],
        "questions_heading": ("Questions", "Вопросы", "Сұрақтар"),
    },
    "contacts": {
        "title": ("Contacts", "Контакты", "Байланыс"),
        "intro": (
            "We answer every day from 10:00 to 20:00.",
            "Мы отвечаем каждый день с 10:00 до 20:00.",
            "Күн сайын 10:00-ден 20:00-ге дейін жауап береміз.",
        ),
        "text": [
            (
                "The shop is open every day from 11:00 to 19:00. The quickest way to reach us is "
                "WhatsApp.",
                "Магазин открыт каждый день с 11:00 до 19:00. Быстрее всего с нами можно "
                "связаться в WhatsApp.",
                "Дүкен күн сайын 11:00-ден 19:00-ге дейін ашық. Бізбен ең жылдам байланыс — "
                "WhatsApp.",
            ),
        ],
        "whatsapp": (
            ("Write to us on WhatsApp", "Написать нам в WhatsApp", "Бізге WhatsApp-қа жазыңыз"),
            (
                "Hello! I have a question about the shop.",
                "Здравствуйте! У меня вопрос о магазине.",
                "Сәлеметсіз бе! Дүкен туралы сұрағым бар.",
            ),
        ),
    },
}
HEADER = ["shop", "about", "delivery-and-payment", "contacts"]
FOOTER = ["about", "delivery-and-payment", "returns", "contacts"]


def _pairs(spec: dict) -> list[tuple[str, str, str]]:
    pairs = [spec["title"], spec["intro"], *spec["text"], *spec.get("questions", [])]
    if "questions_heading" in spec:
        pairs.append(spec["questions_heading"])
    if "whatsapp" in spec:
        pairs.extend(spec["whatsapp"])
    return pairs


def _body(spec: dict) -> list:
    body: list = [("text", "".join(f"<p>{text[0]}</p>" for text in spec["text"]))]
    questions = spec.get("questions", [])
    if questions:
        items = [
            {"question": questions[i][0], "answer": f"<p>{questions[i + 1][0]}</p>"}
            for i in range(0, len(questions), 2)
        ]
        body.append(("questions", {"heading": spec["questions_heading"][0], "items": items}))
    if "whatsapp" in spec:
        label, message = spec["whatsapp"]
        body.append(("whatsapp", {"label": label[0], "message": message[0]}))
    return body


def ensure_content_page(home: HomePage, slug: str, spec: dict) -> ContentPage:
    page = ContentPage.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = home.add_child(
            instance=ContentPage(
                title=spec["title"][0], slug=slug, intro=spec["intro"][0], body=_body(spec)
            )
        )
        page.save_revision().publish()
    from storefront.catalogue.demo import plain_text_strings

    for position, code in enumerate(LANGUAGES, start=1):
        if page.has_translation(Locale.objects.get(language_code=code)):
            continue
        strings = {triple[0]: triple[position] for triple in _pairs(spec)}
        publish_translation(page, code, plain_text_strings(strings))
    return page


@transaction.atomic
def seed_navigation(command) -> None:
    """The header and footer menus, unless editors have arranged them already."""
    home = HomePage.objects.filter(locale__language_code="en").first()
    site = Site.objects.filter(is_default_site=True).first()
    if home is None or site is None:
        return
    navigation = NavigationSettings.for_site(site)
    if navigation.header_links.raw_data or navigation.footer_links.raw_data:
        command.stdout.write("Navigation: kept as arranged.")
        return
    pages = {page.slug: page for page in Page.objects.child_of(home)}
    navigation.header_links = [("page", pages[slug]) for slug in HEADER if slug in pages]
    navigation.footer_links = [("page", pages[slug]) for slug in FOOTER if slug in pages]
    navigation.save()
    command.stdout.write("Navigation: header and footer menus arranged.")


def seed(command) -> None:
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        return
    for slug, spec in PAGES.items():
        ensure_content_page(home, slug, spec)
    command.stdout.write(f"Content pages: {', '.join(PAGES)} in en, ru, kk.")
