from wagtail import hooks

from storefront.checkout.viewsets import CheckoutViewSetGroup


@hooks.register("register_admin_viewset")
def register_checkout_viewsets():
    return CheckoutViewSetGroup()
