"""Product JSON-LD against Google's documented markup for product variants, breadcrumbs and the
sitemap's reciprocal language alternates.

The property lists are Google Search Central's "Product variant structured data (ProductGroup,
Product)" and the merchant listing Offer properties it refers to
(developers.google.com/search/docs/appearance/structured-data/product-variants).
"""

import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from decimal import Decimal

import pytest

from storefront.catalogue.models import Availability, VariesBy
from tests.factories.catalogue import (
    ProductImageFactory,
    ProductPageFactory,
    ProductVariantFactory,
    translate_page,
)

# ProductGroup: required, then recommended.
GROUP_REQUIRED = {"name"}
GROUP_RECOMMENDED = {"brand", "description", "hasVariant", "productGroupID", "url", "variesBy"}
# Each variant (a Product in hasVariant): required for merchant listings, then recommended.
VARIANT_REQUIRED = {"name", "image", "offers"}
VARIANT_RECOMMENDED = {"description", "inProductGroupWithID", "isVariantOf", "sku"}
# Offer: required, then recommended.
OFFER_REQUIRED = {"price", "priceCurrency"}
OFFER_RECOMMENDED = {"availability", "itemCondition"}
# Recommended by Google, but the shop has no such data: no reviews or ratings, no GTINs, and
# shipping and returns are agreed in the WhatsApp chat (docs/ says so), not published per offer.
NOT_APPLICABLE = {"aggregateRating", "review", "gtin", "shippingDetails", "hasMerchantReturnPolicy"}
# The values variesBy may take: schema.org properties, named by URL.
VARIES_BY_VALUES = {f"https://schema.org/{p}" for p in ("size", "color", "material", "pattern")}
AVAILABILITY_VALUES = {
    "https://schema.org/InStock",
    "https://schema.org/OutOfStock",
    "https://schema.org/MadeToOrder",
}


def json_ld_nodes(html: str) -> list[dict]:
    nodes = []
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        assert data["@context"] == "https://schema.org"
        nodes += data.get("@graph", [data])
    return nodes


