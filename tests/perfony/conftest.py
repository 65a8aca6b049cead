from tests.accounts.staff import staff_member, staff_totp_secret  # noqa: F401  (fixtures)
from tests.redis_server import cache_on_own_redis, own_redis  # noqa: F401
