"""Token buckets that throttle logins before any password is hashed.

An unknown browser draws from a bucket of its address and from one for all unknown browsers
together; a browser with a valid device cookie draws from its own bucket and from one for all known
browsers. A flood of logins from anywhere therefore meets the total bound, and still cannot keep a
user out who logs in from a browser she used before. Behind `--https` the address is the one the
trusted proxy reported (uvicorn sets it from X-Forwarded-For only for that proxy).

The buckets live in the server process: each process of a larger set-up throttles its own share.
"""

from __future__ import annotations

import html
import math
import threading
import time
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

from workflow.web import apparaat


@dataclass
class Emmer:
    capaciteit: float
    per_seconde: float
    tokens: float = -1.0
    sinds: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        if self.tokens < 0:
            self.tokens = self.capaciteit

    def bij(self, nu: float) -> None:
        self.tokens = min(self.capaciteit, self.tokens + (nu - self.sinds) * self.per_seconde)
        self.sinds = nu

    def wachttijd(self) -> float:
        """Seconds until one token is there (0: there is one now)."""
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.per_seconde


@dataclass(frozen=True)
class Maat:
    capaciteit: float
    per_seconde: float


PER_ADRES = Maat(10, 1 / 6)  # ten at once, then one per six seconds
ONBEKEND_TOTAAL = Maat(30, 3)  # all unknown browsers together
PER_APPARAAT = Maat(10, 1 / 6)
BEKEND_TOTAAL = Maat(30, 3)
MAX_EMMERS = 10_000  # per kind; beyond that full buckets are forgotten
# A refused login waits this long before its 429 goes out: a client that floods one request after
# another slows itself down, at no cost to the server (a sleeping coroutine). At most MAX_WACHTEND
# answers wait at once, so a flood over many connections cannot hold sockets without bound.
VERTRAGING = 1.0
MAX_WACHTEND = 200


class Drempel:
    def __init__(
        self,
        per_adres: Maat = PER_ADRES,
        onbekend_totaal: Maat = ONBEKEND_TOTAAL,
        per_apparaat: Maat = PER_APPARAAT,
        bekend_totaal: Maat = BEKEND_TOTAAL,
        vertraging: float = VERTRAGING,
    ) -> None:
        self.vertraging = vertraging
        self._slot = threading.Lock()
        self._per_adres = per_adres
        self._per_apparaat = per_apparaat
        self._adressen: dict[str, Emmer] = {}
        self._apparaten: dict[str, Emmer] = {}
        self._onbekend = Emmer(onbekend_totaal.capaciteit, onbekend_totaal.per_seconde)
        self._bekend = Emmer(bekend_totaal.capaciteit, bekend_totaal.per_seconde)

    def neem(self, adres: str, apparaat: str | None) -> int:
        """Take a token for one login; returns 0, or the whole seconds to wait (Retry-After)."""
        nu = time.monotonic()
        with self._slot:
            if apparaat is None:
                eigen, totaal = self._emmer(self._adressen, adres, self._per_adres, nu), self._onbekend
            else:
                eigen, totaal = self._emmer(self._apparaten, apparaat, self._per_apparaat, nu), self._bekend
            totaal.bij(nu)
            wachten = max(eigen.wachttijd(), totaal.wachttijd())
            if wachten > 0:
                return max(1, math.ceil(wachten))
            eigen.tokens -= 1
            totaal.tokens -= 1
            return 0

    @staticmethod
    def _emmer(emmers: dict[str, Emmer], sleutel: str, maat: Maat, nu: float) -> Emmer:
        emmer = emmers.get(sleutel)
        if emmer is None:
            if len(emmers) >= MAX_EMMERS:
                for oud in [k for k, e in emmers.items() if _vol(e, nu)]:
                    del emmers[oud]
            emmer = emmers[sleutel] = Emmer(maat.capaciteit, maat.per_seconde, sinds=nu)
        emmer.bij(nu)
        return emmer


def _vol(emmer: Emmer, nu: float) -> bool:
    emmer.bij(nu)
    return emmer.tokens >= emmer.capaciteit


class Afremming:
    """The buckets as the outermost layer of the login: a POST to /inloggen without a token is
    answered 429 at once, with a small fixed page, before a session cookie is decoded, a body read,
    a template filled or a password hashed; a flood then costs the server as little as it can.
    The buckets and the key are the application's (`app.state.drempel`, `app.state.sleutel`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._wachtend = 0  # one event loop: no lock needed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _begrensd(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return
        toestand = scope["app"].state
        bekend = apparaat.lees(toestand.sleutel, _cookie(scope, apparaat.COOKIE))
        client = scope.get("client")
        drempel: Drempel = toestand.drempel
        wacht = drempel.neem(client[0] if client else "onbekend", bekend[1] if bekend else None)
        if wacht:
            if drempel.vertraging > 0 and self._wachtend < MAX_WACHTEND:
                self._wachtend += 1
                try:
                    await anyio.sleep(min(drempel.vertraging, wacht))
                finally:
                    self._wachtend -= 1
            await _te_vaak(send, wacht, scope["path"])
            return
        await self.app(scope, receive, send)


# A one-time link to set a password (workflow/web/herstel.py) is guessed like a password: its page
# (GET, which says whether a link works) and its form draw from the same buckets as a login.
HERSTEL = "/wachtwoord/"


def _begrensd(methode: str, pad: str) -> bool:
    return (methode == "POST" and pad == "/inloggen") or (methode in ("GET", "POST") and pad.startswith(HERSTEL))


def _cookie(scope: Scope, naam: str) -> str | None:
    for sleutel, waarde in scope["headers"]:
        if sleutel == b"cookie":
            try:
                gelezen = SimpleCookie(waarde.decode("latin-1"))
            except CookieError:
                return None
            gevonden = gelezen.get(naam)
            return gevonden.value if gevonden else None
    return None


def te_vaak_melding(wacht: int, wat: str = "in te loggen") -> str:
    return f"Er wordt nu te vaak geprobeerd {wat}. Probeer het over {wacht} seconden opnieuw."


async def _te_vaak(send: Send, wacht: int, pad: str = "/inloggen") -> None:
    titel, wat = (
        ("Nieuw wachtwoord", "een wachtwoord in te stellen")
        if pad.startswith(HERSTEL)
        else ("Inloggen", "in te loggen")
    )
    pagina = (
        f'<!doctype html>\n<html lang="nl">\n<head><meta charset="utf-8"><title>{titel} · Advieswerk</title>'
        f'<link rel="stylesheet" href="/statisch/stijl.css"></head>\n<body><main id="inhoud"><h1>{titel}</h1>'
        f'<p class="fout" role="alert">{html.escape(te_vaak_melding(wacht, wat))}</p>'
        '<p><a href="/inloggen">Terug naar de inlogpagina</a></p></main></body>\n</html>\n'
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(pagina)).encode()),
                (b"retry-after", str(wacht).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": pagina})
