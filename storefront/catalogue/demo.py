"""Demo catalogue: a shop with four categories and 30 products in English, Russian and Kazakh.

Product photos are drawn locally with Pillow (nothing is downloaded). Running it again creates
nothing twice: pages are found by slug and SKU, translations by locale.
"""

from __future__ import annotations

import io
import math
from decimal import Decimal

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail_localize.strings import StringValue

from home.models import HomePage
from home.translation import publish_translation
from storefront.catalogue.models import (
    Availability,
    CategoryPage,
    ProductImage,
    ProductIndexPage,
    ProductPage,
    ProductVariant,
)

LANGUAGES = ("ru", "kk")

SHOP = {
    "en": ("Shop", "Jewellery and scarves made and chosen in Almaty."),
    "ru": ("Магазин", "Украшения и платки, сделанные и выбранные в Алматы."),
    "kk": ("Дүкен", "Алматыда жасалған және таңдалған әшекейлер мен орамалдар."),
}

# slug: (titles en/ru/kk, short description en/ru/kk, colours for the photos, shape)
CATEGORIES = {
    "rings": {
        "title": ("Rings", "Кольца", "Сақиналар"),
        "lead": (
            "Handmade in Almaty from 925 silver.",
            "Сделано вручную в Алматы из серебра 925 пробы.",
            "Алматыда 925 сынамды күмістен қолмен жасалған.",
        ),
        "colours": ((236, 229, 220), (120, 126, 134)),
        "shape": "ring",
        "price": 9000,
    },
    "earrings": {
        "title": ("Earrings", "Серьги", "Сырғалар"),
        "lead": (
            "Light enough to wear all day.",
            "Лёгкие: можно носить весь день.",
            "Жеңіл, күні бойы тағуға болады.",
        ),
        "colours": ((226, 236, 238), (64, 150, 160)),
        "shape": "drop",
        "price": 7000,
    },
    "necklaces": {
        "title": ("Necklaces", "Колье и подвески", "Алқалар мен кулондар"),
        "lead": (
            "Comes in a gift box.",
            "Поставляется в подарочной коробке.",
            "Сыйлық қорапшасында беріледі.",
        ),
        "colours": ((240, 232, 214), (178, 140, 70)),
        "shape": "pendant",
        "price": 12000,
    },
    "scarves": {
        "title": ("Scarves", "Платки", "Орамалдар"),
        "lead": (
            "Soft, warm and easy to care for.",
            "Мягкий, тёплый, за ним легко ухаживать.",
            "Жұмсақ, жылы, күтімі оңай.",
        ),
        "colours": ((244, 226, 226), (170, 60, 70)),
        "shape": "scarf",
        "price": 15000,
    },
}

PRODUCTS = {
    "rings": [
        ("Silver ring with turquoise", "Серебряное кольцо с бирюзой", "Фирузасы бар күміс сақина"),
        (
            "Gold-plated signet ring",
            "Позолоченный перстень-печатка",
            "Алтын жалатылған мөрлі жүзік",
        ),
        ("Thin stacking ring", "Тонкое наборное кольцо", "Жіңішке жиынтық сақина"),
        ("Ring with garnet", "Кольцо с гранатом", "Гранаты бар сақина"),
        ("Hammered silver band", "Кованое серебряное кольцо", "Соғылған күміс сақина"),
        ("Moonstone ring", "Кольцо с лунным камнем", "Ай тасы бар сақина"),
        ("Steppe ornament ring", "Кольцо со степным орнаментом", "Дала оюы бар сақина"),
        ("Pearl ring", "Кольцо с жемчугом", "Інжу бар сақина"),
    ],
    "earrings": [
        ("Silver hoop earrings", "Серебряные серьги-кольца", "Күміс дөңгелек сырғалар"),
        ("Turquoise drop earrings", "Серьги-капли с бирюзой", "Фирузалы тамшы сырғалар"),
        ("Pearl stud earrings", "Серьги-пусеты с жемчугом", "Інжу түйреуіш сырғалар"),
        ("Tassel earrings", "Серьги с кисточками", "Шашақты сырғалар"),
        ("Crescent earrings", "Серьги-полумесяцы", "Жарты ай сырғалар"),
        ("Filigree earrings", "Филигранные серьги", "Филигранды сырғалар"),
        ("Coral earrings", "Серьги с кораллом", "Маржан сырғалар"),
        ("Minimal bar earrings", "Минималистичные серьги-палочки", "Минималды таяқша сырғалар"),
    ],
    "necklaces": [
        ("Silver tulip pendant", "Серебряный кулон «Тюльпан»", "«Қызғалдақ» күміс кулоны"),
        ("Pearl necklace", "Жемчужное ожерелье", "Інжу алқа"),
        ("Turquoise bead necklace", "Бусы из бирюзы", "Фируза моншақтар"),
        ("Chain with an initial", "Цепочка с инициалом", "Бас әрпі бар шынжыр"),
        ("Snow leopard pendant", "Кулон «Снежный барс»", "«Ілбіс» кулоны"),
        ("Tumar amulet pendant", "Кулон-тумар", "Тұмар кулоны"),
        ("Layered chain", "Многослойная цепочка", "Көп қабатты шынжыр"),
    ],
    "scarves": [
        (
            "Silk scarf Apple Orchard",
            "Шёлковый платок «Яблоневый сад»",
            "«Алма бағы» жібек орамалы",
        ),
        (
            "Wool shawl with felt pattern",
            "Шерстяная шаль с войлочным узором",
            "Киіз өрнекті жүн шәлі",
        ),
        ("Cashmere scarf", "Кашемировый шарф", "Кашемир шарф"),
        ("Cotton bandana", "Хлопковая бандана", "Мақта бандана"),
        ("Silk scarf Tien Shan", "Шёлковый платок «Тянь-Шань»", "«Тянь-Шань» жібек орамалы"),
        ("Printed neck scarf", "Шейный платок с принтом", "Принті бар мойын орамалы"),
        ("Mohair stole", "Палантин из мохера", "Мохер палантин"),
    ],
}

