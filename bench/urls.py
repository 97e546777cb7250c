"""Print the URLs the load benchmark requests: home, shop, a category, a product, search."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from wagtail.models import Page  # noqa: E402

urls = ["/en/", "/ru/"]
for model in ("productindexpage", "categorypage", "productpage"):
    page = Page.objects.live().filter(content_type__model=model).order_by("path").first()
    if page is not None:
        urls.append(page.specific.get_url())
urls.append("/ru/search/?q=a")
print("\n".join(urls))
