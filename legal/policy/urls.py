from django.urls import path, re_path

from legal.policy import views

# Included from legal.urls under the language prefix, ahead of Wagtail's catch-all.
urlpatterns = [
    path("privacy/", views.privacy_policy, name="privacy_policy"),
    re_path(r"^privacy/(?P<rest>.+/)$", views.privacy_policy, name="privacy_policy_subpage"),
]
