"""`/wachtwoord/<token>`: the page of a one-time link the secretaris made (workflow/wachtwoordherstel.py).
Its user, not logged in, chooses a new password there (asked twice, the CLI's rules); the link is
then spent and every session of hers ends. An unknown, used or expired link gives one and the same
sentence. Both GET and POST are throttled by the login's token buckets (workflow/web/drempel.py)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from adviesfouten import AdviesFout, NietGevonden
from opslag.database import leesverbinding
from workflow import wachtwoorden, wachtwoordherstel
from workflow.web import paginas, sessiecookie
from workflow.web.beheer import _nu
from workflow.web.beveiliging import csrf_klopt

GELUKT = "Uw nieuwe wachtwoord is ingesteld. Log nu in met uw gebruikersnaam en het nieuwe wachtwoord."


def _formulier(request: Request, naam: str, fout: str | None = None, status: int = 200) -> Response:
    return paginas._toon(
        request,
        "wachtwoord.html",
        {"naam": naam, "fout": fout, "minimum": wachtwoorden.MIN_LENGTE, "maximum": wachtwoorden.MAX_LENGTE},
        status,
    )


def _werkt_niet(request: Request) -> Response:
    return paginas._fout(request, wachtwoordherstel.ONGELDIG, 404)


def _voor_wie(request: Request, token: str) -> str | None:
    try:
        with leesverbinding(paginas._register(request).engine()) as verbinding:
            return wachtwoordherstel.voor_wie(verbinding, token, _nu(request))
    except NietGevonden:
        return None


async def tonen(request: Request) -> Response:
    token = str(request.path_params["token"])
    naam = await run_in_threadpool(_voor_wie, request, token)
    if naam is None:
        return _werkt_niet(request)
    return _formulier(request, naam)


async def instellen(request: Request) -> Response:
    token = str(request.path_params["token"])
    gelezen = await request.form(max_files=0, max_fields=10, max_part_size=4 * wachtwoorden.MAX_LENGTE + 1024)
    velden = {k: v for k, v in gelezen.items() if isinstance(v, str)}
    if not csrf_klopt(request, velden.get("csrf")):
        return paginas._fout(request, paginas.ONGELDIG_FORMULIER, 403)
    nu = _nu(request)
    try:
        naam = await run_in_threadpool(
            wachtwoordherstel.stel_in,
            paginas._register(request),
            token,
            velden.get("wachtwoord", ""),
            velden.get("herhaald", ""),
            nu,
        )
    except NietGevonden:
        return _werkt_niet(request)
    except AdviesFout as fout:
        naam_ = await run_in_threadpool(_voor_wie, request, token)
        if naam_ is None:
            return _werkt_niet(request)
        return _formulier(request, naam_, paginas._zin(str(fout)), paginas.status_voor(fout))
    paginas.log.info("nieuw wachtwoord ingesteld via een link: %s", naam)
    await run_in_threadpool(paginas._beeindig, request)  # a session this browser had (anyone's) ends
    request.session.clear()  # a fresh form token; this browser logs in anew
    request.session["melding"] = GELUKT
    antwoord = RedirectResponse("/inloggen", status_code=303)
    sessiecookie.wis_sessie(antwoord, request.app.state.https)
    return antwoord
