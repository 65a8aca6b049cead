from tests.redis_server import cache_on_own_redis, own_redis  # noqa: F401
