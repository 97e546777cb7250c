from django.urls import include, path

from legal import views
from legal.rights import views as rights_views

app_name = "legal"

urlpatterns = [
    path("cookies/", views.cookie_settings, name="cookie_settings"),
    path("cookies/records.json", views.consent_record_export, name="consent_records"),
    path("account/privacy/", rights_views.account_privacy, name="account_privacy"),
    path("account/privacy/export/", rights_views.account_export, name="account_export"),
    path("account/privacy/delete/", rights_views.account_delete, name="account_delete"),
    path("account/privacy/deleted/", rights_views.account_deleted, name="account_deleted"),
    path("", include("legal.policy.urls")),
]
