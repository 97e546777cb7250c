"""schema.org data of a product page (JSON-LD), as Google documents it for products."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from home.models import OperatorSettings
from home.seo import absolute_url, organization_data, page_description, site_root_url
from storefront.catalogue.availability import SCHEMA_AVAILABILITY, shown_availability

if TYPE_CHECKING:
    from storefront.catalogue.models import ProductPage, ProductVariant

# The same escapes as Django's json_script: nothing in the data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: Any) -> SafeString:
    """A schema.org JSON-LD data block (not executable, so allowed under the CSP)."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def offer_data(
    request: HttpRequest, page: ProductPage, variant: ProductVariant | None, url: str
) -> dict[str, Any]:
    """One schema.org Offer: price, currency, availability and who sells it."""
    return {
        "@type": "Offer",
        "price": str(page.unit_price(variant)),
        "priceCurrency": page.currency,
        "availability": SCHEMA_AVAILABILITY[
            shown_availability(page, [variant] if variant is not None else [])
        ],
        "itemCondition": "https://schema.org/NewCondition",
        "url": url,
        "seller": {"@id": f"{site_root_url(request)}/#organization"},
    }


def product_structured_data(
    request: HttpRequest, page: ProductPage, variants: list[ProductVariant]
) -> dict[str, Any]:
    """schema.org markup as Google documents it for products and their variants.

    A product without variants is a Product with one Offer; with variants it is a ProductGroup
    whose `hasVariant` Products each carry their own SKU, offer and the property they differ in
    (`variesBy`), so that search engines do not read several prices for one item.
    """
    url = absolute_url(request, page.get_url(request=request) or "")
    operator = OperatorSettings.for_request(request) if request is not None else None
    brand = {"@type": "Brand", "name": operator.trading_name if operator else "Nera"}
    images = [
        absolute_url(request, item.image.get_renditions("fill-1200x1200")["fill-1200x1200"].url)
        for item in page.images[:4]
    ]
    description = page_description(page)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@id": f"{url}#product",
        "name": page.title,
        "url": url,
    }
    if description:
        data["description"] = description
    if images:
        data["image"] = images
    data["brand"] = brand
    if not variants:
        data.update(
            {"@type": "Product", "sku": page.sku, "offers": offer_data(request, page, None, url)}
        )
    else:
        group_id = page.sku
        data.update(
            {
                "@type": "ProductGroup",
                "productGroupID": group_id,
                "variesBy": [f"https://schema.org/{page.varies_by}"],
                "hasVariant": [
                    {
                        "@type": "Product",
                        "name": f"{page.title} – {variant.name}",
                        "sku": variant.sku,
                        page.varies_by: variant.name,
                        "inProductGroupWithID": group_id,
                        "isVariantOf": {"@id": f"{url}#product"},
                        **({"description": description} if description else {}),
                        **({"image": images[0]} if images else {}),
                        # The page opens with this variant chosen (Google's single-page way).
                        "url": f"{url}?{urlencode({'variant': variant.sku})}",
                        "offers": offer_data(
                            request, page, variant, f"{url}?{urlencode({'variant': variant.sku})}"
                        ),
                    }
                    for variant in variants
                ],
            }
        )
    if operator is None:
        return data
    # The seller named in every offer, described once in the same graph.
    return {
        "@context": "https://schema.org",
        "@graph": [strip_context(data), organization_data(request, operator)],
    }


def strip_context(data: dict[str, Any]) -> dict[str, Any]:
    """A node for an @graph: the context is given once, on the graph."""
    return {key: value for key, value in data.items() if key != "@context"}
