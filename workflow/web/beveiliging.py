"""What every response and every changing form needs: security headers, a bounded request body,
and the CSRF token."""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_VERZOEK = 25 * 1024 * 1024  # a whole request body; single uploads have their own, lower bound

KOPPEN = [
    (b"content-security-policy", b"default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),  # pages and documents hold personal data; not for shared caches
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"),
]
# Behind a proxy with HTTPS only: a browser then refuses plain HTTP to this host for a year.
HSTS = (b"strict-transport-security", b"max-age=31536000")


class Beveiliging:
    """Adds the security headers to every response (HSTS with `https`) and refuses a body larger
    than MAX_VERZOEK (413)."""

    def __init__(self, app: ASGIApp, max_verzoek: int = MAX_VERZOEK, https: bool = False) -> None:
        self.app = app
        self.max_verzoek = max_verzoek
        self.koppen = [*KOPPEN, HSTS] if https else list(KOPPEN)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lengte = dict(scope["headers"]).get(b"content-length")
        if lengte is not None and (not (lengte.isascii() and lengte.isdigit()) or int(lengte) > self.max_verzoek):
            await _te_groot(send)
            return
        ontvangen = 0

        async def begrensd() -> Message:
            nonlocal ontvangen
            bericht = await receive()
            ontvangen += len(bericht.get("body", b""))
            if ontvangen > self.max_verzoek:
                raise TeGroot
            return bericht

        async def met_koppen(bericht: Message) -> None:
            if bericht["type"] == "http.response.start":
                bestaande = {naam.lower() for naam, _ in bericht.get("headers", [])}
                bericht["headers"] = list(bericht.get("headers", [])) + [
                    (naam, waarde) for naam, waarde in self.koppen if naam not in bestaande
                ]
            await send(bericht)

        try:
            await self.app(scope, begrensd, met_koppen)
        except TeGroot:
            await _te_groot(send)


class TeGroot(Exception):
    """The request body went past the bound while it was being read."""


async def _te_groot(send: Send) -> None:
    tekst = b"Het verzonden bestand is te groot."
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *KOPPEN],
        }
    )
    await send({"type": "http.response.body", "body": tekst})


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use; every changing form carries it."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def csrf_klopt(request: Request, gegeven: object) -> bool:
    verwacht = request.session.get("csrf")
    return isinstance(verwacht, str) and isinstance(gegeven, str) and hmac.compare_digest(verwacht, gegeven)
