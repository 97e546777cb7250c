from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LoginView as WagtailLoginView
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as site_views
from cms.api import content_api_v2, content_api_v3, store_api
from home import views as home_views
from storefront.accounts.admin_login import throttle_failed_logins

urlpatterns = [
    path("healthz", site_views.healthz, name="healthz"),
    path("readyz", site_views.readyz, name="readyz"),
    # H07: both admin logins are throttled like the shoppers' login.
    path("django-admin/login/", throttle_failed_logins(admin.site.login)),
    path("admin/login/", throttle_failed_logins(WagtailLoginView.as_view())),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # The JSON APIs: outside the language prefix; ?lang= or Accept-Language (docs/api.md).
    path("api/v2/", content_api_v2.urls),
    path("api/v3/", content_api_v3.urls),
    path("api/store/v1/", store_api.urls),
]

handler500 = "cms.views.server_error"

# Shopper pages live under a language prefix: /en/, /ru/, /kk/.
urlpatterns += i18n_patterns(
    path("", include("storefront.catalogue.urls")),
    path("", include("storefront.basket.urls")),
    path("", include("storefront.checkout.urls")),
    path("", include("storefront.accounts.urls")),
    path("", include("legal.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
