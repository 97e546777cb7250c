"""The demo shop's privacy policy text in English, with its Russian and Kazakh translations.

Written for this project (same sections and facts as the shop's policy, in its own words);
the facts themselves are the live blocks between the paragraphs.
"""

from __future__ import annotations

from datetime import date

FIRST_VERSION_DATE = date(2026, 4, 14)
SECOND_VERSION_ADDITION = (
    "When this policy changes in a way that matters, signed-in shoppers see a notice once, "
    "with a link to the comparison."
)

EN = {
    "who": "1. Who runs this shop",
    "who_text": "The shop and this website are run by the company below, which decides why and "
    "how your personal data is used.",
    "collect": "2. What we collect",
    "collect_checkout": "When you order through the checkout form, it asks for the following, "
    "and nothing else about you:",
    "collect_account": "When you open an account, the sign-up form asks for:",
    "collect_address": "In your account you can keep delivery addresses with these fields:",
    "collect_auto": "When you visit, your IP address is used to guess your country (for the "
    "language and the cookie rules) and is not stored, unless our spam protection is "
    "triggered. The analytics tool records pages, device and browser type only as section 5 "
    "allows.",
    "why": "3. Why we use it, and on what legal basis",
    "whatsapp": "4. Orders by WhatsApp",
    "whatsapp_text": "When you send your order by WhatsApp, the message holds your name, phone, "
    "delivery address and the items you chose. WhatsApp (Meta Platforms) then handles it "
    "under its own privacy policy. We do not track whether a purchase follows.",
    "cookies": "5. Cookies, browser storage and analytics",
    "cookies_text": "Essential cookies are always on. Analytics by PostHog (EU servers) starts "
    "for visitors in the EU, the EEA, the United Kingdom and Switzerland only after they accept "
    "it, and elsewhere can be switched off at "
    "any time. This table lists every cookie and browser-storage key the site uses:",
    "processors": "6. Who processes data for us, and transfers abroad",
    "processors_text": "These services process data on our behalf, each only for the purpose "
    "shown; the table also says where their servers are and what protects a transfer "
    "outside the European Economic Area.",
    "retention": "7. How long we keep data",
    "retention_text": "Data is deleted automatically when its period ends:",
    "rights": "8. Your rights",
    "children": "9. Children",
    "children_text": "The shop is not meant for children under 16, and sign-up asks you to "
    "confirm your age. If you think a child has given us data, write to us and we will "
    "delete it.",
    "changes": "10. Changes to this policy",
    "changes_text": "When we change this policy, the date at the top changes and the earlier "
    "version stays readable in the archive of versions.",
    "contact": "11. Contact",
    "contact_text": "For any question about your data, use the email address or phone number "
    "in section 1.",
}

PURPOSES_EN = [
    ("Answering your order by WhatsApp", "Name, phone, address, chosen items",
     "Legitimate interest (talking before a contract)"),
    ("Opening and running your account", "First and last name, email, password",
     "Performance of a contract"),
    ("Account emails (verification, password reset)", "Email address",
     "Performance of a contract"),
    ("Keeping your delivery addresses", "Address details", "Performance of a contract"),
    ("Finding your country for the cookie rules", "IP address (not stored)",
     "Legal obligation (GDPR)"),
    ("Stopping spam and abuse", "IP address, email, browser, only when spam is detected",
     "Legitimate interest (security)"),
    ("Improving the shop with analytics", "Anonymised browsing data",
     "Consent (EU, EEA, UK, Switzerland) / legitimate interest (elsewhere)"),
    ("Finding and fixing errors", "Error reports, which may contain request data",
     "Legitimate interest (a working service)"),
]  # fmt: skip

