"""The calendar feed: `/agenda/<token>.ics`, readable without a session (a calendar cannot log in),
with the events of `advies agenda --uit`; and the form on Mijn werk that makes or renews the
person's token (renewing closes the old address)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from adviesfouten import AdviesFout
from workflow import agenda
from workflow.web import paginas
from workflow.web.beveiliging import csrf_klopt


def feed(request: Request) -> Response:
    from opslag.database import sessie

    with sessie(paginas._register(request).engine(), schrijven=False) as s:
        inhoud = agenda.feed(s, str(request.path_params["token"]))
    if inhoud is None:
        return paginas._fout(request, "Deze pagina bestaat niet.", 404)
    return Response(inhoud, media_type="text/calendar; charset=utf-8", headers={"Cache-Control": "no-store"})


async def vernieuw(request: Request) -> Response:
    formulier = await request.form(max_files=0, max_fields=5)
    naam = paginas._naam(request)
    if naam is None:
        return paginas._naar_inloggen(request)
    if not csrf_klopt(request, formulier.get("csrf")):
        return paginas._fout(request, paginas.ONGELDIG_FORMULIER, 403)
    try:
        await run_in_threadpool(
            paginas._register(request).als(naam).wijzigen, lambda s, wie: agenda.token(s, wie, True)
        )
    except AdviesFout as fout:
        return paginas._fout(request, paginas._zin(str(fout)), paginas.status_voor(fout))
    request.session["melding"] = "Uw agenda-adres is nieuw; het oude adres werkt niet meer."
    return RedirectResponse("/", status_code=303)
