"""The one way Parallax fetches anything from outside: `fetch(url)`, guarded against SSRF.

Upload-by-URL makes this server open connections a visitor chooses, so before every
connection (the first one and every redirect) the host name is resolved and each address it
resolves to is checked: only global unicast addresses are allowed, never loopback, private,
link-local (the cloud metadata address 169.254.169.254 among them), shared (100.64/10),
multicast, reserved or unspecified ones, in IPv4 or IPv6 (IPv4-mapped IPv6 included). The
connection then goes to the address that was checked, not to a second lookup of the name, so a
DNS answer that changes between the check and the connection cannot swap it; for https the
certificate is still verified against the host name (SNI too). Only http and https; the
answer is read up to a size cap and the whole fetch is bounded in time: a total deadline (the
socket is shut down when it passes), not a timeout per read. IPv6 forms that carry an IPv4
address (IPv4-mapped, 6to4, Teredo, NAT64) are judged by that IPv4 address.

`PARALLAX_FETCH_ALLOW_PRIVATE` lets an intranet deployment fetch loopback and private
addresses; link-local, multicast, reserved and unspecified addresses stay refused even then.

Whatever goes wrong (refused address, closed port, timeout, TLS error, an HTTP error status),
the caller gets the same FetchFailed with the same message, so the answers cannot be used to
map the network behind the server; the real reason is logged.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

logger = logging.getLogger("coverage_app.ingest.fetch")

MAX_REDIRECTS = 5
USER_AGENT = "Parallax/0.1 (article import)"
PLAIN_MESSAGE = (
    "the page could not be fetched. Check the address, or save the page from your browser "
    "and upload the file."
)

Resolver = Callable[[str, int], list[str]]


class FetchFailed(Exception):
    """The fetch did not give a page; `str(exc)` is the one message a person sees."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {PLAIN_MESSAGE}")
        self.reason = reason  # for the log only


class TooLarge(Exception):
    """The page is over the size cap (the fetch itself worked)."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    data: bytes


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (TCP)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def address_allowed(address: str, *, allow_private: bool = False) -> bool:
    """Whether a connection to this IP address may be opened."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    embedded = embedded_ipv4(ip) if isinstance(ip, ipaddress.IPv6Address) else None
    if embedded is not None:  # judged by the IPv4 address it reaches
        ip = embedded
    if ip.is_link_local or ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        return False
    if ip.is_global:
        return True
    return allow_private and (ip.is_private or ip.is_loopback)


NAT64_PREFIXES = (
    ipaddress.IPv6Network("64:ff9b::/96"),  # the well-known prefix
    ipaddress.IPv6Network("64:ff9b:1::/48"),  # local-use NAT64 (RFC 8215)
)


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (IPv4-mapped, 6to4, Teredo's client, NAT64), if
    it is one: a packet to it ends up there, so it is checked as that address."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if any(ip in network for network in NAT64_PREFIXES):
        return ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF)
    return None


def _checked_address(host: str, port: int, *, allow_private: bool, resolver: Resolver) -> str:
    try:
        addresses = resolver(host, port)
    except (OSError, UnicodeError) as exc:
        raise _Refused(f"{host} does not resolve: {exc}") from exc
    if not addresses:
        raise _Refused(f"{host} resolves to nothing")
    refused = [a for a in addresses if not address_allowed(a, allow_private=allow_private)]
    if refused:  # any bad answer refuses the name: no picking the good one of a mixed set
        raise _Refused(f"{host} resolves to a non-public address {refused[0]}")
    return addresses[0]


class _Refused(Exception):
    pass


class _Deadline:
    """Shuts a connection's socket down when the whole fetch is out of time: a socket timeout
    bounds each read, so a server sending a byte every few seconds would never meet it."""

    def __init__(self, deadline: float):
        self.deadline = deadline
        self.timer: threading.Timer | None = None

    def guard(self, sock: socket.socket) -> None:
        def expire() -> None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

        self.timer = threading.Timer(max(0.0, self.deadline - time.monotonic()), expire)
        self.timer.daemon = True
        self.timer.start()

    def cancel(self) -> None:
        if self.timer is not None:
            self.timer.cancel()


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to a checked address; the Host header keeps the name."""

    def __init__(self, host: str, port: int, *, address: str, deadline: float):
        super().__init__(host, port, timeout=max(0.01, deadline - time.monotonic()))
        self.pinned_address = address
        self.deadline = _Deadline(deadline)

    def _open(self) -> socket.socket:
        sock = socket.create_connection((self.pinned_address, self.port), self.timeout)
        self.deadline.guard(sock)
        return sock

    def connect(self) -> None:
        self.sock = self._open()

    def close(self) -> None:
        self.deadline.cancel()
        super().close()


class _PinnedHTTPSConnection(_PinnedHTTPConnection, http.client.HTTPSConnection):
    """HTTPS to a checked address; SNI and the certificate check use the host name."""

    def __init__(self, host: str, port: int, *, address: str, deadline: float):
        http.client.HTTPSConnection.__init__(
            self,
            host,
            port,
            timeout=max(0.01, deadline - time.monotonic()),
            context=ssl.create_default_context(),
        )
        self.pinned_address = address
        self.deadline = _Deadline(deadline)

    def connect(self) -> None:
        self.sock = self._context.wrap_socket(self._open(), server_hostname=self.host)


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float = 10.0,
    allow_private: bool | None = None,
    resolver: Resolver = resolve,
) -> Fetched:
    """GET `url` (following up to MAX_REDIRECTS redirects, each one checked like the first).

    Raises FetchFailed (one plain message) when no page came back, TooLarge over `max_bytes`.
    """
    if allow_private is None:
        allow_private = settings.PARALLAX_FETCH_ALLOW_PRIVATE
    deadline = time.monotonic() + timeout
    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            response, connection = _request(
                current, deadline=deadline, allow_private=allow_private, resolver=resolver
            )
            try:
                if response.status in (301, 302, 303, 307, 308):
                    location = response.getheader("Location") or ""
                    if not location:
                        raise _Refused(f"redirect {response.status} without a Location")
                    current = urljoin(current, location)
                    continue
                if response.status != 200:
                    raise _Refused(f"answered {response.status} {response.reason}")
                content_type = response.headers.get_content_type()
                data = _read(response, max_bytes=max_bytes, deadline=deadline)
                return Fetched(url=current, content_type=content_type, data=data)
            finally:
                connection.close()
        raise _Refused(f"more than {MAX_REDIRECTS} redirects")
    except TooLarge:
        raise
    except (_Refused, OSError, http.client.HTTPException, ValueError) as exc:
        logger.info("fetch of %s refused or failed: %s", url, exc)
        raise FetchFailed(url, str(exc)) from exc


def _request(url: str, *, deadline: float, allow_private: bool, resolver: Resolver):
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise _Refused(f"scheme {scheme!r} is not fetched")
    host = parts.hostname
    if not host:
        raise _Refused("no host")
    port = parts.port or (443 if scheme == "https" else 80)
    address = _checked_address(host, port, allow_private=allow_private, resolver=resolver)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _Refused("out of time")
    kind = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = kind(host, port, address=address, deadline=deadline)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request(
            "GET",
            path,
            headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.1"},
        )
        return connection.getresponse(), connection
    except BaseException:
        connection.close()
        raise


def _read(response: http.client.HTTPResponse, *, max_bytes: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise _Refused("out of time while reading")
        chunk = response.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge()
        chunks.append(chunk)
