"""The Redis cache backend (cms/cache.py) against the machine's Redis: one client per
connection pool, and a client that outlives a dropped connection."""

import os
from unittest import mock

import pytest
import redis

from cms.cache import RedisCache

REDIS = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_cache():
    # Only this run's keys: .ci/run's two test runs share the machine's Redis.
    cache = RedisCache(REDIS, {"KEY_PREFIX": f"nera-test-cache-clients-{os.getpid()}"})
    yield cache
    cache.delete_many(["basket", "generation"])


def test_every_call_shares_one_client(redis_cache):
    made = []
    original = redis.Redis.__init__

    def counted(self, *args, **kwargs):
        made.append(self)
        original(self, *args, **kwargs)

    with mock.patch.object(redis.Redis, "__init__", counted):
        redis_cache.set("basket", {"ring": 2}, 30)
        for _ in range(5):
            assert redis_cache.get("basket") == {"ring": 2}
        assert redis_cache.get_many(["basket", "none"]) == {"basket": {"ring": 2}}
        redis_cache.delete("basket")
        assert redis_cache.get("basket") is None

    assert len(made) == 1


def test_the_kept_client_reconnects_after_redis_drops_its_connections(redis_cache):
    redis_cache.set("generation", "7", 30)
    assert redis_cache.get("generation") == "7"

    # What a Redis restart does to a worker's open connection (only this cache's is closed).
    connection_id = redis_cache._cache.get_client().client_id()
    admin = redis.Redis.from_url(REDIS)
    assert admin.client_kill_filter(_id=connection_id) == 1
    admin.close()

    assert redis_cache.get("generation") == "7"
