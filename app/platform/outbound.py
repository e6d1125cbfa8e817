"""Where the server may send requests that a tenant chose the address of.

A webhook URL is the tenant's to pick, so without a check a tenant could make the
server POST into its own network (loopback, the private ranges, link-local with
the cloud metadata service at 169.254.169.254, ...). The rule: a destination is
allowed when its host is on the allow list (`CROSSWAY_OUTBOUND_ALLOW_HOSTS`, host
names or IP networks), or when every address it resolves to is globally routable.

The check is made when a subscription is created (a clear 4xx early) and again on
every delivery, at connection time: `GuardedTransport` is an httpx transport over
httpcore's connection pool whose network backend resolves the host itself, refuses
the request if any address fails the rule, and then connects to the address it
checked. A DNS answer that changes between the check and the connection (DNS
rebinding) therefore cannot move the request to another address. TLS still verifies
the certificate against the URL's host name (httpcore sends it as SNI).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

# The most of a receiver's answer that is read: a webhook needs only the status.
RESPONSE_BODY_LIMIT = 64 * 1024


class DestinationRefused(Exception):
    """The URL's host is, or resolves to, an address the server does not call."""


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for *_, sockaddr in infos:
        address = str(sockaddr[0])
        if address not in seen:
            seen.append(address)
    return seen


def _parse_address(text: str) -> Address | None:
    try:
        return ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def is_public(address: Address) -> bool:
    """Globally routable, looking through IPv4-mapped and 6to4/NAT64-style embeddings."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


@dataclass(frozen=True)
class OutboundPolicy:
    allow_hosts: frozenset[str] = frozenset()
    allow_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    resolver: Resolver = field(default=system_resolver, compare=False)

    @classmethod
    def from_entries(cls, entries: Iterable[str], resolver: Resolver | None = None) -> OutboundPolicy:
        hosts: set[str] = set()
        networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for raw in entries:
            entry = raw.strip().lower()
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                hosts.add(entry)
        return cls(frozenset(hosts), tuple(networks), resolver or system_resolver)

    def host_allowed(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.allow_hosts

    def address_allowed(self, address: Address) -> bool:
        if any(address in network for network in self.allow_networks):
            return True
        return is_public(address)

    async def checked_addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for host:port, or DestinationRefused."""
        literal = _parse_address(host)
        if literal is not None:
            if not (self.host_allowed(str(literal)) or self.address_allowed(literal)):
                raise DestinationRefused(f"{literal} is not a public address")
            return [str(literal)]
        try:
            resolved = await self.resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not resolved:
            raise httpcore.ConnectError(f"{host} has no address")
        if self.host_allowed(host):
            return resolved
        for text in resolved:
            address = _parse_address(text)
            if address is None or not self.address_allowed(address):
                raise DestinationRefused(f"{host} resolves to {text}, which is not a public address")
        return resolved

    async def check_url(self, url: str, *, resolve_timeout: float = 2.0) -> None:
        """The subscription-time check. A host that does not resolve now is accepted (the delivery-time
        check decides then); one that resolves to a refused address, or a refused literal, is not."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        if self.host_allowed(host):
            return
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise DestinationRefused("the URL's port is not a number") from None
        try:
            await asyncio.wait_for(self.checked_addresses(host, port), resolve_timeout)
        except (httpcore.ConnectError, TimeoutError):
            return


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, policy: OutboundPolicy, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.policy = policy
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None, socket_options: Any = None) -> httpcore.AsyncNetworkStream:
        addresses = await self.policy.checked_addresses(host, port)
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                    socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Any = None) -> httpcore.AsyncNetworkStream:
        raise DestinationRefused("unix sockets are not a destination")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.TimeoutException, httpx.TimeoutException),
)


class GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport whose every connection goes through OutboundPolicy. The answer's body is read
    up to RESPONSE_BODY_LIMIT bytes and the connection released, so a receiver cannot hold it open."""

    def __init__(self, policy: OutboundPolicy, *, max_connections: int = 50) -> None:
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(), max_connections=max_connections,
            max_keepalive_connections=10, keepalive_expiry=5.0, network_backend=_GuardedBackend(policy))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host, port=request.url.port,
                             target=request.url.raw_path),
            headers=request.headers.raw, content=request.stream, extensions=request.extensions)
        try:
            response = await self._pool.handle_async_request(core_request)
            try:
                body = bytearray()
                async for chunk in response.aiter_stream():
                    body.extend(chunk[: RESPONSE_BODY_LIMIT - len(body)])
                    if len(body) >= RESPONSE_BODY_LIMIT:
                        break
            finally:
                await response.aclose()
        except DestinationRefused:
            raise
        except Exception as exc:
            for core_type, httpx_type in _ERRORS:
                if isinstance(exc, core_type):
                    raise httpx_type(str(exc) or type(exc).__name__, request=request) from exc
            raise
        return httpx.Response(status_code=response.status, headers=response.headers, content=bytes(body),
                              request=request)

    async def aclose(self) -> None:
        await self._pool.aclose()
