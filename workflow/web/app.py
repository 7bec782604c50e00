"""The Starlette application: middleware, templates and routes. `maak_app(register)` is what
`advies web` serves and what the tests drive."""

from __future__ import annotations

from pathlib import Path

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from workflow.register import Register
from workflow.web import agenda, paginas
from workflow.web.beveiliging import Beveiliging, csrf_token, sessiesleutel

HIER = Path(__file__).parent
COOKIE = "advies_sessie"
# The cookie's own lifetime is the longest `web.sessie_minuten` allows; the page itself ends a
# session after the configured minutes without activity (read per request, so a change counts at once).
COOKIE_SECONDEN = 10080 * 60


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
    return Jinja2Templates(env=omgeving, context_processors=[_context])


def maak_app(register: Register, *, https: bool = False, sleutel: str | None = None) -> Starlette:
    """The web page on `register`. `https`: cookies only over HTTPS (behind a reverse proxy that adds it).
    `sleutel`: signs the session cookie (default: ADVIES_WEB_GEHEIM or the key file in ADVIES_HOME)."""
    from opslag.configuratie import home

    routes = [
        Route("/", paginas.mijn_werk),
        Route("/inloggen", paginas.inloggen_tonen, methods=["GET"]),
        Route("/inloggen", paginas.inloggen, methods=["POST"]),
        Route("/uitloggen", paginas.uitloggen, methods=["GET", "POST"]),
        Route("/agenda", agenda.vernieuw, methods=["POST"]),
        Route("/agenda/{token}.ics", agenda.feed),
        Route("/adviezen", paginas.register_pagina),
        Route("/adviezen/nieuw", paginas.nieuw_tonen, methods=["GET"]),
        Route("/adviezen/nieuw", paginas.nieuw, methods=["POST"]),
        Route("/adviezen/{kenmerk}", paginas.advies_pagina),
        Route("/adviezen/{kenmerk}/documenten/{document_id:int}", paginas.document),
        Route("/adviezen/{kenmerk}/conceptbrief.docx", paginas.conceptbrief_docx),
        Route("/adviezen/{kenmerk}/conceptbrief.pdf", paginas.conceptbrief_pdf),
        Route("/adviezen/{kenmerk}/{stap}", paginas.stap, methods=["POST"]),
        Mount("/statisch", StaticFiles(directory=HIER / "statisch"), name="statisch"),
    ]
    middleware = [
        Middleware(Beveiliging),
        Middleware(
            SessionMiddleware,
            secret_key=sleutel or sessiesleutel(home()),
            session_cookie=COOKIE,
            max_age=COOKIE_SECONDEN,
            same_site="lax",
            https_only=https,
        ),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={404: paginas.niet_gevonden, 405: paginas.niet_gevonden, 500: paginas.serverfout},
    )
    app.state.register = register
    app.state.templates = templates()
    return app
