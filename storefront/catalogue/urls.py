from django.urls import path

from storefront.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("search/", views.search, name="search"),
]