PROCESSORS = [
    {
        "name": "Hetzner Online GmbH",
        "purpose": "Hosting of the website and its database",
        "data_shared": "All data the website stores",
        "server_location": "Germany",
        "transfer_safeguard": "",
        "website": "https://www.hetzner.com",
    },
    {
        "name": "PostHog",
        "purpose": "Website analytics",
        "data_shared": "Anonymised browsing and device data",
        "server_location": "European Union",
        "transfer_safeguard": "",
        "website": "https://posthog.com",
    },
    {
        "name": "Brevo",
        "purpose": "Sending account emails",
        "data_shared": "Email address and name",
        "server_location": "European Union",
        "transfer_safeguard": "",
        "website": "https://www.brevo.com",
    },
    {
        "name": "Honeybadger",
        "purpose": "Error monitoring",
        "data_shared": "Technical error reports, with personal fields filtered out",
        "server_location": "United States",
        "transfer_safeguard": "Standard contractual clauses; no personal data is sent on purpose",
        "website": "https://www.honeybadger.io",
    },
    {
        "name": "WhatsApp (Meta Platforms)",
        "purpose": "Talking to you about your order",
        "data_shared": "Name, phone, delivery address and chosen items in your message",
        "server_location": "United States",
        "transfer_safeguard": "EU-U.S. Data Privacy Framework",
        "website": "https://www.whatsapp.com",
    },
]


def _section(key: str, text_key: str | None = None) -> tuple:
    text = f"<p>{EN[text_key]}</p>" if text_key else ""
    return ("section", {"heading": EN[key], "text": text})


def policy_body(second_version: bool) -> list[tuple]:
    changes = f"<p>{EN['changes_text']}</p>"
    if second_version:
        changes += f"<p>{SECOND_VERSION_ADDITION}</p>"
    return [
        _section("who", "who_text"),
        ("operator_details", None),
        _section("collect", "collect_checkout"),
        ("data_collected", {"form": "checkout"}),
        ("paragraph", f"<p>{EN['collect_account']}</p>"),
        ("data_collected", {"form": "signup"}),
        ("paragraph", f"<p>{EN['collect_address']}</p>"),
        ("data_collected", {"form": "address"}),
        ("paragraph", f"<p>{EN['collect_auto']}</p>"),
        _section("why"),
        (
            "purposes",
            {
                "purposes": [
                    {"purpose": purpose, "data": data, "legal_basis": basis}
                    for purpose, data, basis in PURPOSES_EN
                ]
            },
        ),
        _section("whatsapp", "whatsapp_text"),
        _section("cookies", "cookies_text"),
        ("cookies", None),
        _section("processors", "processors_text"),
        ("processors", None),
        _section("retention", "retention_text"),
        ("retention", None),
        _section("rights"),
        ("rights", None),
        _section("children", "children_text"),
        ("section", {"heading": EN["changes"], "text": changes}),
        _section("contact", "contact_text"),
    ]


