"""What search engines and link previews read: titles, descriptions, canonical and hreflang on
every page type, one host in every absolute URL, the home page's featured products, compressed
HTML and the inline stylesheet that the Content-Security-Policy allows by its hash."""

import base64
import gzip
import hashlib
import re
from decimal import Decimal

import pytest

from home.models import HomePage
from tests.factories.catalogue import (
    CategoryPageFactory,
    ProductImageFactory,
    ProductIndexPageFactory,
    ProductPageFactory,
    translate_page,
)


@pytest.fixture
def catalogue(site_pages):
    shop = ProductIndexPageFactory(parent=site_pages["en"], title="Shop", slug="shop")
    rings = CategoryPageFactory(parent=shop, title="Rings", slug="rings")
    ring = ProductPageFactory(
        parent=rings,
        title="Silver ring",
        slug="silver-ring",
        sku="RING-1",
        price=Decimal("9000"),
        short_description="Handmade in Almaty.",
    )
    ProductImageFactory(product=ring, alt_text="Silver ring")
    ring.save_revision().publish()
    for code, words in {"ru": ("Магазин", "Кольца", "Серебряное кольцо")}.items():
        translate_page(shop, code, {"Shop": words[0]})
        translate_page(rings, code, {"Rings": words[1]})
        translate_page(ring, code, {"Silver ring": words[2]})
    return {"shop": shop, "rings": rings, "ring": ring}


def head(html: str) -> str:
    return html.split("</head>", 1)[0]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_home_page_has_a_real_title_canonical_hreflang_and_open_graph(client, site_pages, language):
    html = head(client.get(f"/{language}/").content.decode())

    hero = site_pages[language].hero_title
    assert f"<title>Nera · {hero}</title>" in html
    assert "Nera · Nera" not in html
    assert f'<link rel="canonical" href="http://localhost/{language}/">' in html
    for code in ("en", "ru", "kk"):
        assert f'<link rel="alternate" hreflang="{code}" href="http://localhost/{code}/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://localhost/en/">' in html
    assert f'<meta property="og:url" content="http://localhost/{language}/">' in html
    assert f'<meta property="og:title" content="Nera · {hero}">' in html
    assert re.search(r'<meta name="description" content="[^"]{10,}">', html)


@pytest.mark.parametrize(
    ("path", "description"),
    [
        ("/en/", "Order on WhatsApp."),
        ("/en/shop/", "Order on WhatsApp."),
        ("/en/shop/rings/", "Order on WhatsApp."),
        ("/en/shop/rings/silver-ring/", "Handmade in Almaty."),
        ("/en/account/signup/", "Keep your details and delivery addresses for your next order."),
        ("/en/account/login/", "Order on WhatsApp."),
        ("/en/cookies/", "Order on WhatsApp."),
    ],
)
def test_every_page_type_has_a_meta_description(client, catalogue, path, description):
    html = head(client.get(path).content.decode())

    assert html.count('<meta name="description"') == 1
    assert f'<meta name="description" content="{description}">' in html


def test_checkout_has_its_own_description(client, catalogue):
    client.post("/en/basket/add/", {"product": catalogue["ring"].pk, "quantity": 1})

    html = head(client.get("/en/checkout/").content.decode())

    assert (
        '<meta name="description" content="Fill in your details, then send the order to us on '
        'WhatsApp. Nothing is paid online.">'
    ) in html


def test_an_editors_search_description_wins(client, catalogue):
    shop = catalogue["shop"]
    shop.search_description = "Silver rings and scarves from Almaty."
    shop.save_revision().publish()

    html = head(client.get("/en/shop/").content.decode())

    assert '<meta name="description" content="Silver rings and scarves from Almaty.">' in html
    assert (
        '<meta property="og:description" content="Silver rings and scarves from Almaty.">' in html
    )


