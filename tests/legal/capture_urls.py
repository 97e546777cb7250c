"""The site's URLs plus a checkout-like view that sends the funnel events and answers."""

from django.http import HttpResponse
from django.urls import path

from analytics.client import capture_event
from cms.urls import urlpatterns as site_urlpatterns


def checkout_like(request):
    capture_event(request, "basket_add", {"product": "ring-1", "quantity": 2, "price": "12000"})
    capture_event(
        request,
        "checkout_submitted",
        {
            "items": 2,
            "email": "shopper@example.com",
            "phone": "+77070000000",
            "city": "Almaty",
            "note": "call me on +7 707 000 0000",
            "first_name": "Aigerim",
        },
    )
    capture_event(request, "whatsapp_opened", {"total": "24000", "currency": "KZT"})
    return HttpResponse("ok")


urlpatterns = [path("checkout-like/", checkout_like), *site_urlpatterns]
