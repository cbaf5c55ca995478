"""Who may read and who may write.

Writes (``POST /api/ingest``) need ``Authorization: Bearer <token>`` matching the
``NEWSWEAVE_TOKEN`` environment variable; with no token configured, writes are refused.
Reads are open when the server listens on a loopback address. On any other address they
need the token too (as a Bearer header, or as the password of HTTP Basic auth so that a
browser can log in), unless ``NEWSWEAVE_PUBLIC_READS=1``.

Basic credentials are accepted for reads only: a browser resends them on its own, so
accepting them for writes would let any web page post articles.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
import os

from fastapi import HTTPException, Request

ENV_TOKEN = "NEWSWEAVE_TOKEN"
ENV_PUBLIC_READS = "NEWSWEAVE_PUBLIC_READS"
REALM = "newsweave"


def configured_token() -> str | None:
    """The token from the environment, or None when it is unset or empty."""
    return os.environ.get(ENV_TOKEN) or None


def public_reads() -> bool:
    """True when ``NEWSWEAVE_PUBLIC_READS`` asks for open reads on any address."""
    return os.environ.get(ENV_PUBLIC_READS, "").strip().lower() in {"1", "true", "yes", "on"}


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def token_matches(given: str | None, expected: str) -> bool:
    """Constant-time comparison of a presented token with the configured one."""
    if given is None:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, if any."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return (value.strip() or None) if scheme.lower() == "bearer" else None


def basic_password(request: Request) -> str | None:
    """The password of an ``Authorization: Basic …`` header (the user name is ignored)."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    _, sep, password = decoded.partition(":")
    return password if sep else None


def require_write(request: Request) -> None:
    """Dependency of every write endpoint: a matching Bearer token, else 403/401."""
    expected = configured_token()
    if expected is None:
        raise HTTPException(
            status_code=403,
            detail=f"writes are disabled on this server: set {ENV_TOKEN} in its environment "
            "and send it as 'Authorization: Bearer <token>'",
        )
    if not token_matches(bearer_token(request), expected):
        raise HTTPException(
            status_code=401,
            detail=f"send the server's {ENV_TOKEN} as 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": f'Bearer realm="{REALM}"'},
        )


def require_read(request: Request) -> None:
    """Dependency of every read endpoint and page: open on loopback, else the token."""
    if not request.app.state.settings.reads_need_token or public_reads():
        return
    expected = configured_token()
    host = request.app.state.settings.bind_host
    if expected is None:
        raise HTTPException(
            status_code=403,
            detail=f"this server listens on {host}, where reads need a token: set {ENV_TOKEN} "
            f"(and send it), or set {ENV_PUBLIC_READS}=1 to open reads to everyone",
        )
    if token_matches(bearer_token(request), expected) or token_matches(
        basic_password(request), expected
    ):
        return
    api = request.url.path.startswith("/api/")
    challenge = f'Bearer realm="{REALM}"' if api else f'Basic realm="{REALM}", charset="UTF-8"'
    raise HTTPException(
        status_code=401,
        detail=f"reads on {host} need the server's {ENV_TOKEN}: send 'Authorization: Bearer "
        "<token>' (in a browser, log in with any user name and the token as password)",
        headers={"WWW-Authenticate": challenge},
    )
