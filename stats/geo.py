"""Country of an IP address, resolved in memory from geoip2fast's bundled database."""

from functools import lru_cache

UNKNOWN_COUNTRY = "ZZ"


@lru_cache(maxsize=1)
def _geoip():
    from geoip2fast import GeoIP2Fast

    return GeoIP2Fast(verbose=False)


def country_for_ip(*, ip: str) -> str:
    code = (_geoip().lookup(ip).country_code or "").upper()
    return code if len(code) == 2 and code.isalpha() else UNKNOWN_COUNTRY