# Variant names per category, with an optional extra price; the same in three languages.
VARIANTS = {
    "rings": [
        (("Size 16", "Размер 16", "Өлшемі 16"), 0),
        (("Size 17", "Размер 17", "Өлшемі 17"), 0),
        (("Size 18", "Размер 18", "Өлшемі 18"), 0),
    ],
    "earrings": [
        (("Silver", "Серебро", "Күміс"), 0),
        (("Gold-plated", "Позолота", "Алтын жалатылған"), 2500),
    ],
    "necklaces": [
        (("Chain 40 cm", "Цепочка 40 см", "Шынжыр 40 см"), 0),
        (("Chain 45 cm", "Цепочка 45 см", "Шынжыр 45 см"), 1500),
    ],
    "scarves": [],
}

BODY = (
    "Every piece is checked by hand before it leaves the shop. "
    "Write to us on WhatsApp if you need another size or colour.",
    "Каждое изделие мы проверяем вручную, прежде чем отправить. "
    "Напишите нам в WhatsApp, если нужен другой размер или цвет.",
    "Әр бұйымды жібермес бұрын қолмен тексереміз. "
    "Басқа өлшем немесе түс керек болса, бізге WhatsApp арқылы жазыңыз.",
)
PHOTO_ALT = (
    ("{} on a light background", "{} на светлом фоне", "{} ашық түсті аяда"),
    ("{}, close-up", "{}, крупный план", "{}, жақыннан"),
)


def plain_text_strings(strings: dict[str, str]) -> dict[str, str]:
    """Source→target pairs as wagtail-localize stores plain-text segments (HTML-escaped).

    Rich-text pairs pass through unchanged; plain-text pairs are added in escaped form too.
    """
    escaped = {
        StringValue.from_plaintext(source).data: StringValue.from_plaintext(target).data
        for source, target in strings.items()
    }
    return {**strings, **escaped}


def draw_photo(shape: str, background: tuple, accent: tuple, seed: int, size: int = 1200) -> bytes:
    """A simple product 'photo': a soft background with the item's silhouette, as JPEG."""
    picture = PillowImage.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(picture)
    # a soft vertical gradient so that the JPEG has something to compress
    for y in range(0, size, 8):
        shade = int(18 * y / size)
        colour = tuple(max(0, c - shade) for c in background)
        draw.rectangle([0, y, size, y + 8], fill=colour)
    centre = size // 2 + (seed % 5 - 2) * 20
    tint = tuple(min(255, c + (seed * 23) % 60) for c in accent)
    if shape == "ring":
        draw.ellipse(
            [centre - 260, centre - 260, centre + 260, centre + 260], outline=tint, width=70
        )
        draw.ellipse([centre - 60, centre - 360, centre + 60, centre - 240], fill=(64, 170, 180))
    elif shape == "drop":
        for offset in (-180, 180):
            x = centre + offset
            draw.ellipse([x - 30, 260, x + 30, 320], outline=tint, width=12)
            draw.polygon([(x, 340), (x - 110, 640), (x + 110, 640)], fill=tint)
            draw.ellipse([x - 110, 560, x + 110, 780], fill=tint)
    elif shape == "pendant":
        draw.arc([160, -300, size - 160, 620], start=20, end=160, fill=tint, width=14)
        draw.ellipse([centre - 130, 560, centre + 130, 820], fill=tint)
    else:
        for band in range(9):
            y = 200 + band * 90
            wave = [
                (x, y + int(30 * math.sin((x + seed * 40) / 90)))
                for x in range(150, size - 150, 20)
            ]
            draw.line(wave, fill=tint if band % 2 else accent, width=44)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def make_image(title: str, slug: str, content: bytes):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(content), name=f"{slug}.jpg")
    image.save()
    return image


