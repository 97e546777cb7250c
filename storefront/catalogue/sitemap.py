"""A sitemap of every live page of the site in every language."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from storefront.catalogue.services import locale_roots_filter


class AllLocalesSitemap(Sitemap):
    """Wagtail's sitemap lists the default site's tree only; ours adds its ru and kk trees."""

    def items(self):
        root = self.get_wagtail_site().root_page
        return (
            Page.objects.live()
            .public()
            .filter(locale_roots_filter(root))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
