import ipaddress


def ip_truncate(ip: str) -> str:
    """Keep only the network part: /24 for IPv4, /48 for IPv6 (the person is not identifiable)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))
