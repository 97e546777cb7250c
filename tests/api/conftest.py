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


def _with_whatsapp_number(site_pages) -> None:
    operator = OperatorSettings.for_site(site_pages["en"].get_site())
    operator.whatsapp_number = "+7 707 762 8700"
    operator.save()


@pytest.fixture
def shop(site_pages):
    """A shop (English only) with a ring (one variant), a gift box and a WhatsApp number."""
    _with_whatsapp_number(site_pages)
    return build_shop(site_pages, translate=False)


@pytest.fixture
def translated_shop(site_pages):
    """The same shop published in English, Russian and Kazakh."""
    _with_whatsapp_number(site_pages)
    return build_shop(site_pages)


@pytest.fixture
def api_client():
    """A client that, like a browser, must send the CSRF token with every change."""
    return Client(enforce_csrf_checks=True)


def csrf_headers(client) -> dict:
    """Fetch the CSRF cookie the way a browser front end does and return the header to send."""
    response = client.get(f"{STORE}/session/")
    assert response.status_code == 200
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}
