import pytest

from legal.consent import ensure_cookie_groups
from tests.factories.policy import build_policy


@pytest.fixture
def policy(site_pages):
    ensure_cookie_groups()
    return build_policy(site_pages["en"])