def node(nodes: list[dict], kind: str) -> dict:
    found = [n for n in nodes if n["@type"] == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    return found[0]


@pytest.fixture
def earrings(shop):
    product = ProductPageFactory(
        parent=shop["rings"],
        title="Drop earrings",
        slug="drop-earrings",
        short_description="Light enough to wear all day.",
        sku="EAR-D",
        price=Decimal("12000"),
        varies_by=VariesBy.MATERIAL,
    )
    ProductVariantFactory(product=product, name="Silver", sku="EAR-D-S", stock=0)
    ProductVariantFactory(
        product=product, name="Gold-plated", sku="EAR-D-G", stock=4, price_override=Decimal("14500")
    )
    ProductImageFactory(product=product, alt_text="Drop earrings")
    product.save_revision().publish()
    translate_page(product, "ru", {"Drop earrings": "Серьги-капли"})
    return product


def test_product_with_variants_has_googles_product_group_markup(client, earrings):
    nodes = json_ld_nodes(client.get("/en/shop/rings/drop-earrings/").content.decode())

    group = node(nodes, "ProductGroup")
    assert group.keys() >= GROUP_REQUIRED | GROUP_RECOMMENDED, "missing group properties"
    assert not NOT_APPLICABLE & group.keys()
    assert group["name"] == "Drop earrings"
    assert group["productGroupID"] == "EAR-D"
    assert group["brand"] == {"@type": "Brand", "name": "Nera"}
    assert group["variesBy"] == ["https://schema.org/material"]
    assert set(group["variesBy"]) <= VARIES_BY_VALUES
    assert group["url"] == "http://localhost/en/shop/rings/drop-earrings/"

    variants = group["hasVariant"]
    assert [v["sku"] for v in variants] == ["EAR-D-S", "EAR-D-G"]
    for variant in variants:
        assert variant["@type"] == "Product"
        assert variant.keys() >= VARIANT_REQUIRED | VARIANT_RECOMMENDED, variant
        # each variant names its value of every property the group varies by
        for prop in group["variesBy"]:
            assert variant[prop.rsplit("/", 1)[1]]
        assert variant["inProductGroupWithID"] == group["productGroupID"]
        assert variant["isVariantOf"] == {"@id": group["@id"]}
        assert variant["image"].startswith("http://localhost/")
        offer = variant["offers"]
        assert offer["@type"] == "Offer"
        assert offer.keys() >= OFFER_REQUIRED | OFFER_RECOMMENDED, offer
        assert offer["availability"] in AVAILABILITY_VALUES
        assert offer["url"] == variant["url"]
        # the seller is the shop's Organization, described in the same graph
        assert offer["seller"] == {"@id": node(nodes, "Organization")["@id"]}
    assert [
        (v["material"], v["offers"]["price"], v["offers"]["availability"]) for v in variants
    ] == [
        ("Silver", "12000.00", "https://schema.org/OutOfStock"),
        ("Gold-plated", "14500.00", "https://schema.org/InStock"),
    ]
    assert node(nodes, "Organization")["name"] == "Nera"


def test_a_variants_address_opens_the_page_with_that_variant_chosen(client, earrings):
    nodes = json_ld_nodes(client.get("/en/shop/rings/drop-earrings/").content.decode())
    url = node(nodes, "ProductGroup")["hasVariant"][1]["url"]
    assert url == "http://localhost/en/shop/rings/drop-earrings/?variant=EAR-D-G"

    html = client.get(url.removeprefix("http://localhost")).content.decode()

    assert '<option value="EAR-D-G" selected>' in html


def test_made_to_order_product_is_a_product_with_one_made_to_order_offer(client, shop):
    ProductPageFactory(
        parent=shop["rings"],
        slug="signet",
        title="Signet ring",
        price=Decimal("30000"),
        availability=Availability.MADE_TO_ORDER,
    )

    product = node(json_ld_nodes(client.get("/en/shop/rings/signet/").content.decode()), "Product")

    assert {"name", "offers", "brand", "sku"} <= product.keys()
    assert product["offers"]["availability"] == "https://schema.org/MadeToOrder"
    assert product["offers"]["price"] == "30000.00"


def test_breadcrumb_list_follows_the_breadcrumbs_shown(client, earrings):
    html = client.get("/ru/shop/rings/drop-earrings/").content.decode()

    crumbs = node(json_ld_nodes(html), "BreadcrumbList")["itemListElement"]

    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Nera", "http://localhost/ru/"),
        (2, "Магазин", "http://localhost/ru/shop/"),
        (3, "Кольца", "http://localhost/ru/shop/rings/"),
        (4, "Серьги-капли", "http://localhost/ru/shop/rings/drop-earrings/"),
    ]
    for crumb in crumbs[:-1]:
        assert f'href="{crumb["item"].removeprefix("http://localhost")}"' in html


def test_home_page_describes_the_organization_and_the_website(client, shop):
    nodes = json_ld_nodes(client.get("/kk/").content.decode())

    organization = node(nodes, "Organization")
    website = node(nodes, "WebSite")
    assert organization["url"] == "http://localhost/kk/"
    assert website["inLanguage"] == "kk"
    assert website["publisher"] == {"@id": organization["@id"]}
    assert website["potentialAction"]["target"]["urlTemplate"] == (
        "http://localhost/kk/search/?q={query}"
    )


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_sitemap_alternates_are_reciprocal(client, earrings):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own sitemap

    alternates: dict[str, dict[str, str]] = defaultdict(dict)
    for url in root.iter(f"{SITEMAP}url"):
        location = url.find(f"{SITEMAP}loc").text
        for link in url.iter(f"{XHTML}link"):
            assert link.get("rel") == "alternate"
            alternates[location][link.get("hreflang")] = link.get("href")
    locations = {url.find(f"{SITEMAP}loc").text for url in root.iter(f"{SITEMAP}url")}

    product = alternates["http://localhost/en/shop/rings/drop-earrings/"]
    assert product == {
        "en": "http://localhost/en/shop/rings/drop-earrings/",
        "ru": "http://localhost/ru/shop/rings/drop-earrings/",
        "x-default": "http://localhost/en/shop/rings/drop-earrings/",
    }
    assert alternates["http://localhost/kk/shop/"]["ru"] == "http://localhost/ru/shop/"
    for location, links in alternates.items():
        # every page names itself, and every page it names is listed and names it back
        assert links[location_language(location)] == location
        for code, href in links.items():
            assert href in locations
            if code != "x-default":
                assert alternates[href][location_language(location)] == location


def location_language(url: str) -> str:
    return url.removeprefix("http://localhost/").split("/", 1)[0]
