from wagtail import hooks

from storefront.catalogue.bulk_actions import SetStockBulkAction
from storefront.catalogue.viewsets import product_listing_viewset


@hooks.register("register_admin_viewset")
def register_product_listing():
    return product_listing_viewset


hooks.register("register_bulk_action", SetStockBulkAction)
