from tests.redis_server import broker_on_own_redis, own_redis  # noqa: F401
