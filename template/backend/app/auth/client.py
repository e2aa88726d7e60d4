"""The address of the client behind a request, as trusted proxies report it.

The peer of the connection is the client unless it is one of TRUSTED_PROXIES
(by default loopback: the frontend's server forwards /api for every browser
and sets X-Forwarded-For from its own connection). Then the client is the
right-most X-Forwarded-For entry that is not a trusted proxy: entries left of
it were written by whoever sent the request and prove nothing. A trusted
address without the header (a local script, a health check) is a client of
its own and is throttled like any other.
"""

import ipaddress

from fastapi import Request

from app.config import Settings

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

FORWARDED_FOR = "x-forwarded-for"


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(text: str, proxies: list[IPNetwork]) -> bool:
    address = _address(text)
    return address is not None and any(address in network for network in proxies)


def client_address(request: Request, settings: Settings) -> str | None:
    """The client's address; None only when the server knows no peer."""
    peer = request.client.host if request.client else None
    if peer is None or not _trusted(peer, settings.trusted_proxies):
        return peer
    forwarded = [
        entry.strip()
        for header in request.headers.getlist(FORWARDED_FOR)
        for entry in header.split(",")
        if entry.strip()
    ]
    for entry in reversed(forwarded):
        if not _trusted(entry, settings.trusted_proxies):
            address = _address(entry)
            # An entry that is not an address is a proxy's mistake or a forgery
            # passed on: the proxy that passed it on is the client then.
            return str(address) if address is not None else peer
    return forwarded[0] if forwarded else peer
