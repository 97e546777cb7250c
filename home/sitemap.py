"""A sitemap of every live page of the site in every language, each with its translations."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from home.seo import DEFAULT_LANGUAGE, absolute_url


def locale_roots_filter(root: Page) -> Q:
    """A filter for every page under any translation of `root` (the site in all languages)."""
    condition = Q()
    for translation in root.get_translations(inclusive=True).live():
        condition |= Q(path__startswith=translation.path)
    return condition


class AllLocalesSitemap(Sitemap):
    """Wagtail's sitemap lists the default site's tree only; ours adds its ru and kk trees and
    names, for every page, all its translations (xhtml:link alternates, x-default English), the
    same set the page's own hreflang links give."""

    def items(self):
        root = self.get_wagtail_site().root_page
        return (
            Page.objects.live()
            .public()
            .filter(locale_roots_filter(root))
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def location(self, obj):
        return absolute_url(self.request, obj.get_url(request=self.request) or "")

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        # Every tree is in the list, so a page's translations are among the items.
        by_key: dict = {}
        for item in items:
            by_key.setdefault(item.translation_key, []).append(item)
        urls = []
        last_mods = set()
        for item in items:
            alternates = [
                {"lang_code": other.locale.language_code, "location": self.location(other)}
                for other in sorted(by_key[item.translation_key], key=lambda p: p.locale_id)
            ]
            default = next((a for a in alternates if a["lang_code"] == DEFAULT_LANGUAGE), None)
            if len(alternates) > 1 and default is not None:
                alternates.append({"lang_code": "x-default", "location": default["location"]})
            lastmod = self.lastmod(item)
            urls.append(
                {
                    "item": item,
                    "location": self.location(item),
                    "lastmod": lastmod,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
            last_mods.add(lastmod)
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
