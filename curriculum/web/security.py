"""What keeps the workspace safe: host and token checks, CSRF, body limits, headers.

* Listening on loopback, a request must name a loopback host (``Host:
  127.0.0.1:8000`` or ``localhost``), which defeats DNS rebinding; on any other
  address every request needs the start-up token (``?token=`` once, then an
  HttpOnly cookie).
* Every unsafe request (POST) carries a CSRF token, the HMAC of the browser's
  session cookie under a secret made at start-up, as a form field ``csrf`` or an
  ``X-CSRF-Token`` header; a cross-site ``Origin`` is refused too.
* A request body larger than :data:`MAX_BODY` is refused (413) before it is read.
* Responses forbid framing, sniffing and any script, style or image not served
  by the workspace itself (Content-Security-Policy).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_BODY = 5 * 1024 * 1024
"""The largest request body (an uploaded spreadsheet or programme), in bytes."""

SESSION_COOKIE = "curriculum_session"
TOKEN_COOKIE = "curriculum_token"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})

HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]


class Forbidden(Exception):
    """A request refused by a security check (403), with a one-line reason."""

    status = 403


class TooLarge(Forbidden):
    """A request body larger than :data:`MAX_BODY` (413), found while it was read."""

    status = 413


def csrf_token(secret: bytes, session: str) -> str:
    """The CSRF token of a browser session."""
    return hmac.new(secret, session.encode(), hashlib.sha256).hexdigest()


def check_csrf(secret: bytes, session: str, given: str | None) -> None:
    """Raise :class:`Forbidden` unless ``given`` is the session's CSRF token."""
    if not session or not given or not hmac.compare_digest(csrf_token(secret, session), given):
        raise Forbidden("missing or wrong CSRF token: reload the page and try again")


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header counts as no cookie
        return {}
    return {k: m.value for k, m in jar.items()}


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _plain(send: Send, status: int, text: str, extra: list[Any] | None = None) -> None:
    body = text.encode()
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *HEADERS,
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware applying the checks above to every HTTP request."""

    def __init__(
        self, app: ASGIApp, *, secret: bytes, token: str | None, max_body: int = MAX_BODY
    ) -> None:
        self.app = app
        self.secret = secret
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        cookies = _cookies(headers)
        refusal = self._refusal(scope, headers, cookies)
        if refusal:
            await _plain(send, 403, refusal)
            return
        if self.token and cookies.get(TOKEN_COOKIE) != self.token:
            await self._accept_token(scope, send)
            return
        length = headers.get("content-length", "0")
        if not length.isdigit() or int(length) > self.max_body:
            await _plain(send, 413, f"request too large (at most {self.max_body} bytes)")
            return
        session = cookies.get(SESSION_COOKIE) or ""
        new_cookie = not session or len(session) > 64
        if new_cookie:
            session = secrets.token_urlsafe(24)
        scope.setdefault("state", {})["session"] = session
        await self.app(scope, self._limited(receive), self._sending(send, session, new_cookie))

    def _refusal(self, scope: Scope, headers: dict[str, str], cookies: dict[str, str]) -> str:
        host = headers.get("host", "")
        if self.token is None and _host_name(host) not in LOOPBACK_HOSTS:
            return "this workspace answers on 127.0.0.1 or localhost only"
        origin = headers.get("origin")
        if scope["method"] in UNSAFE and origin is not None and origin.split("://")[-1] != host:
            return "cross-site request refused"
        return ""

    async def _accept_token(self, scope: Scope, send: Send) -> None:
        """A valid ``?token=`` sets the cookie and redirects to the URL without it."""
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        given = dict(query).get("token", "")
        assert self.token is not None
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            await _plain(send, 403, "this workspace needs the token printed at start-up")
            return
        rest = urlencode([(k, v) for k, v in query if k != "token"])
        location = scope.get("root_path", "") + scope["path"] + (f"?{rest}" if rest else "")
        cookie = f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        await _plain(
            send,
            303,
            "",
            [(b"location", location.encode()), (b"set-cookie", cookie.encode())],
        )

    def _limited(self, receive: Receive) -> Receive:
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise TooLarge(f"request too large (at most {self.max_body} bytes)")
            return message

        return limited

    def _sending(self, send: Send, session: str, new_cookie: bool) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [h for h in HEADERS if h[0] not in names]
                if new_cookie:
                    cookie = f"{SESSION_COOKIE}={session}; Path=/; HttpOnly; SameSite=Strict"
                    headers.append((b"set-cookie", cookie.encode()))
                message["headers"] = headers
            await send(message)

        return sending
