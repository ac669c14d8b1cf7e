"""Which address a request came from, for the sign-in and invite limits.

Behind a reverse proxy every request comes from the proxy; the proxy names the browser in
``X-Forwarded-For``. That header is believed only from the proxies IT lists in
``forwarded_allow_ips`` (none by default): anyone else could write any address in it and
so escape the limits. The address taken is the nearest one in the chain that is not a
trusted proxy.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from functools import lru_cache

from fastapi import Request

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"
MAX_ADDRESS = 64  # an IPv6 address with a zone fits; a longer hop is cut (a limit's key)


@lru_cache(maxsize=8)
def trusted_networks(setting: str) -> tuple[Network, ...] | None:
    """The setting's networks ("10.0.0.1, 192.168.0.0/24"); None for "*" (every peer)."""
    items = [item.strip() for item in setting.split(",") if item.strip()]
    if "*" in items:
        return None
    return tuple(ipaddress.ip_network(item, strict=False) for item in items)


def check_setting(setting: str) -> None:
    """ValueError naming the entry that is neither an address, a network nor "*"."""
    for item in (i.strip() for i in setting.split(",")):
        if item and item != "*":
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError as exc:
                raise ValueError(f"forwarded_allow_ips: {item!r} is not an address or a "
                                 "network such as 10.0.0.0/8") from exc


def _trusted(address: str, networks: Sequence[Network] | None) -> bool:
    if networks is None:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: Request, forwarded_allow_ips: str) -> str:
    """The browser's address: the peer's, or what trusted proxies say it is."""
    peer = request.client.host if request.client else UNKNOWN
    networks = trusted_networks(forwarded_allow_ips)
    if networks == () or not _trusted(peer, networks):
        return peer
    chain = [hop.strip() for header in request.headers.getlist("x-forwarded-for")
             for hop in header.split(",") if hop.strip()]
    for hop in reversed(chain):
        if not _trusted(hop, networks):
            return hop[:MAX_ADDRESS]
    return chain[0][:MAX_ADDRESS] if chain else peer