def translate(instance, pairs: list[tuple[str, ...]]) -> None:
    """Publish ru/kk translations of `instance` from (en, ru, kk) text triples, when missing."""
    for position, code in enumerate(LANGUAGES, start=1):
        locale = Locale.objects.get(language_code=code)
        if instance.has_translation(locale):
            continue
        strings = {triple[0]: triple[position] for triple in pairs}
        publish_translation(instance, code, plain_text_strings(strings))


def ensure_shop(home: HomePage) -> ProductIndexPage:
    shop = ProductIndexPage.objects.child_of(home).first()
    if shop is None:
        title, intro = SHOP["en"]
        shop = home.add_child(
            instance=ProductIndexPage(title=title, slug="shop", intro=f"<p>{intro}</p>")
        )
        shop.save_revision().publish()
    translate(
        shop,
        [
            tuple(SHOP[c][0] for c in ("en", *LANGUAGES)),
            tuple(SHOP[c][1] for c in ("en", *LANGUAGES)),
        ],
    )
    return shop


@transaction.atomic
def ensure_product(
    category: CategoryPage, slug: str, number: int, names: tuple, spec: dict
) -> bool:
    """Create one product with photos and variants unless its SKU exists; True when created."""
    sku = f"NR-{slug[:3].upper()}-{number:03d}"
    product = ProductPage.objects.filter(sku=sku, locale=category.locale).first()
    created = product is None
    if created:
        base = spec["price"] + (number % 8) * 1500
        photos = []
        for angle, alt in enumerate(PHOTO_ALT):
            content = draw_photo(spec["shape"], *spec["colours"], seed=number * 3 + angle)
            image = make_image(f"{names[0]} ({angle + 1})", f"{slug}-{number}-{angle}", content)
            photos.append(ProductImage(image=image, alt_text=alt[0].format(names[0])))
        variants = [
            ProductVariant(
                name=variant_names[0],
                sku=f"{sku}-{position + 1}",
                price_override=Decimal(base + extra) if extra else None,
                stock=(number + position) % 5,
            )
            for position, (variant_names, extra) in enumerate(VARIANTS[slug])
        ]
        product = ProductPage(
            title=names[0],
            slug=f"{slug}-{number:02d}",
            sku=sku,
            price=Decimal(base),
            compare_at_price=Decimal(base + 3000) if number % 5 == 0 else None,
            availability=(
                Availability.SOLD_OUT
                if number % 11 == 4
                else Availability.MADE_TO_ORDER
                if number % 7 == 3
                else Availability.IN_STOCK
            ),
            stock=3 + number % 9,
            short_description=spec["lead"][0],
            body=[("paragraph", f"<p>{BODY[0]}</p>")],
            gallery_images=photos,
            variants=variants,
        )
        category.add_child(instance=product)
        product.save_revision().publish()
    pairs = [names, spec["lead"], BODY]
    pairs += [
        tuple(template.format(name) for template, name in zip(alt, names, strict=True))
        for alt in PHOTO_ALT
    ]
    pairs += [variant_names for variant_names, _ in VARIANTS[slug]]
    translate(product, pairs)
    return created


def seed(command) -> None:
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        command.stdout.write("No English home page; run the home demo first.")
        return
    shop = ensure_shop(home)
    created = 0
    number = 0
    for slug, spec in CATEGORIES.items():
        category = CategoryPage.objects.child_of(shop).filter(slug=slug).first()
        if category is None:
            category = shop.add_child(instance=CategoryPage(title=spec["title"][0], slug=slug))
            category.save_revision().publish()
        translate(category, [spec["title"]])
        for names in PRODUCTS[slug]:
            number += 1
            created += ensure_product(category, slug, number, names, spec)
    feature_on_home(home, shop)
    command.stdout.write(
        f"Catalogue: {number} products in {len(CATEGORIES)} categories ({created} new)."
    )


def feature_on_home(home: HomePage, shop: ProductIndexPage) -> None:
    """The home page shows the categories and the first product of each (unless an editor chose)."""
    if home.featured:
        return
    categories = list(CategoryPage.objects.child_of(shop).live().order_by("path"))
    products = [
        product
        for category in categories
        if (product := ProductPage.objects.child_of(category).live().order_by("path").first())
    ]
    featured = [("category", category) for category in categories]
    featured += [("product", product) for product in products]
    for page in [home, *home.get_translations().specific()]:
        page.featured = featured
        page.save_revision().publish()
