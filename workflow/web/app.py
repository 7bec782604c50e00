"""The Starlette application: middleware, templates and routes. `maak_app(register)` is what
`advies web` serves and what the tests drive."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from workflow.register import Register
from workflow.uitgaand import Achtergrond
from workflow.web import agenda, beheer, herstel, jaaroverzicht, paginas, secretariaat, woorden
from workflow.web.beveiliging import Beveiliging, csrf_token
from workflow.web.bewaard import Bewaarplaats
from workflow.web.drempel import Afremming, Drempel
from workflow.web.pdfs import Omzetter
from workflow.web.sessiecookie import FORMULIERCOOKIE
from workflow.web.sleutel import controleer, sessiesleutel

HIER = Path(__file__).parent
# The signed cookie with the form token and the message for the next page (no identity: who is
# logged in lives on the server, see workflow/websessies.py); it lasts as long as a browser session.
FORMULIER_SECONDEN = 720 * 3600


def _context(request: Request) -> dict[str, object]:
    return {"csrf": csrf_token(request)}


def templates() -> Jinja2Templates:
    omgeving = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HIER / "sjablonen"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    omgeving.filters.update(woorden.filters())
    omgeving.globals.update(woorden.globalen())
    return Jinja2Templates(env=omgeving, context_processors=[_context])


# How often the server's dispatcher looks for due effects without being woken by a write request.
UITGAAND_SECONDEN = 30.0


class NaSchrijven:
    """Wakes the outbox's dispatcher after every POST (the requests that write): what a page's
    unit of work recorded is performed at once, not at the next tick."""

    def __init__(self, app: Any, achtergrond: Achtergrond) -> None:
        self.app = app
        self.achtergrond = achtergrond

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            if scope["type"] == "http" and scope.get("method") == "POST":
                self.achtergrond.wek()


def maak_app(
    register: Register,
    *,
    https: bool = False,
    sleutel: str | None = None,
    vandaag: Callable[[], date] = date.today,
    klok: Callable[[], float] | None = None,
) -> Starlette:
    """The web page on `register`. `https`: cookies only over HTTPS (behind a reverse proxy that adds it).
    `sleutel`: signs the form and device cookies (default: ADVIES_WEB_GEHEIM or the key file in
    ADVIES_HOME); shorter than 32 bytes is refused. `vandaag`: the page's clock for default dates,
    signals and whether a meeting day has come (tests give a fixed day). `klok`: now in Unix seconds,
    for the sessions' idle limit and the kept forms (default: `time.time`, looked up at each call)."""
    from opslag.configuratie import home

    sleutel = sleutel if sleutel is not None else sessiesleutel(home())
    controleer(sleutel, "de sleutel van de webpagina is te kort")

    routes = [
        Route("/", paginas.mijn_werk),
        Route("/inloggen", paginas.inloggen_tonen, methods=["GET"]),
        Route("/inloggen", paginas.inloggen, methods=["POST"]),
        Route("/uitloggen", paginas.uitloggen_tonen, methods=["GET"]),
        Route("/uitloggen", paginas.uitloggen, methods=["POST"]),
        Route("/agenda", agenda.vernieuw, methods=["POST"]),
        Route("/agenda/{token}.ics", agenda.feed),
        *beheer.routes(),
        Route("/wachtwoord/{token}", herstel.tonen, methods=["GET"]),
        Route("/wachtwoord/{token}", herstel.instellen, methods=["POST"]),
        Route("/adviezen", paginas.register_pagina),
        Route("/adviezen/nieuw", paginas.nieuw_tonen, methods=["GET"]),
        Route("/adviezen/nieuw", paginas.nieuw, methods=["POST"]),
        Route("/adviezen/{kenmerk}", paginas.advies_pagina),
        Route("/adviezen/{kenmerk}/documenten/{document_id:int}", paginas.document),
        Route("/adviezen/{kenmerk}/conceptbrief.docx", paginas.conceptbrief_docx),
        Route("/adviezen/{kenmerk}/conceptbrief.pdf", paginas.conceptbrief_pdf),
        Route("/adviezen/{kenmerk}/aanvulling", secretariaat.aanvulling, methods=["POST"]),
        Route("/adviezen/{kenmerk}/{stap}", paginas.stap, methods=["POST"]),
        Route("/adviezen/{kenmerk}/{stap}/bevestigen", paginas.bevestigen, methods=["POST"]),
        Route("/feestdagen", secretariaat.feestdagen_pagina, methods=["GET"]),
        Route("/feestdagen/toevoegen", secretariaat.feestdag_toevoegen, methods=["POST"]),
        Route("/feestdagen/verwijderen", secretariaat.feestdag_verwijderen, methods=["POST"]),
        Route("/jaaroverzicht", jaaroverzicht.pagina, methods=["GET"]),
        Route("/jaaroverzicht/jaaroverzicht-{jaar:int}.{formaat}", jaaroverzicht.download, methods=["GET"]),
        Mount("/statisch", StaticFiles(directory=HIER / "statisch"), name="statisch"),
    ]
    achtergrond = Achtergrond(register, elke=UITGAAND_SECONDEN)

    @asynccontextmanager
    async def levensduur(_app: Starlette) -> AsyncIterator[None]:
        # The dispatcher runs while the server does; stopping the server lets its round finish.
        achtergrond.start()
        try:
            yield
        finally:
            achtergrond.stop()

    middleware = [
        Middleware(NaSchrijven, achtergrond=achtergrond),
        Middleware(Beveiliging, https=https),
        Middleware(Afremming),
        Middleware(
            SessionMiddleware,
            secret_key=sleutel,
            session_cookie=FORMULIERCOOKIE,
            max_age=FORMULIER_SECONDEN,
            same_site="lax",
            https_only=https,
        ),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={404: paginas.niet_gevonden, 405: paginas.niet_gevonden, 500: paginas.serverfout},
        lifespan=levensduur,
    )
    app.state.uitgaand = achtergrond
    app.state.register = register
    app.state.vandaag = vandaag
    app.state.klok = klok if klok is not None else lambda: time.time()
    app.state.bewaard = Bewaarplaats()
    app.state.templates = templates()
    app.state.sleutel = sleutel
    app.state.https = https
    app.state.drempel = Drempel()
    app.state.pdfs = Omzetter(home() / "pdf")
    app.state.jaaroverzichten = jaaroverzicht.Tegelijk(jaaroverzicht.TEGELIJK)
    return app