RU = {
    "Privacy policy": "Политика конфиденциальности",
    "This policy explains what the shop does with your personal data.": (
        "Эта политика объясняет, что магазин делает с вашими персональными данными."
    ),
    EN["who"]: "1. Кто управляет магазином",
    EN["who_text"]: "Магазином и этим сайтом управляет компания, указанная ниже; она решает, "
    "зачем и как используются ваши персональные данные.",
    EN["collect"]: "2. Какие данные мы собираем",
    EN["collect_checkout"]: "Когда вы оформляете заказ, форма просит только следующее и ничего "
    "больше о вас:",
    EN["collect_account"]: "Когда вы создаёте аккаунт, форма регистрации просит:",
    EN["collect_address"]: "В аккаунте можно хранить адреса доставки с такими полями:",
    EN["collect_auto"]: "Когда вы заходите на сайт, по IP-адресу определяется ваша страна (для "
    "языка и правил о cookie); адрес не сохраняется, если не сработала защита от спама. "
    "Аналитика записывает страницы, тип устройства и браузера только так, как разрешает "
    "раздел 5.",
    EN["why"]: "3. Зачем мы используем данные и на каком правовом основании",
    EN["whatsapp"]: "4. Заказы через WhatsApp",
    EN["whatsapp_text"]: "Когда вы отправляете заказ в WhatsApp, сообщение содержит ваше имя, "
    "телефон, адрес доставки и выбранные товары. Дальше его обрабатывает WhatsApp (Meta "
    "Platforms) по своей политике конфиденциальности. Мы не отслеживаем, состоялась ли покупка.",
    EN["cookies"]: "5. Cookie, хранилище браузера и аналитика",
    EN["cookies_text"]: "Необходимые cookie работают всегда. Аналитика PostHog (серверы в ЕС) "
    "для посетителей из ЕС, ЕЭЗ, Великобритании и Швейцарии включается только после их "
    "согласия, а для остальных её можно "
    "выключить в любой момент. В таблице перечислены все cookie и ключи хранилища браузера:",
    EN["processors"]: "6. Кто обрабатывает данные по нашему поручению и передача за рубеж",
    EN["processors_text"]: "Эти сервисы обрабатывают данные по нашему поручению, каждый только "
    "для указанной цели; в таблице также указано, где их серверы и что защищает передачу "
    "за пределы Европейской экономической зоны.",
    EN["retention"]: "7. Сколько мы храним данные",
    EN["retention_text"]: "Данные удаляются автоматически по истечении срока:",
    EN["rights"]: "8. Ваши права",
    EN["children"]: "9. Дети",
    EN["children_text"]: "Магазин не предназначен для детей младше 16 лет; при регистрации нужно "
    "подтвердить возраст. Если вы считаете, что ребёнок передал нам данные, напишите нам, и мы "
    "их удалим.",
    EN["changes"]: "10. Изменения политики",
    EN["changes_text"]: "Когда мы меняем политику, дата вверху меняется, а прежняя версия "
    "остаётся доступной в архиве версий.",
    SECOND_VERSION_ADDITION: "Если политика меняется существенно, вошедшие покупатели один раз "
    "видят уведомление со ссылкой на сравнение версий.",
    EN["contact"]: "11. Контакты",
    EN["contact_text"]: "По любым вопросам о ваших данных пишите на адрес или звоните по "
    "телефону из раздела 1.",
    # Purposes
    "Answering your order by WhatsApp": "Ответ на ваш заказ в WhatsApp",
    "Name, phone, address, chosen items": "Имя, телефон, адрес, выбранные товары",
    "Legitimate interest (talking before a contract)": (
        "Законный интерес (переговоры до заключения договора)"
    ),
    "Opening and running your account": "Создание и ведение аккаунта",
    "First and last name, email, password": "Имя и фамилия, email, пароль",
    "Performance of a contract": "Исполнение договора",
    "Account emails (verification, password reset)": "Письма аккаунта (подтверждение, сброс пароля)",
    "Email address": "Адрес электронной почты",
    "Keeping your delivery addresses": "Хранение адресов доставки",
    "Address details": "Данные адреса",
    "Finding your country for the cookie rules": "Определение страны для правил о cookie",
    "IP address (not stored)": "IP-адрес (не сохраняется)",
    "Legal obligation (GDPR)": "Юридическая обязанность (GDPR)",
    "Stopping spam and abuse": "Защита от спама и злоупотреблений",
    "IP address, email, browser, only when spam is detected": (
        "IP-адрес, email, браузер — только при обнаружении спама"
    ),
    "Legitimate interest (security)": "Законный интерес (безопасность)",
    "Improving the shop with analytics": "Улучшение магазина с помощью аналитики",
    "Anonymised browsing data": "Обезличенные данные о посещениях",
    "Consent (EU, EEA, UK, Switzerland) / legitimate interest (elsewhere)": "Согласие (ЕС, ЕЭЗ, Великобритания, Швейцария) / законный интерес (другие страны)",
    "Finding and fixing errors": "Поиск и исправление ошибок",
    "Error reports, which may contain request data": "Отчёты об ошибках, которые могут содержать данные запроса",
    "Legitimate interest (a working service)": "Законный интерес (работающий сервис)",
    # Processors
    "Hosting of the website and its database": "Хостинг сайта и его базы данных",
    "All data the website stores": "Все данные, которые хранит сайт",
    "Germany": "Германия",
    "Website analytics": "Аналитика сайта",
    "Anonymised browsing and device data": "Обезличенные данные о посещениях и устройствах",
    "European Union": "Европейский союз",
    "Sending account emails": "Отправка писем аккаунта",
    "Email address and name": "Адрес электронной почты и имя",
    "Error monitoring": "Мониторинг ошибок",
    "Technical error reports, with personal fields filtered out": (
        "Технические отчёты об ошибках без персональных полей"
    ),
    "United States": "США",
    "Standard contractual clauses; no personal data is sent on purpose": (
        "Стандартные договорные условия; персональные данные намеренно не передаются"
    ),
    "Talking to you about your order": "Общение с вами о заказе",
    "Name, phone, delivery address and chosen items in your message": (
        "Имя, телефон, адрес доставки и выбранные товары в вашем сообщении"
    ),
    "EU-U.S. Data Privacy Framework": "Рамочная программа ЕС–США о конфиденциальности данных (DPF)",
}  # fmt: skip

