from django.urls import include, path

from legal import views

app_name = "legal"

urlpatterns = [
    path("cookies/", views.cookie_settings, name="cookie_settings"),
    path("cookies/records.json", views.consent_record_export, name="consent_records"),
    path("", include("legal.policy.urls")),
]
