from django.urls import path

from storefront.basket import views

app_name = "basket"

urlpatterns = [
    path("basket/", views.basket_detail, name="detail"),
    path("basket/add/", views.basket_add, name="add"),
    path("basket/update/", views.basket_update, name="update"),
    path("basket/remove/", views.basket_remove, name="remove"),
]
