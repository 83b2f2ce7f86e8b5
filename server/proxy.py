"""Who is asking, behind a reverse proxy: ``X-Forwarded-For``, ``-Proto`` and ``-Host`` are believed only when
the connection comes from an address in ``[server] trusted_proxies``; the client is the first address, from the
right, that is not a trusted proxy. Anyone else's forwarded headers are ignored, so a client reaching the server
directly cannot choose the address its failed logins are counted against."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(remote_addr: str, forwarded_for: str, networks: tuple[Network, ...]) -> str:
    """The client's address: ``remote_addr`` unless it is a trusted proxy, then the right-most hop of
    ``forwarded_for`` that is not one (a hop that is no IP address stops the walk: it was forged)."""
    if not _is_trusted(remote_addr, networks):
        return remote_addr
    address = remote_addr
    for hop in reversed([h.strip() for h in forwarded_for.split(",") if h.strip()]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break
        address = hop
        if not _is_trusted(hop, networks):
            break
    return address


class TrustedProxies:
    """WSGI middleware: rewrite ``REMOTE_ADDR``, the scheme and the host from a trusted proxy's headers."""

    def __init__(self, app: Callable[..., Any], proxies: Iterable[str]) -> None:
        self.app = app
        self.networks = tuple(ipaddress.ip_network(p, strict=False) for p in proxies)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        remote = environ.get("REMOTE_ADDR", "")
        if self.networks and _is_trusted(remote, self.networks):
            environ["REMOTE_ADDR"] = client_address(remote, environ.get("HTTP_X_FORWARDED_FOR", ""), self.networks)
            proto = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")[0].strip().lower()
            if proto in ("http", "https"):
                environ["wsgi.url_scheme"] = proto
            host = environ.get("HTTP_X_FORWARDED_HOST", "").split(",")[0].strip()
            if host:
                environ["HTTP_HOST"] = host
        return self.app(environ, start_response)
