import pytest
from django.test import Client
from django.utils import translation

from home.models import OperatorSettings
from tests.factories.checkout import build_shop

STORE = "/api/store/v1"


@pytest.fixture(autouse=True)
def english():
    """Requests leave their language active in the thread; each test starts in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def shop(site_pages):
    """A shop with a ring (one variant) and a gift box, in en/ru/kk, and a WhatsApp number."""
    pages = build_shop(site_pages)
    operator = OperatorSettings.for_site(site_pages["en"].get_site())
    operator.whatsapp_number = "+7 707 762 8700"
    operator.save()
    return pages


@pytest.fixture
def api_client():
    """A client that, like a browser, must send the CSRF token with every change."""
    return Client(enforce_csrf_checks=True)


def csrf_headers(client) -> dict:
    """Fetch the CSRF cookie the way a browser front end does and return the header to send."""
    response = client.get(f"{STORE}/session/")
    assert response.status_code == 200
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
