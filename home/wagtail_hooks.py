from wagtail import hooks

from home.panels import homepage_panels


@hooks.register("construct_homepage_panels")
def add_shop_panels(request, panels):
    panels.extend(homepage_panels(request))
