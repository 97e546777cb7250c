from django.urls import path

from storefront.checkout import views

app_name = "checkout"

urlpatterns = [
    path("checkout/", views.checkout, name="form"),
    path("checkout/done/<str:reference>/", views.done, name="done"),
    path("checkout/done/<str:reference>/opened/", views.whatsapp_opened, name="whatsapp_opened"),
]