def test_views_outside_the_page_tree_have_canonical_and_alternates(client, site_pages):
    html = head(client.get("/ru/account/signup/?next=/ru/").content.decode())

    assert '<link rel="canonical" href="http://localhost/ru/account/signup/">' in html
    for code in ("en", "ru", "kk"):
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://localhost/{code}/account/signup/">'
            in html
        )


def test_the_language_switcher_outside_the_page_tree_keeps_the_view_and_its_query(
    client, site_pages
):
    html = client.get("/ru/account/signup/?next=/ru/&x=%D0%B6").content.decode()
    switcher = re.search(r'<nav class="lang-switcher".*?</nav>', html, re.S).group(0)

    assert re.findall(r'name="next" value="([^"]+)"', switcher) == [
        f"/{code}/account/signup/?next=/ru/&amp;x=%D0%B6" for code in ("en", "kk")
    ]


def test_every_absolute_url_names_the_sites_host_not_the_requests(client, catalogue):
    """Canonical, hreflang, Open Graph, JSON-LD and images: one host, the Wagtail Site's."""
    html = head(
        client.get("/en/shop/rings/silver-ring/", HTTP_HOST="other.example").content.decode()
    )

    hosts = set(re.findall(r"https?://([^/\"]+)/", html)) - {"schema.org"}
    assert hosts == {"localhost"}
    assert re.search(r'<meta property="og:image" content="http://localhost/[^"]+\.jpg">', html)


def test_home_page_shows_the_products_and_categories_the_editor_chose(client, catalogue):
    home = HomePage.objects.get(locale__language_code="en")
    home.featured = [("category", catalogue["rings"]), ("product", catalogue["ring"])]
    home.save_revision().publish()

    english = client.get("/en/").content.decode()
    russian = client.get("/ru/").content.decode()

    assert '<a class="button secondary" href="/en/shop/rings/">Rings</a>' in english
    assert 'href="/en/shop/rings/silver-ring/"' in english
    assert "Silver ring" in english
    # the Russian home page (no choice of its own yet) shows the English page's, in Russian
    assert '<a class="button secondary" href="/ru/shop/rings/">Кольца</a>' in russian
    assert "Серебряное кольцо" in russian


def test_an_unpublished_featured_product_is_not_shown(client, catalogue):
    home = HomePage.objects.get(locale__language_code="en")
    home.featured = [("product", catalogue["ring"])]
    home.save_revision().publish()
    catalogue["ring"].unpublish()

    assert "silver-ring" not in client.get("/en/").content.decode()


def test_html_leaves_compressed(client, site_pages):
    response = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip")

    assert response["Content-Encoding"] == "gzip"
    assert "<h1>" in gzip.decompress(response.content).decode()


def test_the_stylesheet_is_inline_minified_and_allowed_by_its_hash_only(client, site_pages):
    response = client.get("/en/")
    html = response.content.decode()

    assert '<link rel="stylesheet"' not in html  # nothing blocks the first paint
    css = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert "\n" not in css and "/*" not in css
    assert ".product-grid{" in css
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["style-src"] == f"'self' 'sha256-{digest}'"


def test_the_listing_loads_the_first_row_at_once_and_small_images(client, catalogue):
    for number in range(6):
        product = ProductPageFactory(parent=catalogue["rings"], slug=f"ring-{number}")
        ProductImageFactory(product=product)
        product.save_revision().publish()

    html = client.get("/en/shop/rings/").content.decode()

    cards = re.findall(r'<li class="product-card">.*?</li>', html, re.S)
    assert len(cards) == 7
    assert ['loading="lazy"' in card for card in cards] == [False] * 4 + [True] * 3
    # a 480 px rendition for phones (cards are about 170 CSS px wide there)
    assert all("fill-480x480.format-jpeg.jpg" in card for card in cards)


def test_the_not_found_page_asks_not_to_be_indexed_and_names_no_canonical(client, site_pages):
    response = client.get("/en/no-such-page/")

    html = head(response.content.decode())
    assert response.status_code == 404
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html