KK = {
    "Privacy policy": "Құпиялылық саясаты",
    "This policy explains what the shop does with your personal data.": (
        "Бұл саясат дүкеннің сіздің дербес деректеріңізбен не істейтінін түсіндіреді."
    ),
    EN["who"]: "1. Дүкенді кім басқарады",
    EN["who_text"]: "Дүкен мен осы сайтты төменде көрсетілген компания басқарады; дербес "
    "деректеріңіздің не үшін және қалай пайдаланылатынын сол шешеді.",
    EN["collect"]: "2. Қандай деректер жинаймыз",
    EN["collect_checkout"]: "Тапсырыс рәсімдегенде форма тек мыналарды сұрайды, сіз туралы "
    "басқа ештеңе сұрамайды:",
    EN["collect_account"]: "Аккаунт ашқанда тіркелу формасы мыналарды сұрайды:",
    EN["collect_address"]: "Аккаунтта мына өрістері бар жеткізу мекенжайларын сақтауға болады:",
    EN["collect_auto"]: "Сайтқа кіргенде IP-мекенжайыңыз бойынша еліңіз анықталады (тіл мен "
    "cookie ережелері үшін); спамнан қорғаныс іске қосылмаса, мекенжай сақталмайды. Аналитика "
    "беттерді, құрылғы мен браузер түрін тек 5-бөлім рұқсат ететіндей жазады.",
    EN["why"]: "3. Деректерді не үшін және қандай құқықтық негізде пайдаланамыз",
    EN["whatsapp"]: "4. WhatsApp арқылы тапсырыс",
    EN["whatsapp_text"]: "Тапсырысты WhatsApp арқылы жібергенде хабарламада атыңыз, телефоныңыз, "
    "жеткізу мекенжайыңыз және таңдаған тауарларыңыз болады. Одан кейін оны WhatsApp (Meta "
    "Platforms) өз құпиялылық саясаты бойынша өңдейді. Сатып алу болды ма, біз қадағаламаймыз.",
    EN["cookies"]: "5. Cookie, браузер қоймасы және аналитика",
    EN["cookies_text"]: "Қажетті cookie әрқашан жұмыс істейді. PostHog аналитикасы (ЕО "
    "серверлері) ЕО, ЕЭА, Ұлыбритания мен Швейцариядағы келушілер үшін тек келісім бергеннен "
    "кейін қосылады, ал басқалар оны "
    "кез келген уақытта өшіре алады. Кестеде сайт пайдаланатын барлық cookie мен браузер "
    "қоймасының кілттері берілген:",
    EN["processors"]: "6. Деректерді біздің атымыздан кім өңдейді және шетелге беру",
    EN["processors_text"]: "Бұл қызметтер деректерді біздің тапсырмамыз бойынша, әрқайсысы тек "
    "көрсетілген мақсатпен өңдейді; кестеде олардың серверлері қайда екені және Еуропалық "
    "экономикалық аймақтан тыс беруді не қорғайтыны да көрсетілген.",
    EN["retention"]: "7. Деректерді қанша уақыт сақтаймыз",
    EN["retention_text"]: "Мерзімі біткенде деректер автоматты түрде жойылады:",
    EN["rights"]: "8. Сіздің құқықтарыңыз",
    EN["children"]: "9. Балалар",
    EN["children_text"]: "Дүкен 16 жасқа толмаған балаларға арналмаған; тіркелу кезінде жасыңызды "
    "растау керек. Бала бізге деректер берді деп ойласаңыз, бізге жазыңыз, біз оларды жоямыз.",
    EN["changes"]: "10. Саясаттың өзгеруі",
    EN["changes_text"]: "Саясатты өзгерткенде жоғарыдағы күн өзгереді, ал бұрынғы нұсқасы "
    "нұсқалар мұрағатында оқуға қолжетімді болып қалады.",
    SECOND_VERSION_ADDITION: "Саясат елеулі өзгергенде, аккаунтқа кірген сатып алушылар нұсқаларды "
    "салыстыру сілтемесі бар хабарламаны бір рет көреді.",
    EN["contact"]: "11. Байланыс",
    EN["contact_text"]: "Деректеріңіз туралы кез келген сұрақ бойынша 1-бөлімдегі мекенжайға "
    "жазыңыз немесе телефонға қоңырау шалыңыз.",
    # Purposes
    "Answering your order by WhatsApp": "WhatsApp арқылы тапсырысыңызға жауап беру",
    "Name, phone, address, chosen items": "Аты, телефоны, мекенжайы, таңдалған тауарлар",
    "Legitimate interest (talking before a contract)": "Заңды мүдде (шарт жасасқанға дейінгі келіссөз)",
    "Opening and running your account": "Аккаунтты ашу және жүргізу",
    "First and last name, email, password": "Аты мен тегі, email, құпиясөз",
    "Performance of a contract": "Шартты орындау",
    "Account emails (verification, password reset)": "Аккаунт хаттары (растау, құпиясөзді қалпына келтіру)",
    "Email address": "Электрондық пошта мекенжайы",
    "Keeping your delivery addresses": "Жеткізу мекенжайларын сақтау",
    "Address details": "Мекенжай деректері",
    "Finding your country for the cookie rules": "Cookie ережелері үшін елді анықтау",
    "IP address (not stored)": "IP-мекенжай (сақталмайды)",
    "Legal obligation (GDPR)": "Заңдық міндет (GDPR)",
    "Stopping spam and abuse": "Спам мен теріс пайдаланудан қорғау",
    "IP address, email, browser, only when spam is detected": (
        "IP-мекенжай, email, браузер — тек спам анықталғанда"
    ),
    "Legitimate interest (security)": "Заңды мүдде (қауіпсіздік)",
    "Improving the shop with analytics": "Аналитика арқылы дүкенді жақсарту",
    "Anonymised browsing data": "Иесіздендірілген қарау деректері",
    "Consent (EU, EEA, UK, Switzerland) / legitimate interest (elsewhere)": "Келісім (ЕО, ЕЭА, Ұлыбритания, Швейцария) / заңды мүдде (басқа елдер)",
    "Finding and fixing errors": "Қателерді табу және түзету",
    "Error reports, which may contain request data": "Сұрау деректері болуы мүмкін қате есептері",
    "Legitimate interest (a working service)": "Заңды мүдде (жұмыс істейтін қызмет)",
    # Processors
    "Hosting of the website and its database": "Сайт пен оның дерекқорын орналастыру",
    "All data the website stores": "Сайт сақтайтын барлық деректер",
    "Germany": "Германия",
    "Website analytics": "Сайт аналитикасы",
    "Anonymised browsing and device data": "Иесіздендірілген қарау және құрылғы деректері",
    "European Union": "Еуропалық одақ",
    "Sending account emails": "Аккаунт хаттарын жіберу",
    "Email address and name": "Электрондық пошта мекенжайы және аты",
    "Error monitoring": "Қателерді бақылау",
    "Technical error reports, with personal fields filtered out": (
        "Дербес өрістері алынып тасталған техникалық қате есептері"
    ),
    "United States": "АҚШ",
    "Standard contractual clauses; no personal data is sent on purpose": (
        "Стандартты шарттық талаптар; дербес деректер әдейі жіберілмейді"
    ),
    "Talking to you about your order": "Тапсырысыңыз туралы сізбен сөйлесу",
    "Name, phone, delivery address and chosen items in your message": (
        "Хабарламаңыздағы аты, телефоны, жеткізу мекенжайы және таңдалған тауарлар"
    ),
    "EU-U.S. Data Privacy Framework": "ЕО–АҚШ деректер құпиялылығы негіздемесі (DPF)",
}  # fmt: skip

TRANSLATIONS = {"ru": RU, "kk": KK}
