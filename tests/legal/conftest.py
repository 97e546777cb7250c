import pytest

from analytics.client import _client
from legal.consent import ensure_cookie_groups

DISTINCTIVE_IPV4 = "95.56.187.203"  # a Kazakh address, easy to search for
EU_IPV4 = "81.169.145.154"  # Germany
US_IPV4 = "8.8.8.8"


@pytest.fixture
def cookie_groups(db):
    """The essential and analytics cookie groups (transactional tests flush the migration's rows)."""
    ensure_cookie_groups()


@pytest.fixture(autouse=True)
def fresh_posthog_clients():
    """Each test gets its own posthog client (they are cached per key and host per process)."""
    _client.cache_clear()
    yield
    _client.cache_clear()
